import type { RunResult, Statistic } from '../metrics/run-result.js';
import { worstCatchUp } from './autoscaling-csv.js';

/**
 * Issue 14: runs.csv's autoscaling columns, after every other column, only when one of its
 * runs has an HPA or an autoscaled node pool (docs/autoscaling.md): the tables of every other
 * run keep their bytes. The catch-up columns describe the run's scale-up in which most
 * requests failed (the longest of those that tie) among those that caught up; a run with
 * none has them empty.
 */
export const AUTOSCALING_RUN_COLUMNS = [
  'autoscale_catch_up_s',
  'autoscale_metric_lag_s',
  'autoscale_hpa_decision_s',
  'autoscale_scheduling_s',
  'autoscale_image_pull_and_start_s',
  'autoscale_readiness_s',
  'autoscale_failed_requests',
  'autoscale_peak_p99_ms',
  'autoscale_unfinished_catch_ups',
  'hpa_scale_ups',
  'hpa_scale_downs',
  'hpa_peak_replicas',
  'nodes_added',
  'nodes_removed',
] as const;

export function hasAutoscaling(result: RunResult): boolean {
  return result.autoscaling !== undefined;
}

export function autoscalingRunCells(result: RunResult): Statistic[] {
  const autoscaling = result.autoscaling;
  if (autoscaling === undefined) return AUTOSCALING_RUN_COLUMNS.map(() => null);
  const c = worstCatchUp(autoscaling);
  const hpa = autoscaling.decisions.filter((d) => d.controller === 'hpa');
  const nodes = autoscaling.decisions.filter((d) => d.controller === 'cluster-autoscaler');
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return [
    c?.durationS ?? null,
    c?.metricLagS ?? null,
    c?.hpaDecisionS ?? null,
    c?.schedulingS ?? null,
    c?.imagePullAndStartS ?? null,
    c?.readinessS ?? null,
    c?.failedRequests ?? null,
    c?.peakP99Ms ?? null,
    autoscaling.catchUps.filter((u) => u.caughtUpS === null).length,
    hpa.filter((d) => d.replicas > d.current).length,
    hpa.filter((d) => d.replicas < d.current).length,
    hpa.length === 0 ? null : Math.max(...hpa.map((d) => d.replicas)),
    sum(nodes.filter((d) => d.reason !== 'ScaleDown').map((d) => d.replicas - d.current)),
    nodes.filter((d) => d.reason === 'ScaleDown').length,
  ];
}
