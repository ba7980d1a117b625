import type { AutoscalingResult } from '../metrics/autoscaling-result.js';
import { count, fixed, renderTable } from './summary-table.js';

/**
 * The run's autoscaling (docs/autoscaling.md): each scale-up until the service's ready pods
 * caught up, split into its phases along the last pod to become ready, with the requests
 * that failed and the worst window p99 meanwhile; then what the autoscalers changed.
 */
export function autoscalingSection(autoscaling: AutoscalingResult): string {
  const catchUps = renderTable(
    [
      'service',
      'from s',
      'replicas',
      'caught up s',
      'metric lag',
      'hpa decision',
      'scheduling',
      'pull+start',
      'readiness',
      'failed',
      'peak p99 ms',
    ],
    autoscaling.catchUps.map((c) => [
      c.service,
      fixed(c.startS, 1),
      `${c.replicasFrom}→${c.replicasTo}`,
      c.durationS === null ? 'not by the end' : fixed(c.durationS, 1),
      fixed(c.metricLagS, 1),
      fixed(c.hpaDecisionS, 1),
      fixed(c.schedulingS, 1),
      fixed(c.imagePullAndStartS, 1),
      fixed(c.readinessS, 1),
      count(c.failedRequests),
      fixed(c.peakP99Ms, 1),
    ]),
    1,
  );
  const changes = autoscaling.decisions.filter((d) => d.replicas !== d.current);
  const actions = renderTable(
    ['time s', 'controller', 'target', 'metric', 'seen', 'from', 'to', 'reason'],
    changes.map((d) => [
      fixed(d.timeS, 1),
      d.controller,
      d.target,
      d.metric ?? '',
      d.observed === null ? '' : String(d.observed),
      count(d.current),
      count(d.replicas),
      d.node === null ? d.reason : `${d.reason} ${d.node}`,
    ]),
    4,
  );
  return (
    'Autoscaling: scale-ups until ready pods caught up (phases in s, along the last pod to be ready)\n' +
    `${catchUps}\n\nAutoscaling actions (every change; autoscaling.csv has every sync)\n${actions}`
  );
}
