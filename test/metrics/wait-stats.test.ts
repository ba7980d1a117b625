import { afterEach, describe, expect, it } from 'vitest';
import { WaitStats } from '../../src/metrics/wait-stats.js';

describe('WaitStats', () => {
  const made: WaitStats[] = [];
  const waits = (values: readonly number[]) => {
    const stats = new WaitStats();
    made.push(stats);
    for (const value of values) stats.record(value);
    return stats;
  };
  afterEach(() => {
    for (const stats of made.splice(0)) stats.dispose();
  });

  it('counts the share that waited and averages over every call, zeros included', () => {
    // 7 calls did not wait, 3 waited 1, 2 and 9 ms: P(wait) 0.3, mean wait 12 / 10.
    const summary = waits([0, 0, 0, 0, 0, 0, 0, 1, 2, 9]).summary();
    expect(summary).toMatchObject({ calls: 10, waitedFraction: 0.3, meanMs: 1.2 });
  });

  it('reads a quantile over all calls: 0 while the zeros reach it, else the waits at that rank', () => {
    // 900 calls without a wait and 100 waiting 1..100 ms: the p90 is 0, the p95 is the
    // 50th of the positive waits (50 ms), the p99 the 90th (90 ms).
    const stats = waits([...Array(900).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)]);
    expect(stats.quantileMs(90)).toBe(0);
    expect(stats.quantileMs(95)).toBeCloseTo(50, 1);
    expect(stats.quantileMs(99)).toBeCloseTo(90, 1);
    expect(stats.summary().p99Ms).toBeCloseTo(90, 1);
  });

  it('has no value with no calls, and 0 (a true value) when no call waited', () => {
    expect(waits([]).summary()).toEqual({
      calls: 0,
      waitedFraction: null,
      meanMs: null,
      p99Ms: null,
    });
    expect(waits([0, 0]).summary()).toEqual({
      calls: 2,
      waitedFraction: 0,
      meanMs: 0,
      p99Ms: 0,
    });
  });

  it('merges as if every wait had been recorded in one', () => {
    const merged = waits([0, 4]);
    merged.merge(waits([0, 0, 8]));
    expect(merged.summary()).toEqual(waits([0, 4, 0, 0, 8]).summary());
  });
});
