import { describe, expect, it } from 'vitest';
import { burst, runQueues } from './queue-scenario.js';

// A handler that waits exactly D (no CPU, no init, no network): every batch takes D.
const worker = (extra = '') => `worker:\n  handler: { wait: 1s }\n  init: 0ms${extra}`;

describe('a queue-triggered function', () => {
  it('drains a burst of N messages in ceil(N / (B × C)) handler durations', () => {
    // N = 100 at one instant, batches of B = 10, C = 2 at once (maximumConcurrency), D = 1 s:
    // 5 rounds of 2 batches: the last received at 4 s (no message waits from then on: the
    // drain time), deleted at 5 s (the oldest message's age).
    const { queue, result } = runQueues({
      functions: worker(),
      queues:
        'jobs:\n  sendLatency: 0ms\n  trigger: { function: worker, batchSize: 10, maximumConcurrency: 2 }',
      workload: burst('jobs.send', 100),
    });
    const jobs = queue('jobs');
    expect(jobs.messagesSent).toBe(100);
    expect(jobs.messagesDeleted).toBe(100);
    expect(jobs.peakBacklog).toBe(100);
    expect(jobs.drainTimeS).toBeCloseTo(4, 6);
    expect(jobs.oldestAgeMaxS).toBeCloseTo(5, 6);
    expect(jobs.backlogAtEnd).toBe(0);
    expect(result.functions!.functions[0]!.invocations).toBe(10);
    expect(result.functions!.functions[0]!.peakConcurrency).toBe(2);
  });

  it('starts with five concurrent batches when no maximum concurrency is set', () => {
    // 100 messages, batches of 10, 5 pollers: 2 rounds of 1 s, the second received at 1 s.
    const { queue } = runQueues({
      functions: worker(),
      queues: 'jobs:\n  sendLatency: 0ms\n  trigger: { function: worker }',
      workload: burst('jobs.send', 100),
    });
    expect(queue('jobs').drainTimeS).toBeCloseTo(1, 6);
    expect(queue('jobs').oldestAgeMaxS).toBeCloseTo(2, 6);
  });

  it('adds 300 concurrent batches at the minute while messages still wait', () => {
    // 6,000 messages in batches of 1 with 5 pollers: 5 a second for the first minute (300
    // done), then 305 at once: the other 5,700 take ceil(5700 / 305) = 19 more rounds, the
    // last received at 60 + 18 s and deleted at 60 + 19 s.
    const { queue } = runQueues({
      functions: worker(),
      queues: 'jobs:\n  sendLatency: 0ms\n  trigger: { function: worker, batchSize: 1 }',
      workload: burst('jobs.send', 6000),
    });
    expect(queue('jobs').drainTimeS).toBeCloseTo(60 + 18, 6);
    expect(queue('jobs').oldestAgeMaxS).toBeCloseTo(60 + 19, 6);
  });

  it('gathers messages for the batching window before it invokes with a partial batch', () => {
    // 3 messages at 0, a window of 2 s: one invocation at 2 s, done (deleted) at 3 s.
    const { queue, result } = runQueues({
      functions: worker(),
      queues:
        'jobs:\n  sendLatency: 0ms\n  trigger: { function: worker, batchSize: 10, maximumBatchingWindow: 2s }',
      workload: burst('jobs.send', 3),
    });
    expect(queue('jobs').oldestAgeMaxS).toBeCloseTo(3, 6);
    expect(result.functions!.functions[0]!.invocations).toBe(1);
  });

  it('moves a message that always fails to the dead-letter queue after exactly maxReceiveCount receives, a visibility timeout apart', () => {
    // Received at 0, 30 and 60 s; its third visibility timeout ends at 90 s: moved then.
    const { queue } = runQueues({
      functions: worker('\n  errorRate: 100%'),
      queues: [
        'jobs:',
        '  sendLatency: 0ms',
        '  visibilityTimeout: 30s',
        '  redrivePolicy: { deadLetterQueue: jobs-dlq, maxReceiveCount: 3 }',
        '  trigger: { function: worker, batchSize: 1 }',
        'jobs-dlq: {}',
      ].join('\n'),
      workload: burst('jobs.send', 1),
    });
    const jobs = queue('jobs');
    expect(jobs.messagesReceived).toBe(3);
    expect(jobs.deadLettered).toBe(1);
    expect(jobs.messagesDeleted).toBe(0);
    expect(jobs.oldestAgeMaxS).toBeCloseTo(90, 6);
    const dlq = queue('jobs-dlq');
    expect(dlq.backlogAtEnd).toBe(1);
    expect(dlq.drainTimeS).toBeNull();
  });

  it('without a dead-letter queue keeps a failing message until its retention ends', () => {
    const { queue } = runQueues({
      functions: worker('\n  errorRate: 100%'),
      queues:
        'jobs:\n  sendLatency: 0ms\n  visibilityTimeout: 30s\n  messageRetention: 2m\n  trigger: { function: worker, batchSize: 1 }',
      workload: burst('jobs.send', 1),
    });
    const jobs = queue('jobs');
    // Received at 0, 30, 60, 90 s; at 120 s it is past its retention: deleted unread.
    expect(jobs.messagesReceived).toBe(4);
    expect(jobs.expired).toBe(1);
    expect(jobs.deadLettered).toBe(0);
    expect(jobs.oldestAgeMaxS).toBeCloseTo(120, 6);
  });

  it('with reportBatchItemFailures returns only the failed messages, without it the whole batch', () => {
    const run = (report: boolean) =>
      runQueues({
        functions: worker(),
        queues: `jobs:\n  sendLatency: 0ms\n  visibilityTimeout: 10s\n  trigger: { function: worker, batchSize: 10, messageErrorRate: 10%, reportBatchItemFailures: ${report} }`,
        workload: burst('jobs.send', 1000),
      }).queue('jobs');
    const partial = run(true);
    const whole = run(false);
    // Each receive fails a message with probability 0.1: about 1000 / 0.9 receives when
    // only the failed return; a batch of 10 fails whole with probability 1 - 0.9^10 = 0.65.
    expect(partial.messagesReceived).toBeGreaterThan(1080);
    expect(partial.messagesReceived).toBeLessThan(1150);
    expect(whole.messagesReceived).toBeGreaterThan(2 * partial.messagesReceived);
    expect(partial.messagesDeleted).toBe(1000);
    expect(whole.messagesDeleted).toBe(1000);
  });

  it('leaves the messages of a throttled invocation in the queue until their visibility timeout', () => {
    // Reserved concurrency 1 and 2 pollers: the second batch is throttled and returns after
    // the 30 s visibility timeout, though the first finished at 1 s.
    const { queue, result } = runQueues({
      functions: worker('\n  reservedConcurrency: 1'),
      queues:
        'jobs:\n  sendLatency: 0ms\n  trigger: { function: worker, batchSize: 10, maximumConcurrency: 2 }',
      workload: burst('jobs.send', 20),
    });
    const fn = result.functions!.functions[0]!;
    expect(fn.throttles).toBeGreaterThanOrEqual(1);
    expect(queue('jobs').messagesDeleted).toBe(20);
    expect(queue('jobs').oldestAgeMaxS).toBeCloseTo(31, 6);
  });

  it('reports per minute under CloudWatch names, a minute without messages with no oldest age', () => {
    const { minutes } = runQueues({
      functions: worker(),
      queues: 'jobs:\n  sendLatency: 0ms\n  trigger: { function: worker, maximumConcurrency: 2 }',
      workload: `${burst('jobs.send', 40)}\n${burst('jobs.send', 20, 0.5, 'later')}`,
      duration: '2m',
      drain: '1s',
    });
    const [first, second] = minutes('jobs');
    expect(first).toMatchObject({ sent: 60, received: 60, deleted: 60, visibleMax: 40 });
    expect(second!.sent).toBe(0);
    expect(second!.oldestAgeMaxS).toBeNull();
  });
});
