import type { Simulation } from '../../engine/simulation.js';
import type { EndpointConditions, EndpointSlice } from '../cluster/endpoint-slice.js';
import type { Pod } from '../pod.js';

/** One change of the slice on its way to one view. */
interface PendingChange {
  readonly view: EndpointView;
  readonly pod: Pod;
  /** ready, not ready (still in the slice), or gone from the slice */
  readonly ready: boolean | 'removed';
}

/**
 * One caller's view of a service's endpoints: the EndpointSlice as this caller's proxy
 * (kube-proxy on its node, or its sidecar) has last applied it. Every change of the slice
 * reaches the view after its own delay (`delayMs()`, drawn per view and change: the
 * EndpointSlice controller's write, the watch, kube-proxy's iptables sync or the mesh's xDS
 * push). Changes are applied in the order they were made: one drawn shorter than the one
 * before it waits for it, as a proxy applies one snapshot after another.
 *
 * A view made after a change starts from the slice as it is then (a new client resolves
 * the service afresh). A slice that never changes costs a view nothing after it is made.
 */
export class EndpointView {
  /** the ready pods as this caller sees them, in the order it first saw them */
  pods: readonly Pod[];
  private readonly ready = new Map<Pod, boolean>();
  constructor(
    private readonly slice: EndpointSlice,
    private readonly sim: Simulation,
    private readonly delayMs: () => number,
    /**
     * When the latest change already on its way to the caller's proxy reaches it: the view's
     * own, or shared with the proxy's routes to the service (ProxyRoutes), as istiod sends a
     * sidecar its endpoints and its routes over one xDS stream, in the order it made them: a
     * route made after an endpoint change never lands before it.
     */
    private readonly delivery: { lastAppliedAt: number } = { lastAppliedAt: 0 },
  ) {
    for (const pod of slice.readyPods()) this.ready.set(pod, true);
    this.pods = slice.readyPods();
    slice.subscribe(this.changed);
  }

  /** Its caller is gone: it follows the slice no longer (changes on their way still land). */
  close(): void {
    this.slice.unsubscribe(this.changed);
  }

  private readonly changed = (pod: Pod, conditions: EndpointConditions | undefined): void => {
    const at = Math.max(this.sim.now + this.delayMs(), this.delivery.lastAppliedAt);
    this.delivery.lastAppliedAt = at;
    const change: PendingChange = {
      view: this,
      pod,
      ready: conditions === undefined ? 'removed' : conditions.ready,
    };
    this.sim.scheduleAt(at, applyChange, change);
  };

  apply(pod: Pod, ready: boolean | 'removed'): void {
    const was = this.ready.get(pod) === true;
    if (ready === 'removed') this.ready.delete(pod);
    else this.ready.set(pod, ready);
    if (was === (ready === true)) return;
    const pods: Pod[] = [];
    for (const [p, isReady] of this.ready) if (isReady) pods.push(p);
    this.pods = pods;
  }
}

const applyChange = (change: PendingChange): void => change.view.apply(change.pod, change.ready);
