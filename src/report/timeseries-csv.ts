import type { WindowMetrics } from '../metrics/run-result.js';
import { timeSeriesRows } from '../metrics/time-series.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const TIMESERIES_COLUMNS = [
  'window_start_ms',
  'scope',
  'requests',
  'succeeded',
  'failed',
  'latency_mean_ms',
  'latency_p99_ms',
  'ready_pods',
  'cpu_cores_used',
  'cpu_request_utilization',
] as const;

export type TimeseriesColumn = (typeof TIMESERIES_COLUMNS)[number];

/** One window as named fields: shared by timeseries.csv and results.json so they agree. */
export function windowFields(window: WindowMetrics): Record<TimeseriesColumn, Cell> {
  return {
    window_start_ms: window.startMs,
    scope: window.scope,
    requests: window.requests,
    succeeded: window.succeeded,
    failed: window.failed,
    latency_mean_ms: window.meanMs,
    latency_p99_ms: window.p99Ms,
    ready_pods: window.readyPods,
    cpu_cores_used: window.cpuCoresUsed,
    cpu_request_utilization: window.cpuRequestUtilization,
  };
}

/** timeseries.csv, long form: one row per (run, window, scope); scope is "total" or a service. */
export const timeseriesCsv = perRunTable(
  TIMESERIES_COLUMNS,
  (record) => timeSeriesRows(record.result.timeseries),
  windowFields,
);
