import type { ServiceConfig } from '../../scenario/schema.js';
import type { Service } from '../service.js';
import type { ManagedPod } from './managed-pod.js';
import type { PodTemplate } from './pod-template.js';

/**
 * A service's ReplicaSet: how many pods it wants, the template new ones are made from, and
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
    /** the next pod's number: pods are named <service>-<n>, never reused */
    public nextOrdinal: number,
  ) {}

  /** The pod no longer counts (it is terminating). */
  release(m: ManagedPod): void {
    const index = this.active.indexOf(m);
    if (index >= 0) this.active.splice(index, 1);
  }
}
