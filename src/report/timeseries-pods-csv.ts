import { type PodSeriesRow, podSeriesRows } from '../metrics/ledger/pod-series.js';
import { timeSeriesRows } from '../metrics/time-series.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const TIMESERIES_POD_COLUMNS = [
  'window_start_ms',
  'scope',
  'version',
  'phase',
  'pods',
] as const;

export type TimeseriesPodColumn = (typeof TIMESERIES_POD_COLUMNS)[number];

export function podSeriesFields(row: PodSeriesRow): Record<TimeseriesPodColumn, Cell> {
  return {
    window_start_ms: row.startMs,
    scope: row.scope,
    version: row.version,
    phase: row.phase,
    pods: row.pods,
  };
}

/**
 * timeseries_pods.csv, long form: one row per (run, window, scope, version, phase) with at
 * least one pod at the window's end, every window of timeseries.csv. A missing row is 0 pods;
 * pivot with pandas (`pivot_table(index=[...], columns=["version", "phase"], values="pods",
 * fill_value=0)`).
 */
export const timeseriesPodsCsv = perRunTable(
  TIMESERIES_POD_COLUMNS,
  (record) => podSeriesRows(timeSeriesRows(record.result.timeseries), record.result.podSeries),
  podSeriesFields,
);
