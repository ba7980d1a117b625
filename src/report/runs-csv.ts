import {
  HEADLINE_METRIC_NAMES,
  headlineMetricNames,
  headlineMetrics,
} from '../metrics/headline.js';
import { type Cell, toCsv } from './csv-format.js';
import {
  paramNamesOf,
  type RunRecord,
  runKeyCells,
  runKeyColumns,
  sortByRunId,
} from './run-record.js';

/** run_id, variant, <param paths...>, replication, seed, <headline metrics...> */
export function runsCsvColumns(
  paramNames: readonly string[],
  metricNames: readonly string[] = HEADLINE_METRIC_NAMES,
): string[] {
  return [...runKeyColumns(paramNames), 'seed', ...metricNames];
}

/** runs.csv: one row per run, in run-id order, with every headline metric. */
export function runsCsv(
  records: readonly RunRecord[],
  paramNames: readonly string[] = paramNamesOf(sortByRunId(records)),
): string {
  const metricNames = headlineMetricNames(records.map((record) => record.result));
  const rows = sortByRunId(records).map((record): Cell[] => {
    const metrics = headlineMetrics(record.result);
    return [
      ...runKeyCells(record, paramNames),
      record.seed,
      ...metricNames.map((name) => metrics[name] ?? null),
    ];
  });
  return toCsv(runsCsvColumns(paramNames, metricNames), rows);
}
