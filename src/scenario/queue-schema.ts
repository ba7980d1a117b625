import { z } from 'zod';
import { distribution, duration, fraction, positiveDuration } from './fields.js';
import { formatDuration } from './units.js';

/**
 * Event sources (issue 13, docs/serverless.md "Event sources"): a top-level `queues:` map of
 * SQS-like standard queues, each optionally consumed by a function through a Lambda event
 * source mapping (`trigger:`), and a function's asynchronous invocation (`async:`, its
 * EventInvokeConfig). Every bound and default is AWS's own; docs/serverless.md cites each.
 */

/** A queue's one endpoint: SendMessage, as `jobs.send` names it in a call or a workload. */
export const QUEUE_SEND_ENDPOINT = 'send';
/** A function's asynchronous entry (InvocationType Event), as `resize.invokeAsync`. */
export const ASYNC_ENDPOINT = 'invokeAsync';

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** SQS: VisibilityTimeout 0 s to 12 h, default 30 s. */
export const MAX_VISIBILITY_TIMEOUT_MS = 12 * HOUR_MS;
/** SQS: MessageRetentionPeriod 60 s to 14 days, default 4 days (345,600 s). */
export const MIN_RETENTION_MS = 60 * SECOND_MS;
export const MAX_RETENTION_MS = 14 * DAY_MS;
/** SQS redrive policy: maxReceiveCount 1 to 1,000. */
export const MAX_RECEIVE_COUNT = 1000;
/** Lambda's SQS event source mapping: BatchSize 1 to 10,000 (above 10 needs a batching window). */
export const MAX_BATCH_SIZE = 10_000;
export const MAX_BATCH_WITHOUT_WINDOW = 10;
/** MaximumBatchingWindowInSeconds 0 to 300. */
export const MAX_BATCHING_WINDOW_MS = 300 * SECOND_MS;
/** ScalingConfig.MaximumConcurrency 2 to 1,000; 1,000 batches is also the mapping's own most. */
export const MIN_MAXIMUM_CONCURRENCY = 2;
export const MAX_MAXIMUM_CONCURRENCY = 1000;
/** EventInvokeConfig: MaximumRetryAttempts 0 to 2, MaximumEventAgeInSeconds 60 to 21,600. */
export const MAX_RETRY_ATTEMPTS = 2;
export const MIN_EVENT_AGE_MS = 60 * SECOND_MS;
export const MAX_EVENT_AGE_MS = 6 * HOUR_MS;

/** The SendMessage (or Invoke Event) call's own latency when none is given: an assumption. */
export const DEFAULT_API_LATENCY = 'lognormal(median=10ms, p99=40ms)';

const between = (min: number, max: number, what: string) =>
  duration.refine(
    (ms) => ms >= min && ms <= max,
    `must be between ${formatDuration(min) === '0' ? '0s' : formatDuration(min)} and ${formatDuration(max)} (${what})`,
  );

const trigger = z
  .strictObject({
    function: z.string().describe('the function the event source mapping invokes'),
    batchSize: z
      .number()
      .int('must be a whole number of messages')
      .min(1, 'must be at least 1')
      .max(MAX_BATCH_SIZE, `must be at most ${MAX_BATCH_SIZE} (Lambda's largest SQS batch)`)
      .default(10)
      .describe(
        'most messages per invocation, 1 to 10000 (default 10; above 10 needs maximumBatchingWindow of at least 1s)',
      ),
    maximumBatchingWindow: between(0, MAX_BATCHING_WINDOW_MS, "Lambda's MaximumBatchingWindow")
      .prefault('0s')
      .describe(
        'how long a poller gathers messages before it invokes with fewer than batchSize, 0s to 300s (default 0s)',
      ),
    maximumConcurrency: z
      .number()
      .int()
      .min(MIN_MAXIMUM_CONCURRENCY, `must be at least ${MIN_MAXIMUM_CONCURRENCY} (Lambda's least)`)
      .max(MAX_MAXIMUM_CONCURRENCY, `must be at most ${MAX_MAXIMUM_CONCURRENCY} (Lambda's most)`)
      .optional()
      .describe(
        'most concurrent invocations this mapping makes, 2 to 1000 (default: the 1000 batches a mapping processes at most)',
      ),
    reportBatchItemFailures: z
      .boolean()
      .default(false)
      .describe(
        'the function reports which messages failed: only those return to the queue (default false: a failed message fails the whole batch)',
      ),
    messageErrorRate: fraction
      .prefault(0)
      .describe(
        "probability that the handler fails one message of its batch (the function's own errorRate fails the whole invocation)",
      ),
  })
  .describe('a Lambda event source mapping: pollers that invoke a function with batches');

