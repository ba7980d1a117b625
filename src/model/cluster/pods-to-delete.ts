import type { ManagedPod } from './managed-pod.js';

/**
 * The pods a ReplicaSet deletes when it has `count` too many, as the ReplicaSet controller
 * picks them (kubernetes/kubernetes pkg/controller/replicaset/replica_set.go getPodsToDelete,
 * sorting by ActivePodsWithRanks.Less in pkg/controller/controller_utils.go), first
 * difference wins:
 *   1. not yet on a node before on a node;
 *   2. Kubernetes' phase Pending (scheduled, pulling, starting) before Running;
 *   3. not ready before ready;
 *   4. (pod-deletion-cost: msasim sets none, all equal)
 *   5. more active pods of the same ReplicaSet on its node before fewer (the rank);
 *   6. ready for less time before longer;
 *   7. (restart counts: msasim restarts no container, all equal)
 *   8. created later before earlier;
 *   then the higher ordinal (Kubernetes: the pods' UIDs, a pseudorandom order).
 * Simplified: Kubernetes compares ready and creation times in logarithmic buckets (the
 * LogarithmicScaleDown feature, on by default); msasim compares the exact times.
 */
export function podsToDelete(active: readonly ManagedPod[], count: number): ManagedPod[] {
  const colocated = new Map<string, number>();
  for (const m of active) {
    if (m.node !== undefined) colocated.set(m.node.name, (colocated.get(m.node.name) ?? 0) + 1);
  }
  const rank = (m: ManagedPod) => (m.node === undefined ? 0 : colocated.get(m.node.name)!);
  const sorted = [...active].sort(
    (a, b) =>
      Number(a.node !== undefined) - Number(b.node !== undefined) ||
      Number(a.running) - Number(b.running) ||
      Number(a.pod.ready) - Number(b.pod.ready) ||
      rank(b) - rank(a) ||
      (a.pod.ready && b.pod.ready ? b.readyAt - a.readyAt : 0) ||
      b.createdAt - a.createdAt ||
      b.ordinal - a.ordinal,
  );
  return sorted.slice(0, count);
}
