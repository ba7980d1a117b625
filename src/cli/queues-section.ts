import type { QueueSummary } from '../metrics/queue-result.js';
import { count, fixed, renderTable } from './summary-table.js';

/**
 * The run's queues (docs/serverless.md, "Event sources"): per queue (a function's
 * asynchronous queue as `lambda-async`), over the whole run, what a backlog question asks:
 * messages, the peak backlog, the oldest message's age, the drain time, dead-lettered.
 */
export function queuesSection(queues: readonly QueueSummary[]): string {
  return `Queues (whole run; backlog: messages waiting; drain: from its peak to none waiting)\n${renderTable(
    [
      'queue',
      'kind',
      'sent',
      'received',
      'deleted',
      'dead-lettered',
      'peak backlog',
      'oldest age max s',
      'drain s',
      'left',
    ],
    queues.map((q) => [
      q.queue,
      q.kind,
      count(q.messagesSent),
      count(q.messagesReceived),
      count(q.messagesDeleted),
      count(q.deadLettered),
      count(q.peakBacklog),
      fixed(q.oldestAgeMaxS, 1),
      fixed(q.drainTimeS, 1),
      count(q.backlogAtEnd),
    ]),
    2,
  )}`;
}
