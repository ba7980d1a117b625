/**
 * The HPA's replica count for one metric, as kubernetes/kubernetes
 * pkg/controller/podautoscaler/replica_calculator.go computes it (GetResourceReplicas for a
 * Resource metric's averageUtilization, GetMetricReplicas → calcPlainMetricReplicas for a
 * Pods metric's averageValue), with groupPods' treatment of pending, deleted, not-ready pods
 * and of pods with no metric yet. Pure: the controller (hpa-controller.ts) gathers the pods.
 * Values are in milli-units (millicores; milli-requests per second) and integer where
 * Kubernetes' are (int64 sums, an int32 utilization percent).
 */

/** A pod of the target as the HPA lists it (its selector's pods). */
export interface HpaPod {
  readonly name: string;
  /** Kubernetes' phase: Pending until its containers run; deleting: it has a deletionTimestamp */
  readonly phase: 'Pending' | 'Running' | 'Deleting';
  /** its Ready condition */
  readonly ready: boolean;
  /** status.startTime: when the kubelet started it (bound), ms */
  readonly startMs: number;
  /** the Ready condition's lastTransitionTime, ms */
  readonly readyTransitionMs: number;
  /** the sum of its containers' CPU requests, millicores */
  readonly requestMilli: number;
  /** its last metric (metrics-server's, or the custom metrics adapter's); undefined: missing */
  readonly metric: PodMetric | undefined;
}

export interface PodMetric {
  /** millicores, or milli-units of a Pods metric */
  readonly valueMilli: number;
  /** the end of the window the value is averaged over, ms */
  readonly timestampMs: number;
  readonly windowMs: number;
}

export interface CalculatorSettings {
  /** --horizontal-pod-autoscaler-tolerance, default 0.1 */
  readonly tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period, default 5 min */
  readonly cpuInitializationPeriodMs: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay, default 30 s */
  readonly delayOfInitialReadinessStatusMs: number;
}

export const DEFAULT_CALCULATOR_SETTINGS: CalculatorSettings = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 300_000,
  delayOfInitialReadinessStatusMs: 30_000,
};

/** A metric's proposal: replicas, and the value the HPA saw (status.currentMetrics). */
export interface MetricProposal {
  readonly replicas: number;
  /** averageUtilization (integer percent) or averageValue (milli-units); undefined: no pods had a metric */
  readonly observed: number | undefined;
}

interface PodGroups {
  readyCount: number;
  metrics: Map<string, number>;
  unready: string[];
  missing: string[];
}

/**
 * groupPods: deleted and Pending pods are ignored; pods with no metric are missing; for CPU,
 * a pod is unready (its sample ignored) while it is in its CPU initialization period and not
 * ready or its sample began before it became ready, and after that period only if it is not
 * ready and never was (its Ready condition last changed within the initial readiness delay of
 * its start).
 */
function groupPods(
  pods: readonly HpaPod[],
  cpu: boolean,
  nowMs: number,
  settings: CalculatorSettings,
): PodGroups {
  const groups: PodGroups = { readyCount: 0, metrics: new Map(), unready: [], missing: [] };
  for (const pod of pods) {
    if (pod.phase !== 'Running') continue;
    if (pod.metric === undefined) {
      groups.missing.push(pod.name);
      continue;
    }
    if (cpu && isUnreadyForCpu(pod, pod.metric, nowMs, settings)) {
      groups.unready.push(pod.name);
      continue;
    }
    groups.readyCount++;
    groups.metrics.set(pod.name, pod.metric.valueMilli);
  }
  return groups;
}

function isUnreadyForCpu(
  pod: HpaPod,
  metric: PodMetric,
  nowMs: number,
  settings: CalculatorSettings,
): boolean {
  if (pod.startMs + settings.cpuInitializationPeriodMs > nowMs)
    return !pod.ready || metric.timestampMs < pod.readyTransitionMs + metric.windowMs;
  return (
    !pod.ready && pod.startMs + settings.delayOfInitialReadinessStatusMs > pod.readyTransitionMs
  );
}

