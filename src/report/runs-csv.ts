import { HEADLINE_METRIC_NAMES, headlineMetrics } from '../metrics/headline.js';
import { type Cell, toCsv } from './csv-format.js';
import { pipelineColumns, pipelineColumnsOf } from './pipeline-columns.js';
import {
  paramNamesOf,
  type RunRecord,
  runKeyCells,
  runKeyColumns,
  sortByRunId,
} from './run-record.js';

/** run_id, variant, <param paths...>, replication, seed, <headline metrics...> */
export function runsCsvColumns(paramNames: readonly string[]): string[] {
  return [...runKeyColumns(paramNames), 'seed', ...HEADLINE_METRIC_NAMES];
}

/** runs.csv: one row per run, in run-id order, with every headline metric. */
export function runsCsv(
  records: readonly RunRecord[],
  paramNames: readonly string[] = paramNamesOf(sortByRunId(records)),
): string {
  const pipelines = pipelineColumnsOf(records);
  const rows = sortByRunId(records).map((record): Cell[] => {
    const metrics = headlineMetrics(record.result);
    const extra = pipelines.length === 0 ? {} : pipelineColumns(record.result);
    return [
      ...runKeyCells(record, paramNames),
      record.seed,
      ...HEADLINE_METRIC_NAMES.map((name) => metrics[name]),
      ...pipelines.map((name) => extra[name]),
    ];
  });
  return toCsv([...runsCsvColumns(paramNames), ...pipelines], rows);
}
