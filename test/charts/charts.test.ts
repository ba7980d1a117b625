import { describe, expect, it } from 'vitest';
import { availabilityOverTimeChart, faultMarks } from '../../src/charts/availability-over-time.js';
import { costAndP99Chart, costAndP99Takeaway } from '../../src/charts/cost-and-p99.js';
import { costBreakdownChart, costBreakdownData } from '../../src/charts/cost-breakdown.js';
import {
  allocatedCostLines,
  costVsLoadChart,
  costVsLoadData,
} from '../../src/charts/cost-vs-load.js';
import { functionInstancesData } from '../../src/charts/function-instances.js';
import { latencyCdfChart, latencyCdfData } from '../../src/charts/latency-cdf.js';
import { percentilesChart, percentilesData } from '../../src/charts/percentiles-vs-parameter.js';
import { podsOverTimeData } from '../../src/charts/pods-over-time.js';
import { scaleUpPhasesChart } from '../../src/charts/scale-up-phases.js';
import { draw, filesOf } from './draw.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

// summary.csv, cut to the columns the charts read: two variants at two loads.
const SUMMARY = filesOf({
  'summary.csv': [
    'variant,workload.users.rate,replications,baseline,latency_p50_ms_mean,latency_p50_ms_ci95,latency_p90_ms_mean,latency_p99_ms_mean,latency_p99_ms_ci95,latency_p999_ms_mean,latency_max_ms_mean,cost_usd_mean,cost_usd_ci95',
    'a,100/s,3,a,10,1,20,200,20,400,500,1,0.1',
    'a,400/s,3,a,12,1,25,116,10,300,450,2,0.1',
    `${HOSTILE},100/s,3,a,11,,22,210,,,600,1.5,`,
    `${HOSTILE},400/s,3,a,13,,,,,,,3,`,
  ],
});

