/**
 * Argo Rollouts' replica arithmetic of a canary, ported from argoproj/argo-rollouts
 * utils/replicaset/canary.go: CalculateReplicaCountsForBasicCanary (no traffic routing: the
 * weight is approximated by replica counts within maxSurge and maxUnavailable),
 * approximateWeightedCanaryStableReplicaCounts, and CalculateReplicaCountsForTrafficRoutedCanary
 * with dynamicStableScale false (the canary is ceil(weight × replicas), the stable keeps every
 * replica). Pure: the canary controller (canary-rollout.ts) applies what it returns.
 */

/** A ReplicaSet as Argo reads it: spec.replicas and status.availableReplicas. */
export interface RSCounts {
  readonly replicas: number;
  readonly available: number;
}

/** Argo's maxWeight (weightutil.MaxTrafficWeight without a custom one). */
const MAX_WEIGHT = 100;

/** trafficWeightToReplicas: ceil(weight × replicas / maxWeight). */
export function trafficWeightToReplicas(replicas: number, weight: number): number {
  return Math.ceil((weight * replicas) / MAX_WEIGHT);
}

/** CalculateReplicaCountsForTrafficRoutedCanary, dynamicStableScale false: [canary, stable]. */
export function trafficRoutedCounts(replicas: number, weight: number): [number, number] {
  return [trafficWeightToReplicas(replicas, weight), replicas];
}

function floorCeilingTied(weight: number, total: number): boolean {
  const exact = total * (weight / MAX_WEIGHT);
  return exact - Math.trunc(exact) === 0.5;
}

function weightDelta(weight: number, canary: number, total: number): number {
  return Math.abs((canary * MAX_WEIGHT) / total - weight);
}

/** approximateWeightedCanaryStableReplicaCounts: the counts nearest the weight, [canary, stable]. */
export function approximateWeightedCounts(
  replicas: number,
  weight: number,
  maxSurge: number,
): [number, number] {
  if (replicas === 0) return [0, 0];
  const ceil = Math.ceil((replicas * weight) / MAX_WEIGHT);
  const floor = Math.floor((replicas * weight) / MAX_WEIGHT);
  const tied = floorCeilingTied(weight, replicas);
  const zeroAllowed = weight === MAX_WEIGHT || weight === 0 || (replicas === 1 && maxSurge === 0);
  const options: [number, number][] = [];
  if (ceil < replicas || zeroAllowed) options.push([ceil, replicas]);
  if (!tied && (floor !== 0 || zeroAllowed)) options.push([floor, replicas]);
  if (maxSurge > 0) {
    options.push([ceil, replicas + 1]);
    if (!floorCeilingTied(weight, replicas + 1) && (floor !== 0 || zeroAllowed))
      options.push([floor, replicas + 1]);
  }
  if (options.length === 0) return [0, replicas];
  let best = options[0]!;
  for (const option of options.slice(1))
    if (weightDelta(weight, option[0], option[1]) < weightDelta(weight, best[0], best[1]))
      best = option;
  return [best[0], best[1] - best[0]];
}

/** GetReplicasForScaleDown: spec, or the available when fewer (unless availability is ignored). */
function forScaleDown(rs: RSCounts, ignoreAvailability: boolean): number {
  if (rs.replicas < rs.available || ignoreAvailability) return rs.replicas;
  return rs.available;
}

/** adjustReplicaWithinLimits: [drain, adjust] kept within maxSurge and minAvailable. */
function adjustWithinLimits(
  drain: RSCounts,
  adjust: RSCounts,
  drainCount: number,
  adjustCount: number,
  maxAllowed: number,
  minAvailable: number,
): [number, number] {
  let over = Math.max(0, adjustCount + drainCount - maxAllowed);
  let totalAvailable = Math.min(drain.available, drainCount);
  let adjusted = adjustCount - over;
  totalAvailable += Math.min(adjust.available, adjusted);
  const extraAvailable = Math.max(0, adjust.available - adjusted);
  const moreNeeded = Math.max(0, minAvailable - totalAvailable);
  adjusted += Math.min(extraAvailable, moreNeeded);
  over = Math.max(0, adjusted + drainCount - maxAllowed);
  return [drainCount - over, adjusted];
}

/**
 * CalculateReplicaCountsForBasicCanary with a stable ReplicaSet other than the canary's:
 * [canary, stable] spec.replicas for this pass. `surge` and `unavailable` are resolved
 * (resolveFenceposts); `oldReplicas` is what older ReplicaSets still hold.
 */
export function basicCanaryCounts(
  replicas: number,
  weight: number,
  surge: number,
  unavailable: number,
  canary: RSCounts,
  stable: RSCounts,
  oldReplicas: number,
): [number, number] {
  const [desiredCanary, desiredStable] = approximateWeightedCounts(replicas, weight, surge);
  let canaryCount = canary.replicas;
  let stableCount = stable.replicas;
  const maxAllowed = replicas + surge;
  let scaleUp = maxAllowed - (oldReplicas + canary.replicas + stable.replicas);
  if (stable.replicas < desiredStable && scaleUp > 0) {
    if (stable.replicas + scaleUp < desiredStable) {
      stableCount = stable.replicas + scaleUp;
      scaleUp = 0;
    } else {
      stableCount = desiredStable;
      scaleUp -= desiredStable - stable.replicas;
    }
  }
  if (canary.replicas < desiredCanary && scaleUp > 0)
    canaryCount = Math.min(canary.replicas + scaleUp, desiredCanary);
  if (oldReplicas > 0) return [canaryCount, stableCount];
  const minAvailable = replicas - unavailable;
  const increasing = desiredCanary >= canary.replicas;
  const toScaleDown = forScaleDown(canary, !increasing) + forScaleDown(stable, increasing);
  if (toScaleDown <= minAvailable) return [canaryCount, stableCount];
  const scaleDown = toScaleDown - minAvailable;
  if (!increasing) {
    if (canary.replicas > desiredCanary)
      canaryCount = Math.max(desiredCanary, canary.replicas - scaleDown);
    [canaryCount, stableCount] = adjustWithinLimits(
      canary,
      stable,
      canaryCount,
      stableCount,
      maxAllowed,
      minAvailable,
    );
  } else {
    if (stable.replicas > desiredStable)
      stableCount = Math.max(desiredStable, stable.replicas - scaleDown);
    [stableCount, canaryCount] = adjustWithinLimits(
      stable,
      canary,
      stableCount,
      canaryCount,
      maxAllowed,
      minAvailable,
    );
  }
  return [canaryCount, stableCount];
}
