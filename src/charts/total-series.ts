import {
  firstGridPointText,
  firstReplicationRuns,
  groupBy,
  numberOf,
  type OutputFiles,
  type Row,
  table,
} from './output-files.js';

/** At most this many runs in a chart over time. */
export const MAX_RUNS_OVER_TIME = 6;

export interface RunWindows {
  label: string;
  /** " at rate=300/s": the grid point drawn, or '' */
  at: string;
  /** window length, seconds */
  windowS: number;
  windows: { startS: number; succeeded: number; failed: number }[];
}

/**
 * timeseries.csv's `total` rows of replication 0 of each variant and grid point: what the
 * clients saw, window by window.
 */
export function totalWindows(files: OutputFiles): RunWindows[] {
  const runs = table(files, 'runs.csv');
  const series = table(files, 'timeseries.csv');
  if (runs === undefined || series === undefined) return [];
  const byRun = groupBy(
    series.rows.filter((r) => r.scope === 'total'),
    (r) => r.run_id ?? '',
  );
  return firstReplicationRuns(runs, MAX_RUNS_OVER_TIME, true).flatMap(({ runId, label }) => {
    const rows = byRun.get(runId);
    if (rows === undefined || rows.length === 0) return [];
    const starts = rows.map((r) => numberOf(r.window_start_ms) ?? 0);
    const windowMs = starts.length > 1 ? starts[1]! - starts[0]! : 1000;
    return [
      {
        label,
        at: firstGridPointText(runs),
        windowS: windowMs / 1000,
        windows: rows.map(windowOf),
      },
    ];
  });
}

function windowOf(row: Row) {
  return {
    startS: (numberOf(row.window_start_ms) ?? 0) / 1000,
    succeeded: numberOf(row.succeeded) ?? 0,
    failed: numberOf(row.failed) ?? 0,
  };
}
