import type { Pod } from '../pod.js';

/** An endpoint's conditions, as discovery.k8s.io/v1 EndpointSlice holds them. */
export interface EndpointConditions {
  /** serving and not terminating: what callers route to */
  readonly ready: boolean;
  /** passing its readiness probe, terminating or not */
  readonly serving: boolean;
  readonly terminating: boolean;
}

export const READY: EndpointConditions = { ready: true, serving: true, terminating: false };

/** Told after every change of a slice, with the pod that changed. */
export type EndpointsListener = (pod: Pod, conditions: EndpointConditions | undefined) => void;

/**
 * The truth about one service's endpoints: what the EndpointSlice controller has written
 * (discovery.k8s.io/v1). Callers do not route by it directly: each caller's view follows it
 * after a propagation delay (src/model/traffic/endpoint-view.ts). Endpoints keep the order
 * they were first added in, so every view lists pods in the same, deterministic order.
 */
export class EndpointSlice {
  private readonly conditions = new Map<Pod, EndpointConditions>();
  /** in the order they subscribed (a Set, so that a gone caller's view leaves in O(1)) */
  private readonly listeners = new Set<EndpointsListener>();
  /** bumped on every change, so a view can tell it is behind */
  version = 0;

  /** Adds the pod's endpoint or changes its conditions. */
  set(pod: Pod, conditions: EndpointConditions): void {
    this.conditions.set(pod, conditions);
    pod.inEndpointSlice = true;
    this.changed(pod, conditions);
  }

  /** The pod's endpoint is removed (the pod is gone). */
  remove(pod: Pod): void {
    if (!this.conditions.delete(pod)) return;
    pod.inEndpointSlice = false;
    this.changed(pod, undefined);
  }

  get(pod: Pod): EndpointConditions | undefined {
    return this.conditions.get(pod);
  }

  /** The ready endpoints, in the order they were first added. */
  readyPods(): Pod[] {
    const pods: Pod[] = [];
    for (const [pod, c] of this.conditions) if (c.ready) pods.push(pod);
    return pods;
  }

  subscribe(listener: EndpointsListener): void {
    this.listeners.add(listener);
  }

  unsubscribe(listener: EndpointsListener): void {
    this.listeners.delete(listener);
  }

  /** How many views follow the slice. */
  get subscribers(): number {
    return this.listeners.size;
  }

  private changed(pod: Pod, conditions: EndpointConditions | undefined): void {
    this.version++;
    for (const listener of this.listeners) listener(pod, conditions);
  }
}
