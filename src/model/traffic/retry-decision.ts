import type { Attempt } from './attempt.js';
import type { LogicalCall } from './logical-call.js';

/**
 * Asked after an attempt failed while its caller still waits: whether to send the call
 * again (a new attempt, to a pod the load balancer picks anew). A call's deadline ends it
 * without asking: the caller has stopped waiting. The mesh's retry policy will answer
 * here; without one the answer is no, which is today's model.
 */
export type RetryDecision = (call: LogicalCall, failed: Attempt) => boolean;

export const NEVER_RETRY: RetryDecision = () => false;
