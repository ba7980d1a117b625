import { describe, expect, it } from 'vitest';
import { edgesCsv } from '../../src/report/edges-csv.js';
import { endpointsCsv } from '../../src/report/endpoints-csv.js';
import { nodesCsv } from '../../src/report/nodes-csv.js';
import { podsCsv } from '../../src/report/pods-csv.js';
import { servicesCsv } from '../../src/report/services-csv.js';
import { timeseriesCsv } from '../../src/report/timeseries-csv.js';
import { timeseriesPodsCsv } from '../../src/report/timeseries-pods-csv.js';
import { makeRecord, makeSweep, shuffled } from './fixtures.js';

const KEY = 'run_id,variant,workload.shoppers.rate,replication';
const lines = (csv: string) => csv.trimEnd().split('\n');

describe('timeseries.csv', () => {
  it('is long form: one row per run and window, with units in the names', () => {
    const csv = timeseriesCsv(makeSweep(1));
    expect(lines(csv)[0]).toBe(
      `${KEY},window_start_ms,scope,requests,succeeded,failed,latency_mean_ms,latency_p99_ms,ready_pods,cpu_cores_used,cpu_request_utilization`,
    );
    expect(lines(csv).slice(1, 3)).toEqual([
      '0,no-mesh,100/s,0,0,total,100,99,1,20,80,3,1.5,0.75',
      '0,no-mesh,100/s,0,1000,total,110,110,0,21,81,3,1.65,0.825',
    ]);
    expect(lines(csv)).toHaveLength(1 + 4 * 2);
  });
});

describe('edges.csv', () => {
  it('has one row per run and edge', () => {
    const csv = edgesCsv([makeRecord({ runId: 4, variant: 'istio', replication: 1 })], []);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,from,to,requests,errors,rate_rps,latency_mean_ms,latency_p99_ms,' +
        'request_bytes,response_bytes,cross_zone_calls,cross_zone_bytes,attempts,attempts_failed,' +
        'retries,retry_overflows,retry_budget_refusals,circuit_breaker_overflows,' +
        'ejections_detected,ejections_enforced',
      '4,istio,1,client,frontend,1000,10,111.1,20,80,1500000,14850000,0,0,1000,10,0,0,0,0,0,0',
    ]);
  });
});

describe('services.csv', () => {
  it('has one row per run and service', () => {
    const csv = servicesCsv([makeRecord({ runId: 2 })]);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,service,requests,errors,errors_originated,errors_passed_on,rate_rps,' +
        'latency_mean_ms,latency_p50_ms,latency_p99_ms,' +
        'worker_wait_mean_ms,worker_wait_p99_ms,worker_waited_fraction,' +
        'cpu_wait_mean_ms,cpu_wait_p99_ms,cpu_waited_fraction,' +
        'ready_pods,pending_pods,cpu_cores_used,cpu_request_utilization,cpu_limit_utilization,' +
        'cfs_periods,cfs_throttled_periods,cfs_throttled_fraction,cfs_throttled_ms,worker_utilization,' +
        'pod_seconds_pending,pod_seconds_scheduled,pod_seconds_pulling_image,pod_seconds_starting,' +
        'pod_seconds_running,pod_seconds_ready,pod_seconds_terminating,' +
        'cpu_core_seconds_used,cpu_core_seconds_requested',
      // No CPU limit: the share of the limit and the CFS quota's counters are empty, not 0.
      '2,base,0,frontend,1000,10,6,4,111.1,20,15,80,0.5,6,0.1,0.5,6,0.2,3,0,2,1,,,,,,0.25,' +
        '0,0,0,0,0,27,0,18,13.5',
    ]);
  });
});

describe('pods.csv', () => {
  it('has one row per run and pod: its version, node, life, seconds by phase and CPU', () => {
    const csv = podsCsv([makeRecord({ runId: 2 })]);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,pod,service,version,node,created_ms,gone_ms,' +
        'seconds_pending,seconds_scheduled,seconds_pulling_image,seconds_starting,seconds_running,' +
        'seconds_ready,seconds_terminating,' +
        'cpu_core_seconds_used,cpu_core_seconds_requested,cpu_request_utilization',
      // Still alive at the end: gone_ms is empty.
      `2,base,0,frontend-0,frontend,v1,n1,0,,0,0,0,0,0,9,0,6,4.5,${6 / 4.5}`,
    ]);
  });
});

describe('nodes.csv', () => {
  it('has one row per run and node: its life, bill, pods by phase and CPU', () => {
    const csv = nodesCsv([makeRecord({ runId: 2 })]);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,node,pool,zone,added_ms,removed_ms,node_seconds,billed_seconds,' +
        'price_per_hour_usd,cost_usd,' +
        'pod_seconds_pending,pod_seconds_scheduled,pod_seconds_pulling_image,pod_seconds_starting,' +
        'pod_seconds_running,pod_seconds_ready,pod_seconds_terminating,' +
        'cpu_core_seconds_allocatable,cpu_core_seconds_requested,cpu_core_seconds_used',
      '2,base,0,n1,default,a,0,,9,9,180,0.45,0,0,0,0,0,27,0,35.28,13.5,18',
    ]);
  });
});

describe('timeseries_pods.csv', () => {
  it('writes every window of the time series, each scope pods as they last changed', () => {
    const csv = timeseriesPodsCsv([makeRecord({ runId: 2 })]);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,window_start_ms,scope,version,phase,pods',
      '2,base,0,0,total,v1,Ready,3',
      '2,base,0,1000,total,v1,Ready,2',
      '2,base,0,1000,total,v2,Starting,1',
    ]);
  });
});

describe('endpoints.csv', () => {
  it('has the columns a service has for its calls, per endpoint', () => {
    const csv = endpointsCsv([makeRecord({ runId: 2 })]);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,service,endpoint,requests,errors,errors_originated,errors_passed_on,rate_rps,' +
        'latency_mean_ms,latency_p50_ms,latency_p99_ms,' +
        'worker_wait_mean_ms,worker_wait_p99_ms,worker_waited_fraction,' +
        'cpu_wait_mean_ms,cpu_wait_p99_ms,cpu_waited_fraction',
      '2,base,0,frontend,GET /,1000,10,6,4,111.1,20,15,80,0.5,6,0.1,0.5,6,0.2',
    ]);
  });
});

describe('per-run item tables', () => {
  it('order rows by run id whatever order the records arrive in', () => {
    const sweep = makeSweep();
    for (const table of [timeseriesCsv, edgesCsv, servicesCsv, podsCsv, nodesCsv]) {
      expect(table(shuffled(sweep))).toBe(table(sweep));
    }
  });

  it('write only the header when there are no runs', () => {
    expect(edgesCsv([], [])).toBe(
      'run_id,variant,replication,from,to,requests,errors,rate_rps,latency_mean_ms,latency_p99_ms,' +
        'request_bytes,response_bytes,cross_zone_calls,cross_zone_bytes,attempts,attempts_failed,' +
        'retries,retry_overflows,retry_budget_refusals,circuit_breaker_overflows,' +
        'ejections_detected,ejections_enforced\n',
    );
  });
});
