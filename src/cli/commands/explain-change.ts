import { DEFAULT_AUTOSCALING_SETTINGS, type HpaMetric } from '../../scenario/autoscaling-schema.js';
import type { FaultConfig } from '../../scenario/fault-schema.js';
import { formatDuration } from '../../scenario/index.js';
import type { Scenario } from '../../scenario/schema.js';

/**
 * What may change the cluster while the run goes on (issue 14): each HPA and autoscaled
 * node pool, the Deployment strategy of each service that rolls, the faults and the
 * steady-state hypothesis. Empty when the scenario has none of them.
 */
export function changeSection(s: Scenario): string {
  const lines = [
    ...autoscalerLines(s),
    ...strategyLines(s),
    ...(s.faults ?? []).map(faultLine),
    ...steadyStateLines(s),
  ];
  if (lines.length === 0) return '';
  return ['Change over time (docs/deployments.md, autoscaling.md, faults.md)', ...lines].join(
    '\n  ',
  );
}

function autoscalerLines(s: Scenario): string[] {
  const hpas = Object.entries(s.services).flatMap(([name, service]) => {
    const hpa = service.autoscaling;
    if (hpa === undefined) return [];
    const metrics = hpa.metrics.map(metricText).join(', ');
    return [
      `${name}: HPA from ${hpa.minReplicas} to ${hpa.maxReplicas} replicas on ${metrics}, every ${formatDuration((s.cluster.autoscaling ?? DEFAULT_AUTOSCALING_SETTINGS).horizontalPodAutoscalerSyncPeriod)}${hpa.behavior === undefined ? " (the controller's own limits: no behavior)" : ' (its behavior policies)'}`,
    ];
  });
  const pools = s.cluster.nodePools.flatMap((pool) =>
    pool.autoscaling === undefined
      ? []
      : [
          `pool ${pool.name}: cluster autoscaler from ${pool.autoscaling.minNodes} to ${pool.autoscaling.maxNodes} nodes, each ready ${formatDuration(pool.autoscaling.provisioningDelay)} after it is asked for`,
        ],
  );
  return [...hpas, ...pools];
}

function metricText(metric: HpaMetric): string {
  if (metric.type === 'Resource')
    return `CPU at ${metric.resource.target.averageUtilization}% of the request`;
  return `${metric.pods.target.averageValue} requests/s a pod`;
}

/** The strategy of each service that a rollout, rollback or pipeline rolls. */
function strategyLines(s: Scenario): string[] {
  const rolled = new Set<string>();
  for (const event of s.events ?? []) {
    const service = (event.rollout ?? event.rollback)?.service;
    if (service !== undefined) rolled.add(service);
  }
  if (s.pipelines !== undefined)
    for (const service of s.pipelines.services ?? Object.keys(s.services)) rolled.add(service);
  return [...rolled].map((name) => {
    const strategy = s.services[name]?.strategy;
    if (strategy?.type === 'Recreate') return `${name}: Recreate (every old pod goes first)`;
    const { maxSurge, maxUnavailable } = strategy?.rollingUpdate ?? {
      maxSurge: '25%',
      maxUnavailable: '25%',
    };
    return `${name}: RollingUpdate, maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}, progress deadline ${strategy?.progressDeadlineSeconds ?? 600} s`;
  });
}

function faultLine(fault: FaultConfig): string {
  const until = fault.duration === undefined ? '' : ` for ${formatDuration(fault.duration)}`;
  const when = `from ${formatDuration(fault.at)}${until}`;
  if (fault.podCrashes !== undefined)
    return `fault: ${fault.podCrashes.service}'s containers crash every ${formatDuration(fault.podCrashes.mtbf)} on average (restarted with CrashLoopBackOff), ${when}`;
  if (fault.nodeFailure !== undefined) return `fault: node ${fault.nodeFailure.node} fails ${when}`;
  return `fault: zone ${fault.zoneOutage!.zone} goes down ${when}`;
}

function steadyStateLines(s: Scenario): string[] {
  const state = s.steadyState;
  if (state === undefined) return [];
  const parts = [
    ...(state.availability === undefined
      ? []
      : [`availability at least ${state.availability * 100}%`]),
    ...(state.p99 === undefined ? [] : [`p99 at most ${formatDuration(state.p99)}`]),
  ];
  return [`steady state: ${parts.join(' and ')} in every ${formatDuration(state.window)}`];
}
