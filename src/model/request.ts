import type { FailureCause } from '../metrics/run-result.js';
import type { ClientRetry } from './arrivals/client-retry.js';
import type { ClientLoop } from './arrivals/closed-loop.js';
import type { RequestTrace } from './mesh/telemetry/request-trace.js';
import type { LogicalCall } from './traffic/logical-call.js';

/** One end-to-end request from a client: it ends exactly once, by its response or timeout. */
export class Request {
  ended = false;
  /**
   * the client's call to the entry service: its edge records the client's view, its
   * deadline is the client's timeout
   */
  root: LogicalCall | undefined = undefined;
  /** M3: the cohort its workload tagged it with (a propagated header): routing matches on it */
  cohort: string | undefined = undefined;

  constructor(
    readonly startedAt: number,
    /** arrived after warm-up, so its outcome counts in the headline metrics */
    readonly measured: boolean,
    /** the closed-loop client to notify when the request ends, if any */
    readonly client: ClientLoop | undefined,
  ) {}

  /**
   * Issue 13: a call an event source makes (a queue's poller, Lambda's asynchronous
   * invocation) is no client's request: it ends here, outside the request metrics.
   */
  onEnd: ((failure: FailureCause | undefined) => void) | undefined = undefined;

  /** M4: its trace, when tracing sampled it (src/model/mesh/telemetry/); else undefined */
  trace: RequestTrace | undefined = undefined;

  /** its workload's client retries (`workload[].retry`); undefined: a failure is final */
  retry: ClientRetry | undefined = undefined;
  /** which attempt of the client's request this is, from 1 (src/model/arrivals/client-retry.ts) */
  attempt = 1;
}
