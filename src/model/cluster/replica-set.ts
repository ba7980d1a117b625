import type { ServiceConfig } from '../../scenario/schema.js';
import type { Service } from '../service.js';
import type { ManagedPod } from './managed-pod.js';
import type { PodTemplate } from './pod-template.js';

/**
 * A service's pod numbers: pods are named <service>-<n>, n counting on across all the
 * service's ReplicaSets (its versions side by side, a Deployment's old and new), never reused.
 */
export class PodOrdinals {
  next = 0;

  /** Takes `ordinal` (a pod the run starts with) or the next free number. */
  take(ordinal = this.next): number {
    this.next = Math.max(this.next, ordinal + 1);
    return ordinal;
  }
}

/**
 * One ReplicaSet of a service (a service runs one per version side by side; a Deployment's
 * rollout will run its old and new ReplicaSets the same way): how many pods it wants, the template new ones are made from, and
 * its active pods (neither terminating nor gone: what the controller counts). The cluster
 * (live-cluster.ts) reconciles it after every change, as the ReplicaSet controller does.
 */
export class ReplicaSet {
  readonly active: ManagedPod[] = [];

  constructor(
    readonly service: Service,
    readonly config: ServiceConfig,
    public template: PodTemplate,
    public desired: number,
    /** the service's pod numbers, shared by all its ReplicaSets */
    readonly ordinals: PodOrdinals,
  ) {}

  /** The pod no longer counts (it is terminating). */
  release(m: ManagedPod): void {
    const index = this.active.indexOf(m);
    if (index >= 0) this.active.splice(index, 1);
  }
}
