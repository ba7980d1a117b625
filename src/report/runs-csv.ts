import {
  HEADLINE_METRIC_NAMES,
  headlineMetricNames,
  headlineMetrics,
} from '../metrics/headline.js';
import {
  AUTOSCALING_RUN_COLUMNS,
  autoscalingRunCells,
  hasAutoscaling,
} from './autoscaling-columns.js';
import { type Cell, toCsv } from './csv-format.js';
import { pipelineColumns, pipelineColumnsOf } from './pipeline-columns.js';
import { hasRolloutColumns, ROLLOUT_RUN_COLUMNS, rolloutRunCells } from './rollout-columns.js';
import {
  paramNamesOf,
  type RunRecord,
  runKeyCells,
  runKeyColumns,
  sortByRunId,
} from './run-record.js';
import { hasSteadyState, STEADY_STATE_COLUMNS, steadyStateCells } from './steady-state-columns.js';

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
  const rollouts = hasRolloutColumns(records);
  const autoscaled = records.some((record) => hasAutoscaling(record.result));
  const steadyState = hasSteadyState(records);
  const pipelines = pipelineColumnsOf(records);
  const metricNames = headlineMetricNames(records.map((record) => record.result));
  const rows = sortByRunId(records).map((record): Cell[] => {
    const metrics = headlineMetrics(record.result);
    const extra = pipelines.length === 0 ? {} : pipelineColumns(record.result);
    return [
      ...runKeyCells(record, paramNames),
      record.seed,
      ...metricNames.map((name) => metrics[name] ?? null),
      ...(rollouts ? rolloutRunCells(record) : []),
      ...(autoscaled ? autoscalingRunCells(record.result) : []),
      ...(steadyState ? steadyStateCells(record.result) : []),
      ...pipelines.map((name) => extra[name]),
    ];
  });
  const columns = [
    ...runsCsvColumns(paramNames, metricNames),
    ...(rollouts ? ROLLOUT_RUN_COLUMNS : []),
    ...(autoscaled ? AUTOSCALING_RUN_COLUMNS : []),
    ...(steadyState ? STEADY_STATE_COLUMNS : []),
    ...pipelines,
  ];
  return toCsv(columns, rows);
}
