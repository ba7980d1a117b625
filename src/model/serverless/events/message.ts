/** One message of a queue (or one event of a function's asynchronous-invocation queue). */
export class Message {
  /** times received (sqs) or invoked (async): what the redrive policy and retries count */
  receives = 0;
  /** async: throttled invocations in a row, which lengthen its back-off */
  throttles = 0;
  /** received and neither deleted nor visible again yet */
  inFlight = false;
  /** deleted, expired or moved: no longer in this queue */
  gone = false;

  constructor(
    readonly id: number,
    /** its first send: retention and age count from it, in a dead-letter queue too */
    readonly sentAt: number,
  ) {}
}
