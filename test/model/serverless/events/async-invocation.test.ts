import { describe, expect, it } from 'vitest';
import { burst, runQueues } from './queue-scenario.js';

describe('asynchronous invocation', () => {
  it('retries a failing event after 1 minute then 2 minutes, then sends it to the on-failure destination', () => {
    // Invoked at 0 (fails at 0.1 s), at 60.1 s (fails at 60.2 s), at 180.2 s (fails at
    // 180.3 s): then dropped into `failed`.
    const { queue, minutes } = runQueues({
      functions: [
        'worker:',
        '  handler: { wait: 100ms }',
        '  init: 0ms',
        '  errorRate: 100%',
        '  async: { onFailure: failed, latency: 0ms }',
      ].join('\n'),
      queues: 'failed: {}',
      workload: burst('worker.invokeAsync', 1),
    });
    const events = queue('worker');
    expect(events.kind).toBe('lambda-async');
    expect(events.messagesReceived).toBe(3);
    expect(events.deadLettered).toBe(1);
    expect(events.oldestAgeMaxS).toBeCloseTo(180.3, 6);
    expect(queue('failed').backlogAtEnd).toBe(1);
    const ages = minutes('worker').flatMap((m) =>
      m.eventAgeMaxMs === null ? [] : [m.eventAgeMaxMs],
    );
    expect(ages.map((a) => Math.round(a))).toEqual([0, 60_100, 180_200]);
    expect(minutes('worker').reduce((sum, m) => sum + m.dropped, 0)).toBe(1);
  });

  it('retries only maximumRetryAttempts times', () => {
    const { queue } = runQueues({
      functions:
        'worker:\n  handler: { wait: 100ms }\n  init: 0ms\n  errorRate: 100%\n  async: { maximumRetryAttempts: 0, latency: 0ms }',
      queues: 'unused: {}',
      workload: burst('worker.invokeAsync', 1),
    });
    expect(queue('worker').messagesReceived).toBe(1);
    expect(queue('worker').oldestAgeMaxS).toBeCloseTo(0.1, 6);
  });

  it('backs off throttled events 1 s, 2 s, 4 s... and drops those older than the maximum event age', () => {
    // Reserved concurrency 1, a 100 s handler and 3 events: one runs, two are throttled and
    // retried at 1, 3, 7, 15, 31, 63 s, then due at 127 s, past the 60 s maximum age: they
    // are dropped when they reach it, at 60 s.
    const { queue, result } = runQueues({
      functions:
        'worker:\n  handler: { wait: 100s }\n  timeout: 200s\n  init: 0ms\n  reservedConcurrency: 1\n  async: { maximumEventAge: 60s, latency: 0ms }',
      queues: 'unused: {}',
      workload: burst('worker.invokeAsync', 3),
    });
    const events = queue('worker');
    expect(events.messagesDeleted).toBe(1);
    expect(events.expired).toBe(2);
    expect(events.deadLettered).toBe(0);
    // 1 success + 2 × (first try and 5 retries before 60 s: 1, 3, 7, 15, 31 s).
    expect(result.functions!.functions[0]!.throttles).toBe(12);
  });

  it('counts accepted events, answered before the function runs', () => {
    const { queue, result } = runQueues({
      functions: 'worker:\n  handler: { wait: 1s }\n  init: 0ms\n  async: { latency: 20ms }',
      queues: 'unused: {}',
      workload: burst('worker.invokeAsync', 5),
    });
    expect(queue('worker').messagesSent).toBe(5);
    expect(queue('worker').messagesDeleted).toBe(5);
    // The caller waits for Lambda's 202 (20 ms), not for the 1 s handler.
    expect(result.latency.p99Ms).toBeCloseTo(20, 0);
  });
});
