import type { EventHandle } from '../../engine/event-queue.js';
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

  constructor(
    readonly request: Request,
    /** the attempt whose endpoint made this call; undefined for the end client's call */
    readonly parent: Attempt | undefined,
    readonly target: CallTarget,
    /** the zone of the caller's pod, or undefined for a client outside the cluster */
    readonly callerZone: string | undefined,
  ) {}
}
