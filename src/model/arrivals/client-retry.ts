import type { Simulation } from '../../engine/simulation.js';
import type { FailureCause } from '../../metrics/run-result.js';
import type { ClientRetryConfig } from '../../scenario/client-retry-schema.js';
import { sdkBackOffMs } from '../mesh/resilience/back-off.js';
import { Request } from '../request.js';

/**
 * A workload's client retries (`workload[].retry`, docs/serverless.md "Client retries"): a
 * request whose attempt failed is sent again, to the same entry, after the AWS SDK's
 * jittered back-off, until it succeeds or its attempts are spent. Each attempt is a request
 * of its own to the system (a function bills it, a pod serves it, the workload's timeout is
 * its own); the client's request ends once, with its last attempt's outcome, its latency
 * from its first attempt's start. Every failure cause is one the SDK retries: 5xx, 429
 * (with the throttling base delay), the client's timeout, a reset or refused connection.
 * Not modelled: the SDK's retry quota (500 tokens, 5 a retry, 10 after a timeout), which
 * stops retries only after about 100 more retries than successes.
 */
export class ClientRetry {
  /** retries sent while measured (after warm-up): the extra attempts the system served */
  retries = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly config: ClientRetryConfig,
    /** uniforms for the back-off's jitter: the stream workload:<name>:retry */
    private readonly jitter: () => number,
    /** sends an attempt: the same entry, the workload's timeout */
    private readonly resend: (attempt: Request, previous: Request) => void,
  ) {}

  /** The attempt failed: true when the client sends it again (the request goes on). */
  retried(attempt: Request, failure: FailureCause): boolean {
    if (attempt.attempt >= this.config.maxAttempts || failure === 'unfinished') return false;
    const { baseDelay, throttlingBaseDelay, maxBackoff } = this.config;
    const base = failure === 'throttled' ? throttlingBaseDelay : baseDelay;
    const waitMs = sdkBackOffMs(attempt.attempt, base, maxBackoff, this.jitter());
    const next = new Request(attempt.startedAt, attempt.measured, attempt.client);
    next.cohort = attempt.cohort;
    next.retry = this;
    next.attempt = attempt.attempt + 1;
    if (attempt.measured) this.retries++;
    this.sim.schedule(waitMs, () => this.resend(next, attempt), undefined);
    return true;
  }
}
