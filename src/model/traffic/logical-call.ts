import type { EventHandle } from '../../engine/event-queue.js';
import type { CallerPolicy } from '../mesh/resilience/caller-policy.js';
import type { Pod } from '../pod.js';
import type { Request } from '../request.js';
import type { CallTarget } from '../service.js';
import type { Attempt } from './attempt.js';

/**
 * What the caller's code asked for: one call to an endpoint of a service. It is made of
 * one or more attempts (src/model/traffic/attempt.ts), each to one pod; it ends exactly
 * once, by the response of an attempt that no policy sends again, or by its deadline.
 */
export class LogicalCall {
  /** when the caller asked (the edge's latency is from here) */
  sentAt = 0;
  /** the attempt the caller is waiting for */
  attempt: Attempt | undefined = undefined;
  attempts = 0;
  /**
   * the caller's own timeout (the end client's for a request's first call); undefined: none.
   * Not -1 for none: a field that only ever holds numbers is kept as a double in a box of its
   * own, allocated with every call, though only the first call of a request sets it.
   */
  deadline: EventHandle | undefined = undefined;
  ended = false;
  /** the next call of the same step of the parent attempt (a parallel step has several) */
  nextSibling: LogicalCall | undefined = undefined;
  // Resilience (issue 12, M2: src/model/mesh/resilience/).
  /** its caller's policies for the callee; undefined: none (strategy none) */
  policy: CallerPolicy | undefined = undefined;
  /**
   * What only a mesh's routes and policies set, made on the first write: every hop makes a
   * logical call, so each field here would be allocated and initialised per hop of every run
   * (chain-6's bench: 5 fields, 40 bytes a hop). Read through the accessors below, which
   * answer the defaults while it is absent.
   */
  private mesh: CallMeshState | undefined = undefined;

  constructor(
    readonly request: Request,
    /** the attempt whose endpoint made this call; undefined for the end client's call */
    readonly parent: Attempt | undefined,
    readonly target: CallTarget,
    /** the zone of the caller's pod, or undefined for a client outside the cluster */
    readonly callerZone: string | undefined,
  ) {}

  private meshState(): CallMeshState {
    if (this.mesh === undefined) this.mesh = new CallMeshState();
    return this.mesh;
  }

  /**
   * M3: the version its caller's proxy routed it to, chosen once per call (retries stay on
   * it, as Envoy's route and weighted cluster are chosen once per request); ANY_VERSION:
   * any ready pod; undefined: not chosen yet (src/model/mesh/routing/).
   */
  get routedTo(): string | undefined {
    return this.mesh?.routedTo;
  }
  set routedTo(version: string | undefined) {
    this.meshState().routedTo = version;
  }
  /** the route timeout's event (all tries and back-offs); -1: none */
  get routeDeadline(): EventHandle {
    return this.mesh === undefined ? -1 : this.mesh.routeDeadline;
  }
  set routeDeadline(handle: EventHandle) {
    this.meshState().routeDeadline = handle;
  }
  /** the back-off's event before its next try; -1: none */
  get retryEvent(): EventHandle {
    return this.mesh === undefined ? -1 : this.mesh.retryEvent;
  }
  set retryEvent(handle: EventHandle) {
    this.meshState().retryEvent = handle;
  }
  /** whether it holds one of its caller's outstanding retries (circuit breaker max retries) */
  get holdsRetry(): boolean {
    return this.mesh?.holdsRetry === true;
  }
  set holdsRetry(holds: boolean) {
    this.meshState().holdsRetry = holds;
  }
  /** the pods its failed tries went to: a retry avoids them (previous_hosts) */
  get triedPods(): Pod[] | undefined {
    return this.mesh?.triedPods;
  }
  set triedPods(pods: Pod[] | undefined) {
    this.meshState().triedPods = pods;
  }
}

/** A logical call's fields that only a mesh sets (see LogicalCall.mesh); the defaults are none's. */
class CallMeshState {
  routedTo: string | undefined = undefined;
  routeDeadline: EventHandle = -1;
  retryEvent: EventHandle = -1;
  holdsRetry = false;
  triedPods: Pod[] | undefined = undefined;
}
