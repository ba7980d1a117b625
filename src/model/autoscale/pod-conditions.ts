import type { LifecycleListener, PodPhase } from '../cluster/lifecycle-listener.js';
import type { ClusterNode } from '../cluster.js';
import type { Pod } from '../pod.js';

/** What the HPA reads of a pod's status: status.startTime and its Ready condition. */
export interface PodConditions {
  /** when the kubelet started it (it was bound), ms; the initial cluster's pods long before 0 */
  readonly startMs: number;
  readonly ready: boolean;
  /** the Ready condition's lastTransitionTime */
  readonly readyTransitionMs: number;
}

/** The pods of the initial cluster have run for longer than any initialization period. */
const LONG_AGO_MS = -1e12;

/**
 * The pods' status as the API server holds it, kept from the lifecycle's transitions: a pod
 * bound at t starts at t with Ready false since t (the kubelet's first status); each change
 * between Ready and not ready moves lastTransitionTime.
 */
export class PodConditionsListener implements LifecycleListener {
  private readonly byPod = new Map<
    Pod,
    { startMs: number; ready: boolean; readyTransitionMs: number }
  >();

  of(pod: Pod): PodConditions | undefined {
    return this.byPod.get(pod);
  }

  podCreated(pod: Pod, phase: PodPhase, _version: string, nowMs: number): void {
    if (phase === 'Ready' && nowMs === 0)
      this.byPod.set(pod, { startMs: LONG_AGO_MS, ready: true, readyTransitionMs: LONG_AGO_MS });
  }

  podBound(pod: Pod, _node: ClusterNode, nowMs: number): void {
    if (!this.byPod.has(pod))
      this.byPod.set(pod, { startMs: nowMs, ready: false, readyTransitionMs: nowMs });
  }

  podPhaseChanged(pod: Pod, phase: PodPhase, nowMs: number): void {
    const status = this.byPod.get(pod);
    if (status === undefined) return;
    if (phase === 'Gone') {
      this.byPod.delete(pod);
      return;
    }
    const ready = phase === 'Ready';
    if (ready !== status.ready) {
      status.ready = ready;
      status.readyTransitionMs = nowMs;
    }
  }

  nodeAdded(): void {}

  nodeRemoved(): void {}
}
