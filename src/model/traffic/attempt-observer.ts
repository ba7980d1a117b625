import type { FailureCause } from '../../metrics/run-result.js';
import type { Request } from '../request.js';
import type { Attempt } from './attempt.js';
import type { LogicalCall } from './logical-call.js';

/**
 * Watches the request path for what a mesh's proxies would report (docs/mesh/telemetry.md):
 * Istio's metrics from each side of a call, and the times of a sampled request's spans.
 * The request path calls it with `observer?.…`, so a run without one pays nothing. Times are
 * the simulation's clock at the call.
 *
 * Where each report belongs: the destination's when the callee's inbound proxy has done its
 * work on the response (one per attempt that reached it); a waypoint's when it has passed the
 * response back; the source's when the logical call ends for the caller's code (one per
 * request of the application: Envoy's retries happen inside its router, below the stats
 * filter, so the source report has the final response and the whole time, retries and
 * back-offs included).
 */
export interface AttemptObserver {
  /** A request enters the system: tracing decides here whether it is sampled. */
  requestStarted(request: Request, now: number): void;
  /**
   * The callee's code is done with the attempt: it sends its response (`attempt.failure`
   * says which), or stops because its caller gave up (`cancelledBy`: the caller's cause; no
   * response is sent, and its inbound proxy reports at once, reporter=destination).
   */
  responseSent(attempt: Attempt, now: number, cancelledBy?: FailureCause): void;
  /**
   * The callee's inbound proxy has done its work on the response and sent it on
   * (reporter=destination); at once after responseSent when the callee has no proxy.
   */
  responseForwarded(attempt: Attempt, now: number): void;
  /** The callee's waypoint (ambient) has passed the attempt's response back (reporter=waypoint). */
  waypointResponded(attempt: Attempt, now: number): void;
  /**
   * The caller's side has the attempt's outcome: its response arrived (`attempt.failure`), or
   * the caller stopped waiting for it with `gaveUp` (the end of its outbound proxy's span).
   */
  responseReceived(attempt: Attempt, now: number, gaveUp?: FailureCause): void;
  /** A new connection opens for the attempt (a ztunnel counts it, ambient). */
  connectionOpened(attempt: Attempt): void;
  /**
   * Bytes of the attempt on the wire (measured requests only, as transfers.ts counts them):
   * its request's as it leaves, its response's as the callee answers.
   */
  bytesCarried(attempt: Attempt, requestBytes: number, responseBytes: number): void;
  /**
   * The logical call ended for its caller (reporter=source; the end of its span): by the
   * response of its last attempt (`call.attempt.failure`), or by `gaveUp` (its deadline, its
   * route timeout, its caller failing or giving up, or its last try's per-try timeout).
   */
  callEnded(call: LogicalCall, now: number, failed: boolean, gaveUp?: FailureCause): void;
}
