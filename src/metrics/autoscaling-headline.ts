import type { AutoscalingResult, CatchUpRow } from './autoscaling-result.js';
import { byName, type OptionalHeadlines } from './optional-headlines.js';
import type { Statistic } from './run-result.js';

/**
 * Issue 14: what the autoscalers did, as headline metrics only in runs with an HPA or an
 * autoscaled node pool (docs/autoscaling.md; optional-headlines.ts). The catch-up metrics
 * describe the run's scale-up in which most requests failed (the longest of those that
 * tie) among those that caught up; a run with none has them empty.
 */
export const AUTOSCALING_HEADLINES: OptionalHeadlines = {
  names: [
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
  ],
  has: (result) => result.autoscaling !== undefined,
  metrics: (result) => byName(AUTOSCALING_HEADLINES.names, autoscalingValues(result.autoscaling!)),
  directions: {
    autoscale_catch_up_s: 'lower',
    autoscale_failed_requests: 'lower',
    autoscale_peak_p99_ms: 'lower',
    autoscale_unfinished_catch_ups: 'lower',
  },
  compared: [
    'autoscale_catch_up_s',
    'autoscale_failed_requests',
    'autoscale_peak_p99_ms',
    'hpa_peak_replicas',
    'nodes_added',
  ],
};

function autoscalingValues(autoscaling: AutoscalingResult): Statistic[] {
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
