import { HEADLINE_METRIC_NAMES, headlineMetrics } from '../metrics/headline.js';
import { type Cell, toCsv } from './csv-format.js';
import {
  paramNamesOf,
  type RunRecord,
  runKeyCells,
  runKeyColumns,
  sortByRunId,
} from './run-record.js';
import { hasSteadyState, STEADY_STATE_COLUMNS, steadyStateCells } from './steady-state-columns.js';

/** run_id, variant, <param paths...>, replication, seed, <headline metrics...> */
export function runsCsvColumns(paramNames: readonly string[]): string[] {
  return [...runKeyColumns(paramNames), 'seed', ...HEADLINE_METRIC_NAMES];
}

/** runs.csv: one row per run, in run-id order, with every headline metric. */
export function runsCsv(
  records: readonly RunRecord[],
  paramNames: readonly string[] = paramNamesOf(sortByRunId(records)),
): string {
  const steadyState = hasSteadyState(records);
  const rows = sortByRunId(records).map((record): Cell[] => {
    const metrics = headlineMetrics(record.result);
    return [
      ...runKeyCells(record, paramNames),
      record.seed,
      ...HEADLINE_METRIC_NAMES.map((name) => metrics[name]),
      ...(steadyState ? steadyStateCells(record.result) : []),
    ];
  });
  const columns = runsCsvColumns(paramNames);
  return toCsv(steadyState ? [...columns, ...STEADY_STATE_COLUMNS] : columns, rows);
}
