import { describe, expect, it } from 'vitest';
import { headlineMetrics } from '../../src/metrics/headline.js';
import { QUEUE_HEADLINE_METRIC_NAMES } from '../../src/metrics/queue-headline.js';
import { comparisonTable } from '../../src/report/comparison-table.js';
import { CROSSOVER_METRIC_NAMES } from '../../src/report/crossover-metrics.js';
import { runsCsv } from '../../src/report/runs-csv.js';
import { summarize } from '../../src/report/summary.js';
import { summaryCsv } from '../../src/report/summary-csv.js';
import { parseCondition } from '../../src/report/thresholds.js';
import { burst, runQueues } from '../model/serverless/events/queue-scenario.js';
import { makeRecord } from './fixtures.js';

const worker = 'worker:\n  handler: { wait: 1s }\n  init: 0ms';
const failer = 'failer:\n  handler: { wait: 1s }\n  init: 0ms\n  errorRate: 100%';

/** runs.csv of one run as { column: cell }. */
function runsRow(result: ReturnType<typeof runQueues>['result']): Record<string, string> {
  const [header, row] = runsCsv([{ ...makeRecord(), result }])
    .trim()
    .split('\n');
  const cells = row!.split(',');
  return Object.fromEntries(header!.split(',').map((name, i) => [name, cells[i]!]));
}

describe('queue outcomes as headline metrics', () => {
  it('sum counts and take the largest age and drain time over the queues sent to, leaving the dead-letter queue out', () => {
    // jobs: 100 messages at once, batches of 10, 2 at once, 1 s each: peak 100, the last
    // received at 4 s (drain 4 s), the oldest deleted at 5 s. failing: one message received
    // at 0, 30 and 60 s, moved to failing-dlq at 90 s (its age then: 90 s); the DLQ holds it
    // to the end, but only as queue_messages_dead_lettered.
    const { result } = runQueues({
      functions: `${worker}\n${failer}`,
      queues: [
        'jobs:',
        '  sendLatency: 0ms',
        '  trigger: { function: worker, batchSize: 10, maximumConcurrency: 2 }',
        'failing:',
        '  sendLatency: 0ms',
        '  visibilityTimeout: 30s',
        '  redrivePolicy: { deadLetterQueue: failing-dlq, maxReceiveCount: 3 }',
        '  trigger: { function: failer, batchSize: 1 }',
        'failing-dlq: {}',
      ].join('\n'),
      workload: `${burst('jobs.send', 100)}\n${burst('failing.send', 1, 0, 'one')}`,
    });
    const row = runsRow(result);
    expect(row.queue_messages_visible_max).toBe('101');
    expect(row.queue_oldest_message_age_max_s).toBe('90');
    expect(row.queue_messages_dead_lettered).toBe('1');
    expect(row.queue_messages_at_end).toBe('0');
    expect(row.queue_drain_time_s).toBe('4');
    expect(Object.keys(row).slice(-5)).toEqual([...QUEUE_HEADLINE_METRIC_NAMES]);
  });

  it('have no drain time when a backlog never empties, and count what is still queued', () => {
    // 100 messages, batches of 10, 2 at once, 1 s each; the run ends at 2.5 s: rounds at 0, 1
    // and 2 s received 60, 40 of them deleted: 40 waiting and 20 in flight are still queued.
    const { result } = runQueues({
      functions: worker,
      queues:
        'jobs:\n  sendLatency: 0ms\n  trigger: { function: worker, batchSize: 10, maximumConcurrency: 2 }',
      workload: burst('jobs.send', 100),
      duration: '1s',
      drain: '1500ms',
    });
    const metrics = headlineMetrics(result);
    expect(metrics.queue_drain_time_s).toBeNull();
    expect(metrics.queue_messages_at_end).toBe(60);
    expect(metrics.queue_messages_visible_max).toBe(100);
    expect(runsRow(result).queue_drain_time_s).toBe('');
  });

  it('are absent, not 0, when no message was sent', () => {
    const { result } = runQueues({
      functions: worker,
      queues: 'jobs: { trigger: { function: worker } }',
      workload: '- { name: direct, arrivals: poisson, rate: 1/s, target: worker.invoke }',
    });
    const row = runsRow(result);
    expect(row.queue_oldest_message_age_max_s).toBe('');
    expect(row.queue_drain_time_s).toBe('');
    expect(row.queue_messages_visible_max).toBe('0');
    expect(row.queue_messages_dead_lettered).toBe('0');
  });

  it('leave the columns of runs.csv and summary.csv of a run without queues as they were', () => {
    const record = makeRecord();
    expect(runsCsv([record])).not.toContain('queue_');
    expect(summaryCsv(summarize([record]))).not.toContain('queue_');
    expect(Object.keys(headlineMetrics(record.result))).not.toContain('queue_drain_time_s');
  });

  it('are threshold, crossover and comparison metrics, ages and times in seconds', () => {
    expect(parseCondition('queue_drain_time_s', '< 2m').value).toBe(120);
    expect(parseCondition('queue_oldest_message_age_max_s', '<= 90').value).toBe(90);
    expect(() => parseCondition('queue_messages_dead_lettered', '< 5s')).toThrow(
      'queue_messages_dead_lettered is a count: write a plain number like "< 10"; got "< 5s"',
    );
    expect(CROSSOVER_METRIC_NAMES).toEqual(
      expect.arrayContaining([...QUEUE_HEADLINE_METRIC_NAMES]),
    );
    const table = comparisonTable(summarize([makeRecord()]), {
      metrics: ['queue_messages_dead_lettered'],
    });
    expect(table).toContain('queue_messages_dead_lettered');
  });
});
