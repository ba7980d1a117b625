import type { FailureCause } from '../../metrics/run-result.js';
import type { Request } from '../request.js';
import type { Attempt } from './attempt.js';
import type { LogicalCall } from './logical-call.js';

/**
 * Watches the request path for what a mesh's proxies would report (docs/mesh/telemetry.md):
 * Istio's metrics from each side of an attempt, and the times of a sampled request's spans.
 * The request path calls it with `observer?.…`, so a run without one pays nothing. Times are
 * the simulation's clock at the call.
 *
 * Where each report belongs once proxies have latency (part M1): the destination's when
 * the callee's inbound proxy sends the response, the source's when the caller's outbound
 * proxy receives it (or gives up on it).
 */
export interface AttemptObserver {
  /** A request enters the system: tracing decides here whether it is sampled. */
  requestStarted(request: Request, now: number): void;
  /**
   * The callee's side is done with the attempt (reporter=destination): it sends its
   * response (`attempt.failure` says which), or stops because its caller gave up
   * (`cancelledBy`: the caller's cause; no response is sent).
   */
  responseSent(attempt: Attempt, now: number, cancelledBy?: FailureCause): void;
  /**
   * The caller's side has the attempt's outcome (reporter=source): its response arrived
   * (`attempt.failure`), or the caller stopped waiting for it with `gaveUp`.
   */
  responseReceived(attempt: Attempt, now: number, gaveUp?: FailureCause): void;
  /** The logical call ended for its caller (the end of its span). */
  callEnded(call: LogicalCall, now: number, failed: boolean): void;
}