describe('latency CDF', () => {
  it('has one line per variant at the first grid point, a marker per quantile the outputs hold', () => {
    const [data] = latencyCdfData(SUMMARY);
    expect(data!.at).toBe(' at users.rate=100/s');
    expect(data!.variants.map((v) => v.quantiles.length)).toEqual([5, 4]);
    const drawn = draw(latencyCdfChart, data!);
    expect(drawn.count('.series path.line')).toBe(2);
    expect(drawn.count('.series .marker')).toBe(9);
    expect(drawn.texts('.axis-label')).toEqual([
      'end-to-end latency (ms, log scale)',
      'fraction of requests at or below',
    ]);
  });

  it('shows a hostile variant name as text: no element is made of it', () => {
    const drawn = draw(latencyCdfChart, latencyCdfData(SUMMARY)[0]!);
    expect(drawn.markup).not.toContain('<img');
    expect(drawn.markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(drawn.count('img')).toBe(0);
    expect(drawn.texts('.legend-entry text')).toEqual(['a', HOSTILE]);
  });
});

describe('percentiles against the swept parameter', () => {
  it('draws p50 and p99 per variant, with a band where there is a 95% interval', () => {
    const [data] = percentilesData(SUMMARY);
    expect(data!.series.map((s) => [s.name, s.points.length])).toEqual([
      ['a p50', 2],
      ['a p99', 2],
      [`${HOSTILE} p50`, 2],
      [`${HOSTILE} p99`, 1],
    ]);
    expect(data!.series[1]!.points[0]).toEqual({ x: 100, y: 200, low: 180, high: 220 });
    const drawn = draw(percentilesChart, data!);
    expect(drawn.count('.series path.line')).toBe(4);
    expect(drawn.count('.series path.band')).toBe(2);
    expect(drawn.count('.series .marker')).toBe(7);
    expect(drawn.texts('.axis-label')).toEqual(['workload.users.rate (/s)', 'latency (ms)']);
  });

  it('places durations written in several units or parts (30s, 1m30s, 2m) in seconds', () => {
    const timeouts = filesOf({
      'summary.csv': [
        'variant,workload.users.timeout,replications,baseline,latency_p50_ms_mean',
        'a,30s,3,a,10',
        'a,1m30s,3,a,12',
        'a,2m,3,a,14',
      ],
    });
    const [data] = percentilesData(timeouts);
    expect(data!.unit).toBe('s');
    expect(data!.series[0]!.points.map((p) => p.x)).toEqual([30, 90, 120]);
  });

  it('keeps durations written in one unit as written', () => {
    const timeouts = filesOf({
      'summary.csv': [
        'variant,workload.users.timeout,replications,baseline,latency_p50_ms_mean',
        'a,500ms,3,a,10',
        'a,1500ms,3,a,12',
      ],
    });
    const [data] = percentilesData(timeouts);
    expect(data!.unit).toBe('ms');
    expect(data!.series[0]!.points.map((p) => p.x)).toEqual([500, 1500]);
  });
});

describe('cost and p99 against one knob', () => {
  it('writes the takeaway from the numbers: p99 200 → 116 ms is -42%, cost 1 → 2 USD is +100%', () => {
    const [data] = costAndP99Chart.figures(SUMMARY);
    expect(costAndP99Takeaway(data!)).toBe(
      'a: p99 falls 42% from workload.users.rate 100/s to 400/s while cost rises 100%.',
    );
    const drawn = draw(costAndP99Chart, data!);
    expect(drawn.texts('.takeaway tspan').join(' ')).toBe(
      'a: p99 falls 42% from workload.users.rate 100/s to 400/s while cost rises 100%.',
    );
    expect(drawn.count('.y2-axis')).toBe(1);
    expect(drawn.texts('.axis-label')).toEqual([
      'workload.users.rate (/s)',
      'p99 latency (ms)',
      'cost of the measured period (USD)',
    ]);
  });

  it('says a knob with no effect does not change it, and replicas without a unit', () => {
    const text = costAndP99Takeaway({
      axis: 'services.api.replicas',
      unit: '',
      log: false,
      line: '',
      p99: [
        { x: 4, y: 50 },
        { x: 1, y: 100 },
      ],
      cost: [
        { x: 1, y: 2 },
        { x: 4, y: 2 },
      ],
    });
    expect(text).toBe(
      'p99 falls 50% from services.api.replicas 1 to 4 while cost does not change.',
    );
  });

  it('is not drawn without a grid', () => {
    const noGrid = filesOf({
      'summary.csv': ['variant,replications,latency_p99_ms_mean,cost_usd_mean', 'a,1,5,1'],
    });
    expect(costAndP99Chart.figures(noGrid)).toEqual([]);
    expect(percentilesData(noGrid)).toEqual([]);
  });
});

// cost.csv: two replications of one variant, and one of another, at one grid point.
const COST = filesOf({
  'cost.csv': [
    'run_id,variant,replication,ledger,item,subject,quantity,unit,unit_price_usd,cost_usd,usd_per_million_requests',
    '0,k8s,0,bill,node,n-0,1,h,0.1,0.1,',
    '0,k8s,0,bill,node,n-1,1,h,0.1,0.1,',
    '0,k8s,0,bill,control-plane,cluster,1,h,0.1,0.1,',
    '0,k8s,0,allocation,allocation-cpu,api,1,h,0.1,0.15,',
    '1,k8s,1,bill,node,n-0,1,h,0.1,0.3,',
    '1,k8s,1,bill,control-plane,cluster,1,h,0.1,0.1,',
    '2,fn,0,bill,function-requests,api-fn,1,r,0.1,0.05,',
  ],
  'runs.csv': [
    'run_id,variant,replication,seed,requests_total',
    '0,k8s,0,1,1000',
    '1,k8s,1,2,1000',
    '2,fn,0,3,500',
  ],
});

describe('cost breakdown', () => {
  it('sums the bill by item and averages over the replications; the allocation is not the bill', () => {
    const [data] = costBreakdownData(COST);
    expect(data!.items).toEqual(['node', 'control-plane', 'function-requests']);
    expect(data!.bars).toEqual([
      { name: 'k8s', costUsd: [0.25, 0.1, 0] },
      { name: 'fn', costUsd: [0, 0, 0.05] },
    ]);
    const drawn = draw(costBreakdownChart, data!);
    expect(drawn.count('rect.bar')).toBe(3);
    expect(drawn.count('.legend-entry')).toBe(3);
    expect(drawn.texts('.row-label')).toEqual(['k8s', 'fn']);
  });

  it('computes the allocated cost per million as crossover-metrics.ts does', () => {
    const lines = allocatedCostLines(
      filesOf({
        'cost.csv': [
          'run_id,variant,workload.users.rate,replication,ledger,item,subject,quantity,unit,unit_price_usd,cost_usd,usd_per_million_requests',
          '0,k8s,10/s,0,bill,node,n-0,1,h,0.1,0.1,',
          '0,k8s,10/s,0,bill,cross-zone,cluster,1,GB,0.01,0.01,',
          '0,k8s,10/s,0,allocation,allocation-cpu,api,1,h,0.1,0.04,',
          '0,k8s,10/s,0,allocation,idle-cpu,idle,1,h,0.1,0.06,',
        ],
        'runs.csv': [
          'run_id,variant,workload.users.rate,replication,seed,requests_total',
          '0,k8s,10/s,0,1,1000',
        ],
      }),
      'workload.users.rate',
    );
    // (0.01 cross-zone + 0.04 allocated) / 1000 requests × 1e6 = 50 USD per million.
    expect([...lines!]).toEqual([['k8s', [{ x: 10, y: 50 }]]]);
  });
});

describe('cost against load with the crossover marked', () => {
  it('marks each crossing of the baseline, with its load', () => {
    const files = filesOf({
      'summary.csv': [
        'variant,workload.users.rate,replications,baseline,cost_usd_per_million_mean,cost_usd_per_million_ci95',
        'fn,1/s,2,fn,1,',
        'fn,100/s,2,fn,1,',
        'k8s,1/s,2,fn,10,',
        'k8s,100/s,2,fn,0.1,',
      ],
      'crossovers.csv': [
        'metric,axis,axis_unit,scale,metric_scale,variant_a,variant_b,kind,from,to,at',
        'cost_usd_per_million,workload.users.rate,per_s,log,log,fn,k8s,crossing,1/s,100/s,10',
      ],
    });
    const [data] = costVsLoadData(files);
    expect(data!.crossings).toEqual([{ at: 10, label: 'fn = k8s at 10' }]);
    const drawn = draw(costVsLoadChart, data!);
    expect(drawn.count('.vertical-mark line')).toBe(1);
    expect(drawn.count('.series path.line')).toBe(2);
    expect(drawn.count('.series .marker')).toBe(4);
  });
});

describe('availability over time', () => {
  it('has no point for a window in which no request ended (absent, not 0 or 100%)', () => {
    const files = filesOf({
      'runs.csv': ['run_id,variant,replication,seed', '0,a,0,1', '1,a,1,2'],
      'timeseries.csv': [
        'run_id,variant,replication,window_start_ms,scope,requests,succeeded,failed',
        '0,a,0,0,total,10,9,1',
        '0,a,0,0,api,10,9,1',
        '0,a,0,1000,total,0,0,0',
        '0,a,0,2000,total,4,3,1',
        '1,a,1,0,total,10,10,0',
      ],
    });
    const [data] = availabilityOverTimeChart.figures(files);
    expect(data!.runs.map((r) => r.windows.length)).toEqual([3]);
    expect(data!.faults).toEqual([]);
    const drawn = draw(availabilityOverTimeChart, data!);
    expect(drawn.texts('.marker title')).toEqual([
      'a: simulated time (s) 0, 90',
      'a: simulated time (s) 2, 75',
    ]);
    expect(drawn.texts('.axis-label')).toEqual(['simulated time (s)', 'availability (%)']);
  });

  it("marks each injected fault's window once, from replication 0", () => {
    const files = filesOf({
      'faults.csv': [
        'run_id,variant,replication,kind,target,start_s,end_s',
        '0,a,0,networkDelay,checkout->payment,60,240',
        '0,a,0,networkLoss,checkout->payment,60,240',
        '1,b,0,networkDelay,checkout->payment,60,240',
        '2,a,1,zoneOutage,b,30,',
      ],
    });
    expect(faultMarks(files)).toEqual([
      { x: 60, label: 'networkDelay checkout->payment' },
      { x: 240, label: 'networkDelay checkout->payment ends' },
      { x: 60, label: 'networkLoss checkout->payment' },
      { x: 240, label: 'networkLoss checkout->payment ends' },
    ]);
  });
});

describe('pods by version and phase', () => {
  it('draws a run whose pods change, with 0 where a (version, phase) has no row, and skips a static one', () => {
    const files = filesOf({
      'runs.csv': ['run_id,variant,replication,seed', '0,static,0,1', '1,rolling,0,2'],
      'timeseries_pods.csv': [
        'run_id,variant,replication,window_start_ms,scope,version,phase,pods',
        '0,static,0,0,total,v1,Ready,2',
        '0,static,0,1000,total,v1,Ready,2',
        '1,rolling,0,0,total,v1,Ready,2',
        '1,rolling,0,1000,total,v1,Ready,1',
        '1,rolling,0,1000,total,v2,Starting,1',
        '1,rolling,0,1000,api,v2,Starting,1',
      ],
    });
    expect(podsOverTimeData(files)).toEqual([
      {
        run: 'rolling',
        scope: 'total',
        lines: [
          {
            name: 'v1 Ready',
            points: [
              { x: 0, y: 2 },
              { x: 1, y: 1 },
            ],
          },
          {
            name: 'v2 Starting',
            points: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
          },
        ],
        marks: [],
      },
    ]);
  });

  it("draws the pods of the service that rolled out, not every service's", () => {
    const files = filesOf({
      'runs.csv': ['run_id,variant,replication,seed', '0,canary,0,1'],
      'timeseries_pods.csv': [
        'run_id,variant,replication,window_start_ms,scope,version,phase,pods',
        '0,canary,0,0,total,v1,Ready,14',
        '0,canary,0,0,web,v1,Ready,3',
        '0,canary,0,0,api,v1,Ready,10',
        '0,canary,0,1000,total,v1,Ready,14',
        '0,canary,0,1000,total,v2,Ready,1',
        '0,canary,0,1000,api,v1,Ready,10',
        '0,canary,0,1000,api,v2,Ready,1',
      ],
      'rollouts.csv': [
        'run_id,variant,replication,service,to_version,start_s,end_s,outcome',
        '0,canary,0,api,v2,1,,in-progress',
      ],
    });
    const [figure] = podsOverTimeData(files);
    expect(figure!.scope).toBe('api');
    expect(figure!.lines.map((line) => [line.name, line.points.map((p) => p.y)])).toEqual([
      ['v1 Ready', [10, 10]],
      ['v2 Ready', [0, 1]],
    ]);
    expect(figure!.marks).toEqual([{ x: 1, label: 'api v2 starts' }]);
  });
});

describe('function instances and cold starts', () => {
  it('counts the REPORT lines with an Init Duration per minute as cold starts', () => {
    const files = filesOf({
      'runs.csv': ['run_id,variant,replication,seed', '0,on-demand,0,1'],
      'function_metrics.csv': [
        'run_id,variant,replication,function,minute_start_s,instances_busy_mean,instances_idle_mean,instances_initializing_mean',
        '0,on-demand,0,fn,0,1.5,2,0.25',
        '0,on-demand,0,fn,60,1,3,0',
      ],
      'lambda_report.log': [
        'run 0\t0.5\tfn\tREPORT RequestId: fn-1\tDuration: 3.00 ms\tInit Duration: 300.00 ms',
        'run 0\t1.5\tfn\tREPORT RequestId: fn-2\tDuration: 3.00 ms',
        'run 0\t59.9\tfn\tREPORT RequestId: fn-3\tDuration: 3.00 ms\tInit Duration: 250.00 ms',
        'run 0\t61\tfn\tREPORT RequestId: fn-4\tDuration: 3.00 ms\tInit Duration: 250.00 ms',
      ],
    });
    const [data] = functionInstancesData(files);
    expect(data!.minutes).toEqual([
      { startS: 0, busy: 1.5, idle: 2, initializing: 0.25, coldStarts: 2 },
      { startS: 60, busy: 1, idle: 3, initializing: 0, coldStarts: 1 },
    ]);
  });
});

describe('scale-up phases', () => {
  it('stacks the five phases per variant, a segment per phase with a value', () => {
    const files = filesOf({
      'summary.csv': [
        'variant,replications,autoscale_metric_lag_s_mean,autoscale_hpa_decision_s_mean,autoscale_scheduling_s_mean,autoscale_image_pull_and_start_s_mean,autoscale_readiness_s_mean',
        'default,1,15,5,0,30,10',
        'none,1,,,,,',
      ],
    });
    const [data] = scaleUpPhasesChart.figures(files);
    const drawn = draw(scaleUpPhasesChart, data!);
    expect(drawn.count('rect.bar')).toBe(4);
    expect(drawn.count('.legend-entry')).toBe(5);
    expect(drawn.texts('.axis-label')).toEqual([
      'time from the load step to enough ready pods (s)',
    ]);
  });
});
