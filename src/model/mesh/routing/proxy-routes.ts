import type { Simulation } from '../../../engine/simulation.js';
import type { Pod } from '../../pod.js';
import type { Attempt } from '../../traffic/attempt.js';
import type { Dispatch } from '../../traffic/client.js';
import type { LogicalCall } from '../../traffic/logical-call.js';
import { ANY_VERSION, type RouteTable } from './route-table.js';

/** Sends a fire-and-forget copy of the call to a version (Traffic's mirror hook). */
export type SendMirror = (call: LogicalCall, version: string) => void;

/** What a proxy forwards a call with once it lets it go (the client's forward). */
export type Forward = (attempt: Attempt, dispatch: Dispatch) => void;

/** A call the proxy holds for a fault delay, and what it needs to go on after it. */
interface Held {
  readonly routes: ProxyRoutes;
  readonly attempt: Attempt;
  readonly abortStatus: number;
  readonly forward: Forward;
  readonly dispatch: Dispatch;
  readonly mirror: SendMirror | undefined;
}

const NO_PODS: readonly Pod[] = [];

/**
 * One caller proxy's routes to one service (Envoy's route configuration as its last xDS push
 * left it): which version a call goes to, among that version's pods in the caller's own
 * endpoint view, and what the proxy does before the call leaves (fault injection, a mirror).
 * Its table changes only when the control plane's push reaches it (control-plane.ts).
 */
export class ProxyRoutes {
  /** the routing as this proxy last applied it */
  table: RouteTable;
  /**
   * When the latest push already on its way reaches this proxy (pushes apply in order),
   * its routes' or, shared with the caller's endpoint view of the service, its endpoints'.
   */
  lastAppliedAt = 0;
  private indexedFrom: readonly Pod[] | undefined = undefined;
  private readonly byVersion = new Map<string, Pod[]>();

  constructor(
    table: RouteTable,
    private readonly sim: Simulation,
    /** uniforms for this proxy's rolls: split, faults, mirror */
    private readonly next: () => number,
  ) {
    this.table = table;
  }

  /**
   * The pods the caller's balancer picks among for this call: its version's, in the view.
   * The version is chosen once per call; a version with no ready pod in the view leaves
   * none, and the call fails as unavailable (Envoy: no healthy upstream, 503 UH).
   */
  podsFor(call: LogicalCall, viewPods: readonly Pod[]): readonly Pod[] {
    let version = call.routedTo;
    if (version === undefined) {
      version = this.table.versionFor(call.request, this.next);
      call.routedTo = version;
    }
    if (version === ANY_VERSION) return viewPods;
    if (viewPods !== this.indexedFrom) this.index(viewPods);
    return this.byVersion.get(version) ?? NO_PODS;
  }

  /**
   * Before a call's first attempt leaves: the fault filter, then the mirror, as Envoy's
   * filter chain runs them (fault, then the router, which sends the shadow). Returns true
   * when the proxy keeps the attempt: held for a delay (it is forwarded after it) or
   * answered with an abort. A mirror's copy arrives routed already and is let through, as
   * is a retry (its call was routed by its first attempt).
   */
  intercept(attempt: Attempt, forward: Forward, dispatch: Dispatch, mirror?: SendMirror): boolean {
    if (attempt.call.routedTo !== undefined || !this.table.intercepts) return false;
    const fault = this.table.faultFor(this.next);
    if (fault.delayMs > 0) {
      const held: Held = {
        routes: this,
        attempt,
        abortStatus: fault.abortStatus,
        forward,
        dispatch,
        mirror,
      };
      this.sim.schedule(fault.delayMs, release, held);
      return true;
    }
    return this.afterDelay(attempt, fault.abortStatus, dispatch, mirror);
  }

  /** The abort, else the mirror: true when the proxy answered the call itself. */
  afterDelay(
    attempt: Attempt,
    abortStatus: number,
    dispatch: Dispatch,
    mirror: SendMirror | undefined,
  ): boolean {
    if (abortStatus > 0) {
      attempt.abortStatus = abortStatus;
      dispatch(attempt, undefined, 'aborted');
      return true;
    }
    const target = this.table.mirror;
    if (mirror !== undefined && target !== undefined && this.table.mirrors(this.next))
      mirror(attempt.call, target.version);
    return false;
  }

  private index(viewPods: readonly Pod[]): void {
    this.indexedFrom = viewPods;
    this.byVersion.clear();
    for (const pod of viewPods) {
      const list = this.byVersion.get(pod.versionName);
      if (list === undefined) this.byVersion.set(pod.versionName, [pod]);
      else list.push(pod);
    }
  }
}

/**
 * The fault delay is over. A caller that stopped waiting meanwhile (its deadline) gets
 * nothing forwarded: the attempt ends as it is, unanswered.
 */
function release(held: Held): void {
  const { routes, attempt, dispatch } = held;
  if (attempt.call.ended) {
    dispatch(attempt, undefined, 'unavailable');
    return;
  }
  if (!routes.afterDelay(attempt, held.abortStatus, dispatch, held.mirror))
    held.forward(attempt, dispatch);
}
