import { DEFAULT_AUTOSCALING_SETTINGS, type HpaMetric } from '../../scenario/autoscaling-schema.js';
import type { FaultConfig } from '../../scenario/fault-schema.js';
import { formatDuration } from '../../scenario/index.js';
import type { Scenario } from '../../scenario/schema.js';
import { eventLines } from './explain-events.js';
import { strategyText } from './explain-strategy.js';

/**
 * What may change the cluster while the run goes on (issue 14): each HPA and autoscaled
 * node pool, the strategy of each service that rolls (a Deployment's or an Argo Rollout's),
 * the timed events in order, the faults and the steady-state hypothesis. Empty when the
 * scenario has none of them.
 */
export function changeSection(s: Scenario): string {
  const lines = [
    ...autoscalerLines(s),
    ...strategyLines(s),
    ...eventLines(s.events ?? []),
    ...(s.faults ?? []).map(faultLine),
    ...steadyStateLines(s),
  ];
  if (lines.length === 0) return '';
  return [
    'Change over time (docs/deployments.md, lifecycle.md, autoscaling.md, faults.md)',
    ...lines,
  ].join('\n  ');
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

/** The strategy of each service that a rollout, rollback, promote, abort or pipeline rolls. */
function strategyLines(s: Scenario): string[] {
  const rolled = new Set<string>();
  for (const event of s.events ?? []) {
    const service = (event.rollout ?? event.rollback ?? event.promote ?? event.abort)?.service;
    if (service !== undefined) rolled.add(service);
  }
  if (s.pipelines !== undefined)
    for (const service of s.pipelines.services ?? Object.keys(s.services)) rolled.add(service);
  return [...rolled].flatMap((name) => strategyText(name, s.services[name]?.strategy));
}

function faultLine(fault: FaultConfig): string {
  const until = fault.duration === undefined ? '' : ` for ${formatDuration(fault.duration)}`;
  const when = `from ${formatDuration(fault.at)}${until}`;
  if (fault.podCrashes !== undefined)
    return `fault: ${fault.podCrashes.service}'s containers crash every ${formatDuration(fault.podCrashes.mtbf)} on average (restarted with CrashLoopBackOff), ${when}`;
  if (fault.nodeFailure !== undefined) return `fault: node ${fault.nodeFailure.node} fails ${when}`;
  if (fault.zoneOutage !== undefined)
    return `fault: zone ${fault.zoneOutage.zone} goes down ${when}`;
  return `fault: ${injectedFaultText(fault)}, ${when}`;
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

/** A fault on calls or invocations, in its chaos tool's words (docs/faults.md). */
function injectedFaultText(fault: FaultConfig): string {
  const calls = (c: { service: string; from?: string | undefined }) =>
    c.from === undefined ? `calls into ${c.service}` : `calls from ${c.from} to ${c.service}`;
  const pct = (share: number) => `${Number((share * 100).toFixed(4))}%`;
  if (fault.networkDelay !== undefined) {
    const d = fault.networkDelay;
    const jitter = d.jitter > 0 ? ` ± ${formatDuration(d.jitter)}` : '';
    const correlation = d.correlation > 0 ? ` (correlation ${pct(d.correlation)})` : '';
    return `${calls(d)} are delayed ${formatDuration(d.latency)}${jitter}${correlation} (NetworkChaos delay)`;
  }
  if (fault.networkLoss !== undefined) {
    const l = fault.networkLoss;
    const correlation = l.correlation > 0 ? ` (correlation ${pct(l.correlation)})` : '';
    return `${calls(l)} lose ${pct(l.loss)} of their packets${correlation}, sent again after TCP's retransmission timeout (NetworkChaos loss)`;
  }
  if (fault.httpAbort !== undefined) {
    const a = fault.httpAbort;
    return `${pct(a.percentage)} of ${calls(a)} are answered ${a.httpStatus} (abort, cause fault_abort)`;
  }
  if (fault.functionDelay !== undefined) {
    const f = fault.functionDelay;
    return `${f.invocationPercentage}% of ${f.function}'s invocations start ${f.startupDelayMilliseconds} ms late, billed (FIS invocation-add-delay)`;
  }
  const e = fault.functionError!;
  return `${e.invocationPercentage}% of ${e.function}'s invocations end in a handler error${e.preventExecution ? ' without running' : ' after running'} (FIS invocation-error)`;
}
