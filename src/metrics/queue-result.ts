import type { Statistic } from './run-result.js';

/**
 * What a run's event sources did (issue 13, docs/serverless.md "Event sources"): one row per
 * queue over the whole run (queues.csv), a function's asynchronous-invocation queue counted
 * as a queue of kind `lambda-async`, and one row per queue and minute under CloudWatch's
 * names (queue_metrics.csv). A statistic with no sample is null (an empty cell), never 0.
 */
export interface QueuesResult {
  queues: QueueSummary[];
  minutes: QueueMinute[];
}

export type QueueKind = 'sqs' | 'lambda-async';

export interface QueueSummary {
  /** the queue's name; a function's name for its asynchronous-invocation queue */
  queue: string;
  kind: QueueKind;
  /** messages (events) put in: SendMessage calls, or asynchronous invocations accepted */
  messagesSent: number;
  /** receives: a message received three times counts three */
  messagesReceived: number;
  /** processed and deleted */
  messagesDeleted: number;
  /** moved to the dead-letter queue (sqs) or, failed or too old, to the on-failure destination */
  deadLettered: number;
  /** deleted unread past the retention period (sqs) or the maximum event age (lambda-async) */
  expired: number;
  /** most messages waiting at once (ApproximateNumberOfMessagesVisible) */
  peakBacklog: number;
  /** the largest ApproximateAgeOfOldestMessage of the run, in seconds */
  oldestAgeMaxS: Statistic;
  /** from the backlog's last rise to its peak until no message waits; null: it never emptied */
  drainTimeS: Statistic;
  /** messages still in the queue (waiting or in flight) when the run ended */
  backlogAtEnd: number;
}

/** One queue's minute, as CloudWatch's AWS/SQS (or AWS/Lambda async) metrics would show it. */
export interface QueueMinute {
  queue: string;
  kind: QueueKind;
  /** the minute's start, seconds from the start of the run */
  startS: number;
  sent: number;
  received: number;
  deleted: number;
  visibleMax: number;
  notVisibleMax: number;
  /** Maximum of ApproximateAgeOfOldestMessage in the minute, seconds; null: the queue was empty */
  oldestAgeMaxS: Statistic;
  /** lambda-async: AsyncEventAge (queued to invoked) Average and Maximum, ms; null: none */
  eventAgeAvgMs: Statistic;
  eventAgeMaxMs: Statistic;
  /** lambda-async: AsyncEventsDropped (too old, or retries spent) */
  dropped: number;
}
