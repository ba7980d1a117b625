import type { IntOrPercent } from '../../scenario/deployment-schema.js';

/**
 * Kubernetes' arithmetic of a rolling update, ported from kubernetes/kubernetes:
 * intstr.GetScaledValueFromIntOrPercent (staging/src/k8s.io/apimachinery/pkg/util/intstr),
 * deploymentutil.ResolveFenceposts and NewRSNewReplicas (pkg/controller/deployment/util),
 * reconcileOldReplicaSets, cleanupUnhealthyReplicas and
 * scaleDownOldReplicaSetsForRollingUpdate (pkg/controller/deployment/rolling.go).
 * Pure: the controller (deployment-controller.ts) applies what it returns.
 */

/** A ReplicaSet as the Deployment controller reads it: spec.replicas and status.availableReplicas. */
export interface ReplicaCounts {
  replicas: number;
  readonly available: number;
}

/** intstr.GetScaledValueFromIntOrPercent: a percent of `total`, rounded up or down. */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const percent = Number.parseInt(value, 10);
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * deploymentutil.ResolveFenceposts: maxSurge rounded up, maxUnavailable down; when both come
 * to 0, maxUnavailable is 1 (else the rollout could not move).
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  const unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) return { surge: 0, unavailable: 1 };
  return { surge, unavailable };
}

/**
 * deploymentutil.MaxUnavailable: the resolved maxUnavailable, never more than the replicas
 * (and 0 when the Deployment wants none).
 */
export function maxUnavailable(desired: number, resolved: number): number {
  if (desired === 0) return 0;
  return Math.min(resolved, desired);
}

const sum = (sets: readonly ReplicaCounts[], read: (rs: ReplicaCounts) => number) =>
  sets.reduce((total, rs) => total + read(rs), 0);

/** deploymentutil.NewRSNewReplicas for RollingUpdate: the new ReplicaSet's next size. */
export function newRSNewReplicas(
  desired: number,
  surge: number,
  all: readonly ReplicaCounts[],
  newRS: ReplicaCounts,
): number {
  const currentPodCount = sum(all, (rs) => rs.replicas);
  const maxTotalPods = desired + surge;
  if (currentPodCount >= maxTotalPods) return newRS.replicas;
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, desired - newRS.replicas);
  return newRS.replicas + scaleUpCount;
}

/**
 * reconcileOldReplicaSets: scales the old ReplicaSets (oldest first) down in place, first
 * their unavailable pods (cleanupUnhealthyReplicas), then as far as keeps
 * `desired - maxUnavailable` pods available. Returns how many it scaled down.
 */
export function reconcileOldReplicaSets(
  desired: number,
  unavailable: number,
  olds: readonly ReplicaCounts[],
  newRS: ReplicaCounts,
): number {
  if (sum(olds, (rs) => rs.replicas) === 0) return 0;
  const all = [...olds, newRS];
  const minAvailable = desired - maxUnavailable(desired, unavailable);
  const newRSUnavailable = newRS.replicas - newRS.available;
  const maxScaledDown = sum(all, (rs) => rs.replicas) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return 0;
  let cleaned = 0;
  for (const rs of olds) {
    if (cleaned >= maxScaledDown) break;
    if (rs.replicas === 0 || rs.replicas === rs.available) continue;
    const count = Math.min(maxScaledDown - cleaned, rs.replicas - rs.available);
    rs.replicas -= count;
    cleaned += count;
  }
  return cleaned + scaleDownOldForRollingUpdate(minAvailable, all, olds);
}

/** scaleDownOldReplicaSetsForRollingUpdate: down to minAvailable available pods. */
function scaleDownOldForRollingUpdate(
  minAvailable: number,
  all: readonly ReplicaCounts[],
  olds: readonly ReplicaCounts[],
): number {
  const availablePodCount = sum(all, (rs) => rs.available);
  if (availablePodCount <= minAvailable) return 0;
  const total = availablePodCount - minAvailable;
  let scaledDown = 0;
  for (const rs of olds) {
    if (scaledDown >= total) break;
    if (rs.replicas === 0) continue;
    const count = Math.min(rs.replicas, total - scaledDown);
    rs.replicas -= count;
    scaledDown += count;
  }
  return scaledDown;
}
