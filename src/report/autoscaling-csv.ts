import type {
  AutoscalingDecisionRow,
  AutoscalingResult,
  CatchUpRow,
} from '../metrics/autoscaling-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/**
 * autoscaling.csv (docs/autoscaling.md): after run_id, variant, <param paths...>,
 * replication, one row per HPA sync and per cluster autoscaler action, in time order.
 */
export const AUTOSCALING_COLUMNS = [
  'time_s',
  'controller',
  'target',
  'metric',
  'observed',
  'current',
  'desired',
  'stabilized',
  'replicas',
  'reason',
  'node',
] as const;

export type AutoscalingColumn = (typeof AUTOSCALING_COLUMNS)[number];

export function autoscalingFields(d: AutoscalingDecisionRow): Record<AutoscalingColumn, Cell> {
  return {
    time_s: d.timeS,
    controller: d.controller,
    target: d.target,
    metric: d.metric,
    observed: d.observed,
    current: d.current,
    desired: d.desired,
    stabilized: d.stabilized,
    replicas: d.replicas,
    reason: d.reason,
    node: d.node,
  };
}

export const autoscalingCsv = perRunTable(
  AUTOSCALING_COLUMNS,
  (record) => record.result.autoscaling?.decisions ?? [],
  autoscalingFields,
);

/** results.json's catch-up entries (and the run's text section), in the CSV's naming. */
export function catchUpFields(c: CatchUpRow): Record<string, Cell> {
  return {
    service: c.service,
    start_s: c.startS,
    caught_up_s: c.caughtUpS,
    duration_s: c.durationS,
    replicas_from: c.replicasFrom,
    replicas_to: c.replicasTo,
    metric_lag_s: c.metricLagS,
    hpa_decision_s: c.hpaDecisionS,
    scheduling_s: c.schedulingS,
    image_pull_and_start_s: c.imagePullAndStartS,
    readiness_s: c.readinessS,
    failed_requests: c.failedRequests,
    peak_p99_ms: c.peakP99Ms,
  };
}

/**
 * The scale-up that hurt most: the one in which most requests failed, the longer of those
 * that tie; only those that caught up before the run ended. Undefined without one.
 */
export function worstCatchUp(result: AutoscalingResult): CatchUpRow | undefined {
  let worst: CatchUpRow | undefined;
  for (const c of result.catchUps) {
    if (c.durationS === null) continue;
    const worse =
      worst === undefined ||
      c.failedRequests > worst.failedRequests ||
      (c.failedRequests === worst.failedRequests && c.durationS > worst.durationS!);
    if (worse) worst = c;
  }
  return worst;
}
