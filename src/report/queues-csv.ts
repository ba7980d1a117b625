import type { QueueMinute, QueueSummary } from '../metrics/queue-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication (docs/serverless.md, "Event sources"). */
export const QUEUE_COLUMNS = [
  'queue',
  'kind',
  'messages_sent',
  'messages_received',
  'messages_deleted',
  'dead_lettered',
  'expired',
  'peak_backlog',
  'oldest_age_max_s',
  'drain_time_s',
  'backlog_at_end',
] as const;

export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

export function queueFields(q: QueueSummary): Record<QueueColumn, Cell> {
  return {
    queue: q.queue,
    kind: q.kind,
    messages_sent: q.messagesSent,
    messages_received: q.messagesReceived,
    messages_deleted: q.messagesDeleted,
    dead_lettered: q.deadLettered,
    expired: q.expired,
    peak_backlog: q.peakBacklog,
    oldest_age_max_s: q.oldestAgeMaxS,
    drain_time_s: q.drainTimeS,
    backlog_at_end: q.backlogAtEnd,
  };
}

/** queues.csv: one row per (run, queue), over the whole run. */
export const queuesCsv = perRunTable(
  QUEUE_COLUMNS,
  (record) => record.result.queues?.queues ?? [],
  queueFields,
);

/**
 * CloudWatch's names: AWS/SQS's for a queue (sqs rows), AWS/Lambda's asynchronous-invocation
 * metrics for a function's queue (lambda-async rows); a name that does not apply to a row's
 * kind is an empty cell, as is a statistic with no sample.
 */
export const QUEUE_METRIC_COLUMNS = [
  'queue',
  'kind',
  'minute_start_s',
  'NumberOfMessagesSent',
  'NumberOfMessagesReceived',
  'NumberOfMessagesDeleted',
  'ApproximateNumberOfMessagesVisible_Maximum',
  'ApproximateNumberOfMessagesNotVisible_Maximum',
  'ApproximateAgeOfOldestMessage_Maximum_s',
  'AsyncEventsReceived',
  'AsyncEventAge_Average_ms',
  'AsyncEventAge_Maximum_ms',
  'AsyncEventsDropped',
] as const;

export type QueueMetricColumn = (typeof QUEUE_METRIC_COLUMNS)[number];

export function queueMinuteFields(m: QueueMinute): Record<QueueMetricColumn, Cell> {
  const sqs = m.kind === 'sqs';
  const ifSqs = (value: Cell): Cell => (sqs ? value : null);
  const ifAsync = (value: Cell): Cell => (sqs ? null : value);
  return {
    queue: m.queue,
    kind: m.kind,
    minute_start_s: m.startS,
    NumberOfMessagesSent: ifSqs(m.sent),
    NumberOfMessagesReceived: ifSqs(m.received),
    NumberOfMessagesDeleted: ifSqs(m.deleted),
    ApproximateNumberOfMessagesVisible_Maximum: ifSqs(m.visibleMax),
    ApproximateNumberOfMessagesNotVisible_Maximum: ifSqs(m.notVisibleMax),
    ApproximateAgeOfOldestMessage_Maximum_s: ifSqs(m.oldestAgeMaxS),
    AsyncEventsReceived: ifAsync(m.sent),
    AsyncEventAge_Average_ms: ifAsync(m.eventAgeAvgMs),
    AsyncEventAge_Maximum_ms: ifAsync(m.eventAgeMaxMs),
    AsyncEventsDropped: ifAsync(m.dropped),
  };
}

/** queue_metrics.csv: one row per (run, queue, minute of the whole run). */
export const queueMetricsCsv = perRunTable(
  QUEUE_METRIC_COLUMNS,
  (record) => record.result.queues?.minutes ?? [],
  queueMinuteFields,
);