const queue = z.strictObject({
  visibilityTimeout: between(0, MAX_VISIBILITY_TIMEOUT_MS, "SQS's VisibilityTimeout")
    .prefault('30s')
    .describe(
      'a received message is hidden this long; not deleted by then, it is visible again (default 30s, 0s to 12h)',
    ),
  messageRetention: between(MIN_RETENTION_MS, MAX_RETENTION_MS, "SQS's MessageRetentionPeriod")
    .prefault('4d')
    .describe(
      'a message older than this (from its first send) is deleted unread (default 4d, 60s to 14d)',
    ),
  sendLatency: distribution
    .prefault(DEFAULT_API_LATENCY)
    .describe(
      `the SendMessage call's own latency, what a producer waits (default ${DEFAULT_API_LATENCY}, an assumption)`,
    ),
  redrivePolicy: z
    .strictObject({
      deadLetterQueue: z.string().describe('another queue of the scenario'),
      maxReceiveCount: z
        .number()
        .int()
        .min(1, 'must be at least 1')
        .max(MAX_RECEIVE_COUNT, `must be at most ${MAX_RECEIVE_COUNT} (SQS's most)`)
        .describe('receives after which a message not deleted moves to the dead-letter queue'),
    })
    .optional()
    .describe('move a message to a dead-letter queue after maxReceiveCount receives'),
  trigger: trigger.optional(),
});

/** `queues:`, name → queue. */
export const queuesSchema = z
  .record(z.string(), queue)
  .optional()
  .describe('SQS-like standard queues by name; producers call `<queue>.send` (docs/serverless.md)');

/** A function's `async:`: its asynchronous invocation (EventInvokeConfig). */
export const asyncInvokeSchema = z
  .strictObject({
    maximumRetryAttempts: z
      .number()
      .int()
      .min(0)
      .max(MAX_RETRY_ATTEMPTS, `must be at most ${MAX_RETRY_ATTEMPTS} (Lambda's most)`)
      .default(MAX_RETRY_ATTEMPTS)
      .describe('retries after a function error, 0 to 2 (default 2: after 1 minute, then 2)'),
    maximumEventAge: positiveDuration
      .prefault('6h')
      .refine(
        (ms) => ms >= MIN_EVENT_AGE_MS && ms <= MAX_EVENT_AGE_MS,
        "must be between 60s and 6h (Lambda's MaximumEventAgeInSeconds)",
      )
      .describe('an event older than this is dropped, not invoked (default 6h, 60s to 6h)'),
    onFailure: z
      .string()
      .optional()
      .describe('a queue of the scenario that gets the events that failed or were dropped'),
    latency: distribution
      .prefault(DEFAULT_API_LATENCY)
      .describe(
        `the Invoke call's own latency until Lambda answers 202 (default ${DEFAULT_API_LATENCY}, an assumption)`,
      ),
  })
  .describe(
    'asynchronous invocation (`<function>.invokeAsync`): retries, maximum event age, on-failure destination',
  );

export type QueueConfig = z.output<typeof queue>;
export type TriggerConfig = z.output<typeof trigger>;
export type AsyncInvokeConfig = z.output<typeof asyncInvokeSchema>;
