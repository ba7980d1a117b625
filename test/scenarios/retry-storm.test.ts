import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunResult } from '../../src/metrics/run-result.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

/**
 * scenarios/retry-storm.yaml's claims, on its first replication: aggressive retries turn
 * the slow minute into an outage that outlives the rollback; the contained policy keeps
 * every home page and fails a few orders fast. The file's comment has the 3-replication means.
 */
const FILE = fileURLToPath(new URL('../../scenarios/retry-storm.yaml', import.meta.url));
const specs = expandSweep(parse(readFileSync(FILE, 'utf8')), {
  fileName: 'retry-storm.yaml',
  replications: 1,
});
const results = new Map<string, RunResult>(
  specs.map((spec) => [spec.variant, simulate(spec.scenario, { seed: spec.seed })]),
);
const of = (variant: string) => results.get(variant)!;
const availability = (variant: string) => {
  const { total, succeeded } = of(variant).requests;
  return succeeded / total;
};
const endpoint = (variant: string, name: string) =>
  of(variant).endpoints.find((e) => e.service === 'web' && e.endpoint === name)!;
const edge = (variant: string, from: string, to: string) =>
  of(variant).edges.find((e) => e.from === from && e.to === to)!;

describe('retry-storm', () => {
  it('without retries, the slow minute costs well under 1% of requests', () => {
    expect(availability('no-retries')).toBeGreaterThan(0.99);
  });

  it('aggressive retries fail a third of requests or more, and more than two tries reach db per query', () => {
    expect(availability('aggressive-retries')).toBeLessThan(0.7);
    const db = edge('aggressive-retries', 'web', 'db');
    expect(db.attempts / db.requests).toBeGreaterThan(2.5);
    expect(db.retries).toBe(db.attempts - db.requests);
  });

  it('aggressive retries keep failing after the rollback: the last minute is still an outage', () => {
    const lastMinute = [...timeSeriesRows(of('aggressive-retries').timeseries)].filter(
      (w) => w.scope === 'total' && w.startMs >= 120_000 && w.startMs < 180_000,
    );
    const succeeded = lastMinute.reduce((sum, w) => sum + w.succeeded, 0);
    const ended = lastMinute.reduce((sum, w) => sum + w.succeeded + w.failed, 0);
    expect(succeeded / ended).toBeLessThan(0.6);
  });

  it('contained keeps every home page, and its budget and breaker both act', () => {
    expect(endpoint('contained', 'home').errors).toBe(0);
    expect(availability('contained')).toBeGreaterThan(0.98);
    const db = edge('contained', 'web', 'db');
    expect(db.retryBudgetRefusals).toBeGreaterThan(0);
    expect(db.circuitBreakerOverflows).toBeGreaterThan(0);
    expect(db.attempts / db.requests).toBeLessThan(1.05);
  });
});
