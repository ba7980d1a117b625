import { failureCauseInfo } from '../../../metrics/failure-causes.js';
import type { FailureCause } from '../../../metrics/run-result.js';
import type { RetryOn } from '../../../scenario/traffic-policy-schema.js';

/**
 * Which failed tries Envoy's retry_on conditions send again, as msasim's failure causes
 * (Envoy's RetryStateImpl: wouldRetryFromHeaders for a response, wouldRetryFromReset for a
 * reset or a failed connect). A cause is what the caller sees of the try: its status and
 * flag in src/metrics/failure-causes.ts.
 * - 5xx: any 5xx response, and a reset or failed connect (Envoy counts those as 5xx).
 * - gateway-error: 502, 503, 504, and a reset or failed connect, like 5xx.
 * - connect-failure: the connect failed (UF). reset: the stream was reset or the pod went away.
 * - retriable-status-codes: a response whose status is in the list (overflow 503, error 500,
 *   throttled 429, a 504 passed on).
 * - unavailable (gRPC UNAVAILABLE): a response that a gRPC server gives that status, which
 *   here is a full worker queue (overflow). cancelled and refused-stream match no cause:
 *   no server in the model answers CANCELLED or refuses an HTTP/2 stream.
 * Never retried, as in Envoy: the caller's own circuit breaker (UO, a local overflow), no
 * healthy upstream (UH: no try was made), and the caller's own deadlines.
 * A per-try timeout (`deadline_exceeded` on the try) is retried under 5xx and gateway-error
 * only, as Envoy does (a per-try timeout resets the stream: a gateway error).
 */
export function retriableCauses(
  retryOn: readonly RetryOn[],
  statusCodes: readonly number[],
): ReadonlySet<FailureCause> {
  const causes = new Set<FailureCause>();
  const on = new Set(retryOn);
  const upstreamResponses: FailureCause[] = ['overflow', 'error', 'throttled', 'deadline_exceeded'];
  const resets: FailureCause[] = ['connect_failure', 'reset'];
  if (on.has('5xx')) {
    for (const cause of upstreamResponses)
      if (failureCauseInfo(cause).httpStatus >= 500) causes.add(cause);
    for (const cause of resets) causes.add(cause);
  }
  if (on.has('gateway-error')) {
    for (const cause of upstreamResponses)
      if (isGatewayError(failureCauseInfo(cause).httpStatus)) causes.add(cause);
    for (const cause of resets) causes.add(cause);
  }
  if (on.has('connect-failure')) causes.add('connect_failure');
  if (on.has('reset')) for (const cause of resets) causes.add(cause);
  if (on.has('retriable-status-codes'))
    for (const cause of upstreamResponses)
      if (statusCodes.includes(failureCauseInfo(cause).httpStatus)) causes.add(cause);
  if (on.has('unavailable')) causes.add('overflow');
  return causes;
}

/** 502, 503, 504: Envoy's gateway errors (Http::CodeUtility::isGatewayError). */
export function isGatewayError(status: number): boolean {
  return status >= 502 && status <= 504;
}
