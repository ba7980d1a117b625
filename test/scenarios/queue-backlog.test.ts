import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { headlineMetrics } from '../../src/metrics/headline.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

/** scenarios/queue-backlog.yaml's claims, on its one replication (the file's comment). */
const FILE = fileURLToPath(new URL('../../scenarios/queue-backlog.yaml', import.meta.url));
const specs = expandSweep(parse(readFileSync(FILE, 'utf8')), {
  fileName: 'queue-backlog.yaml',
  replications: 1,
});
const results = new Map<string, RunResult>(
  specs.map((spec) => [spec.variant, simulate(spec.scenario, { seed: spec.seed })]),
);
const orders = (variant: string) =>
  results.get(variant)!.queues!.queues.find((q) => q.queue === 'orders')!;
const throttles = (variant: string) => results.get(variant)!.functions!.functions[0]!.throttles;

describe('queue-backlog', () => {
  it('capped at the reserved concurrency: the burst backs up 13,635 orders, gone 129 s after its peak', () => {
    const capped = orders('capped');
    expect(capped.messagesSent).toBe(40_525);
    expect(capped.peakBacklog).toBe(13_635);
    expect(capped.drainTimeS!).toBeCloseTo(128.6, 1);
    expect(capped.oldestAgeMaxS!).toBeCloseTo(295.5, 1);
    expect(capped.messagesDeleted).toBe(capped.messagesSent);
    expect(throttles('capped')).toBe(0);
  });

  it('a dead-letter queue changes nothing while the consumer is healthy', () => {
    expect(orders('capped-dlq')).toEqual({ ...orders('capped'), queue: 'orders' });
    expect(orders('capped-dlq').deadLettered).toBe(0);
  });

  it('without maximum concurrency, throttles send healthy orders to the dead-letter queue', () => {
    expect(throttles('uncapped-dlq')).toBeGreaterThan(40_000);
    expect(orders('uncapped-dlq').deadLettered).toBe(19_236);
  });

  it('without either, orders are kept but still queued after the drain, an hour old', () => {
    const uncapped = orders('uncapped-no-dlq');
    expect(uncapped.deadLettered).toBe(0);
    expect(uncapped.backlogAtEnd).toBe(9404);
    // Left in flight at the end: it did not drain, though Visible was 0 two seconds after its peak.
    expect(uncapped.drainTimeS).toBeNull();
    expect(uncapped.oldestAgeMaxS!).toBeGreaterThan(3500);
  });

  it('four times the concurrency drains in a quarter of the time', () => {
    expect(orders('concurrency-40').drainTimeS!).toBeLessThan(orders('capped').drainTimeS! / 3);
  });

  it('its variants differ in the queue columns of runs.csv, as the comment’s table says', () => {
    const row = (variant: string) => {
      const m = headlineMetrics(results.get(variant)!);
      return [
        m.queue_messages_visible_max,
        Number(m.queue_oldest_message_age_max_s!.toFixed(1)),
        m.queue_messages_dead_lettered,
        m.queue_messages_at_end,
        m.queue_drain_time_s === null ? null : Number(m.queue_drain_time_s!.toFixed(1)),
      ];
    };
    expect(row('capped')).toEqual([13_635, 295.5, 0, 0, 128.6]);
    expect(row('capped-dlq')).toEqual([13_635, 295.5, 0, 0, 128.6]);
    expect(row('uncapped-dlq')).toEqual([8488, 582.3, 19_236, 0, 2.0]);
    expect(row('uncapped-no-dlq')).toEqual([8488, 3577.6, 0, 9404, null]);
    expect(row('concurrency-40')).toEqual([8488, 360.8, 0, 0, 32.2]);
  });
});
