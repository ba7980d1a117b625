/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import {
  firstReplicationRuns,
  groupBy,
  numberOf,
  type OutputFiles,
  table,
} from './output-files.js';
import { drawXYPlot, type XYSeries } from './xy-plot.js';

/**
 * A function's execution environments by state, minute by minute (function_metrics.csv's
 * instances_busy_mean, instances_idle_mean, instances_initializing_mean), and its cold
 * starts per minute (the REPORT lines of lambda_report.log with an Init Duration, as
 * CloudWatch Logs would show them) on the right axis. One figure per variant (replication
 * 0) for the first function.
 */
export interface FunctionInstancesData {
  run: string;
  fn: string;
  minutes: {
    startS: number;
    busy: number;
    idle: number;
    initializing: number;
    coldStarts: number;
  }[];
}

const MAX_FIGURES = 4;

/** Cold starts by run id and minute start (s), from lambda_report.log. */
function coldStartsByMinute(log: string | undefined, fn: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (log === undefined) return counts;
  for (const line of log.split('\n')) {
    const [run, time, name] = line.split('\t');
    if (name !== fn || !line.includes('\tInit Duration: ')) continue;
    const minute = Math.floor(Number(time) / 60) * 60;
    const key = `${run?.replace(/^run /, '')} ${minute}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function functionInstancesData(files: OutputFiles): FunctionInstancesData[] {
  const runs = table(files, 'runs.csv');
  const metrics = table(files, 'function_metrics.csv');
  if (runs === undefined || metrics === undefined) return [];
  const fn = metrics.rows[0]?.function ?? '';
  const byRun = groupBy(
    metrics.rows.filter((r) => r.function === fn),
    (r) => r.run_id ?? '',
  );
  const cold = coldStartsByMinute(files.get('lambda_report.log'), fn);
  return firstReplicationRuns(runs, MAX_FIGURES).flatMap(({ runId, label }) => {
    const rows = byRun.get(runId);
    if (rows === undefined) return [];
    const minutes = rows.map((r) => {
      const startS = numberOf(r.minute_start_s) ?? 0;
      return {
        startS,
        busy: numberOf(r.instances_busy_mean) ?? 0,
        idle: numberOf(r.instances_idle_mean) ?? 0,
        initializing: numberOf(r.instances_initializing_mean) ?? 0,
        coldStarts: cold.get(`${runId} ${startS}`) ?? 0,
      };
    });
    return [{ run: label, fn, minutes }];
  });
}

export function drawFunctionInstances(
  container: Element,
  data: FunctionInstancesData,
  options: ChartOptions,
): void {
  const state = (name: string, pick: (m: FunctionInstancesData['minutes'][number]) => number) => ({
    name,
    points: data.minutes.map((m) => ({ x: m.startS / 60, y: pick(m) })),
  });
  const series: XYSeries[] = [
    state('busy', (m) => m.busy),
    state('idle', (m) => m.idle),
    state('initializing', (m) => m.initializing),
    { ...state('cold starts (right)', (m) => m.coldStarts), axis: 'right' },
  ];
  drawXYPlot(
    container,
    'function-instances',
    {
      title: `How many environments does ${data.fn} keep, and how often does it start cold? (${data.run})`,
      xLabel: 'simulated time (min)',
      yLabel: 'instances (mean over the minute)',
      y2Label: 'cold starts (per minute)',
      series,
      markers: 'sparse',
      yFromZero: true,
      takeaway: 'function_metrics.csv and lambda_report.log, replication 0.',
    },
    options,
  );
}

export const functionInstancesChart: Chart<FunctionInstancesData> = {
  id: 'function-instances',
  reads: ['runs.csv', 'function_metrics.csv', 'lambda_report.log'],
  figures: functionInstancesData,
  draw: drawFunctionInstances,
};
