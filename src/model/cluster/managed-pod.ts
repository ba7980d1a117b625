import type { EventHandle } from '../../engine/event-queue.js';
import type { ClusterNode } from '../cluster.js';
import type { Pod } from '../pod.js';
import type { Service } from '../service.js';
import type { PodTemplate } from './pod-template.js';
import type { ReplicaSet } from './replica-set.js';

/** A pod as the control plane sees it: its template, node, and the times its ranking reads. */
export class ManagedPod {
  node: ClusterNode | undefined = undefined;
  /** when it became ready (Infinity: not yet), for the ReplicaSet's choice of pods to delete */
  readyAt = Number.POSITIVE_INFINITY;
  /** the end of its grace period, while it terminates */
  graceEnd: EventHandle = -1;
  /** M3: the ReplicaSet that made it (its version's) */
  owner: ReplicaSet | undefined = undefined;
  /** times its container was restarted in place (Kubernetes' restartCount) */
  restartCount = 0;

  constructor(
    readonly pod: Pod,
    readonly service: Service,
    readonly template: PodTemplate,
    readonly createdAt: number,
    /** creation order in its ReplicaSet: the last tie-break, newest first */
    readonly ordinal: number,
  ) {}

  /** Deleted or gone: the ReplicaSet no longer counts it. */
  get terminating(): boolean {
    return this.pod.phase === 'Terminating' || this.pod.phase === 'Gone';
  }

  /**
   * When it counts as available: ready for minReadySeconds (Kubernetes'
   * podutil.IsPodAvailable), what a Deployment's rollout will wait for. Infinity: not ready.
   */
  get availableAt(): number {
    return this.readyAt + this.template.minReadySeconds * 1000;
  }

  /** Its containers run (Kubernetes' phase Running): Running or Ready here. */
  get running(): boolean {
    return this.pod.phase === 'Running' || this.pod.phase === 'Ready';
  }
}
