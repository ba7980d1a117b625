import type { OptionalHeadlines } from './optional-headlines.js';
import type { QueueSummary } from './queue-result.js';
import type { Statistic } from './run-result.js';

/**
 * A run's queue outcomes as headline metrics (issue 13; docs/serverless.md, "Queue outcomes
 * as headline metrics"): runs.csv columns, threshold and crossover metrics, comparison-table
 * columns. Only a run with queues (`queues:`, or a function invoked asynchronously) has
 * them, so every other run's runs.csv keeps its bytes.
 *
 * Over several queues: counts are summed, ages and times take the largest. Only the queues
 * something was sent to count (SendMessage, or an accepted asynchronous invocation): a
 * dead-letter queue or on-failure destination holds only what other queues moved out, which
 * queue_messages_dead_lettered already counts, and its messages keep their first send time,
 * so its age would be the run's length rather than a backlog's.
 */
export const QUEUE_HEADLINE_METRIC_NAMES = [
  /** ApproximateNumberOfMessagesVisible, Maximum: each queue's peak, summed */
  'queue_messages_visible_max',
  /** ApproximateAgeOfOldestMessage, Maximum, seconds: the largest; absent when no message waited */
  'queue_oldest_message_age_max_s',
  /** moved to a dead-letter queue or on-failure destination, summed */
  'queue_messages_dead_lettered',
  /** still in the queue (waiting or in flight) when the run ended, summed */
  'queue_messages_at_end',
  /** from the backlog's peak until no message waited, seconds: the largest; absent when one never emptied */
  'queue_drain_time_s',
] as const;

export type QueueHeadlineMetric = (typeof QUEUE_HEADLINE_METRIC_NAMES)[number];

export const QUEUE_HEADLINES: OptionalHeadlines = {
  names: QUEUE_HEADLINE_METRIC_NAMES,
  has: (result) => result.queues !== undefined,
  metrics: (result) => queueHeadlineMetrics(result.queues!.queues),
  directions: Object.fromEntries(QUEUE_HEADLINE_METRIC_NAMES.map((name) => [name, 'lower'])),
  compared: QUEUE_HEADLINE_METRIC_NAMES,
};

export function queueHeadlineMetrics(
  queues: readonly QueueSummary[],
): Record<QueueHeadlineMetric, Statistic> {
  const sources = queues.filter((queue) => queue.messagesSent > 0);
  let visibleMax = 0;
  let deadLettered = 0;
  let atEnd = 0;
  for (const queue of sources) {
    visibleMax += queue.peakBacklog;
    deadLettered += queue.deadLettered;
    atEnd += queue.backlogAtEnd;
  }
  return {
    queue_messages_visible_max: visibleMax,
    queue_oldest_message_age_max_s: largest(sources.map((queue) => queue.oldestAgeMaxS)),
    queue_messages_dead_lettered: deadLettered,
    queue_messages_at_end: atEnd,
    queue_drain_time_s: drainTime(sources),
  };
}

/** The largest value present; null when none is. */
function largest(values: readonly Statistic[]): Statistic {
  let max: Statistic = null;
  for (const value of values) if (value !== null && (max === null || value > max)) max = value;
  return max;
}

/**
 * The slowest drain of the queues that had a backlog: null when none had one (no sample) or
 * one never emptied (it did not drain; 0 would say it drained at once).
 */
function drainTime(queues: readonly QueueSummary[]): Statistic {
  const backlogged = queues.filter((queue) => queue.peakBacklog > 0);
  if (backlogged.some((queue) => queue.drainTimeS === null)) return null;
  return largest(backlogged.map((queue) => queue.drainTimeS));
}