/** GetResourceReplicas: a Resource metric with target.averageUtilization (percent of the request). */
export function resourceUtilizationReplicas(
  pods: readonly HpaPod[],
  currentReplicas: number,
  targetUtilization: number,
  nowMs: number,
  settings: CalculatorSettings = DEFAULT_CALCULATOR_SETTINGS,
): MetricProposal | undefined {
  const groups = groupPods(pods, true, nowMs, settings);
  const metrics = groups.metrics;
  if (metrics.size === 0) return undefined; // "did not receive metrics for targeted pods"
  const requestOf = new Map(pods.map((p) => [p.name, p.requestMilli]));
  const ratioOf = (m: Map<string, number>) => utilizationRatio(m, requestOf, targetUtilization);
  const { ratio, utilization } = ratioOf(metrics);
  if (utilization === undefined) return undefined;
  const scaleUpWithUnready = groups.unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.length === 0) {
    if (Math.abs(1 - ratio) <= settings.tolerance)
      return { replicas: currentReplicas, observed: utilization };
    return { replicas: Math.ceil(ratio * groups.readyCount), observed: utilization };
  }
  // Recompute conservatively: a scale-down assumes missing pods use max(100%, target) of
  // their request; a scale-up assumes they and the unready pods use none.
  const filled = new Map(metrics);
  for (const name of groups.missing) {
    const request = requestOf.get(name)!;
    if (ratio < 1) filled.set(name, Math.floor((request * Math.max(100, targetUtilization)) / 100));
    else if (ratio > 1) filled.set(name, 0);
  }
  if (scaleUpWithUnready) for (const name of groups.unready) filled.set(name, 0);
  const recomputed = ratioOf(filled).ratio;
  return {
    replicas: conservativeReplicas(ratio, recomputed, filled.size, currentReplicas, settings),
    observed: utilization,
  };
}

/** GetMetricReplicas → calcPlainMetricReplicas: a Pods metric with target.averageValue. */
export function podsAverageValueReplicas(
  pods: readonly HpaPod[],
  currentReplicas: number,
  targetMilli: number,
  nowMs: number,
  settings: CalculatorSettings = DEFAULT_CALCULATOR_SETTINGS,
): MetricProposal | undefined {
  const groups = groupPods(pods, false, nowMs, settings);
  const metrics = groups.metrics;
  if (metrics.size === 0) return undefined;
  const { ratio, usage } = averageValueRatio(metrics, targetMilli);
  const scaleUpWithUnready = groups.unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.length === 0) {
    if (Math.abs(1 - ratio) <= settings.tolerance)
      return { replicas: currentReplicas, observed: usage };
    return { replicas: Math.ceil(ratio * groups.readyCount), observed: usage };
  }
  const filled = new Map(metrics);
  for (const name of groups.missing) {
    if (ratio < 1) filled.set(name, targetMilli);
    else filled.set(name, 0);
  }
  if (scaleUpWithUnready) for (const name of groups.unready) filled.set(name, 0);
  const recomputed = averageValueRatio(filled, targetMilli).ratio;
  return {
    replicas: conservativeReplicas(ratio, recomputed, filled.size, currentReplicas, settings),
    observed: usage,
  };
}

/**
 * The end both calculations share: no change within the tolerance or when the recomputed
 * ratio changed direction; and never a change against the ratio's direction.
 */
function conservativeReplicas(
  ratio: number,
  recomputed: number,
  podsCounted: number,
  currentReplicas: number,
  settings: CalculatorSettings,
): number {
  if (
    Math.abs(1 - recomputed) <= settings.tolerance ||
    (ratio < 1 && recomputed > 1) ||
    (ratio > 1 && recomputed < 1)
  )
    return currentReplicas;
  const replicas = Math.ceil(recomputed * podsCounted);
  if (
    (recomputed < 1 && replicas > currentReplicas) ||
    (recomputed > 1 && replicas < currentReplicas)
  )
    return currentReplicas;
  return replicas;
}

/**
 * GetResourceUtilizationRatio (pkg/controller/podautoscaler/metrics/utilization.go): the
 * usage of the pods with a metric over their requests, as an integer percent (int64
 * division), over the target.
 */
function utilizationRatio(
  metrics: ReadonlyMap<string, number>,
  requestOf: ReadonlyMap<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number | undefined } {
  let usage = 0;
  let requests = 0;
  for (const [name, value] of metrics) {
    usage += value;
    requests += requestOf.get(name)!;
  }
  // "no metrics returned matched known pods" / a pod without a request: Kubernetes errors.
  if (requests === 0) return { ratio: 0, utilization: undefined };
  const utilization = Math.trunc((usage * 100) / requests);
  return { ratio: utilization / targetUtilization, utilization };
}

/** GetMetricUsageRatio: the mean per pod (int64 division) over the target. */
function averageValueRatio(
  metrics: ReadonlyMap<string, number>,
  targetMilli: number,
): { ratio: number; usage: number } {
  let total = 0;
  for (const value of metrics.values()) total += value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetMilli, usage };
}
