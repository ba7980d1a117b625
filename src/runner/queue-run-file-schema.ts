import { z } from 'zod';
import type { QueuesResult } from '../metrics/queue-result.js';

/**
 * RunResult.queues in a run file (docs/serverless.md, "Event sources"): checked like the
 * rest of the file, so that --resume and merge write the same queue outputs as the sweep.
 */
const count = z.number().nonnegative();
const statistic = z.number().nullable();
const kind = z.enum(['sqs', 'lambda-async']);

const queueSummary = z.object({
  queue: z.string(),
  kind,
  messagesSent: count,
  messagesReceived: count,
  messagesDeleted: count,
  deadLettered: count,
  expired: count,
  peakBacklog: count,
  oldestAgeMaxS: statistic,
  drainTimeS: statistic,
  backlogAtEnd: count,
});

const queueMinute = z.object({
  queue: z.string(),
  kind,
  startS: count,
  sent: count,
  received: count,
  deleted: count,
  visibleMax: count,
  notVisibleMax: count,
  oldestAgeMaxS: statistic,
  eventAgeAvgMs: statistic,
  eventAgeMaxMs: statistic,
  dropped: count,
});

export const queuesResultSchema: z.ZodType<QueuesResult, unknown> = z.object({
  queues: z.array(queueSummary),
  minutes: z.array(queueMinute),
});
