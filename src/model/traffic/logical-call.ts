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
  /** the caller's own timeout (the end client's for a request's first call); -1: none */
  deadline: EventHandle = -1;
  ended = false;
  /** the next call of the same step of the parent attempt (a parallel step has several) */
  nextSibling: LogicalCall | undefined = undefined;
  /**
   * M3: the version its caller's proxy routed it to, chosen once per call (retries stay on
   * it, as Envoy's route and weighted cluster are chosen once per request); ANY_VERSION:
   * any ready pod; undefined: not chosen yet (src/model/mesh/routing/).
   */
  routedTo: string | undefined = undefined;

  // Resilience (issue 12, M2: src/model/mesh/resilience/).
  /** its caller's policies for the callee; undefined: none (strategy none) */
  policy: CallerPolicy | undefined = undefined;
  /** the route timeout's event (all tries and back-offs); -1: none */
  routeDeadline: EventHandle = -1;
  /** the back-off's event before its next try; -1: none */
  retryEvent: EventHandle = -1;
  /** whether it holds one of its caller's outstanding retries (circuit breaker max retries) */
  holdsRetry = false;
  /** the pods its failed tries went to: a retry avoids them (previous_hosts) */
  triedPods: Pod[] | undefined = undefined;

  constructor(
    readonly request: Request,
    /** the attempt whose endpoint made this call; undefined for the end client's call */
    readonly parent: Attempt | undefined,
    readonly target: CallTarget,
    /** the zone of the caller's pod, or undefined for a client outside the cluster */
    readonly callerZone: string | undefined,
  ) {}
}
