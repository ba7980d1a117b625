import { describe, expect, it } from 'vitest';
import { HEADLINE_METRIC_NAMES } from '../../src/metrics/headline.js';
import { describeSample, summarize } from '../../src/report/summary.js';
import { summaryCsv } from '../../src/report/summary-csv.js';
import { makeRecord, makeSweep, shuffled } from './fixtures.js';

const threeReplications = [10, 12, 14].map((p99Ms, replication) =>
  makeRecord({ runId: replication, replication, result: { latency: { p99Ms } } }),
);

describe('summarize', () => {
  it('computes mean, sample sd and the Student t 95% half-width', () => {
    const [row] = summarize(threeReplications);
    expect(row!.replications).toBe(3);
    const p99 = row!.metrics.latency_p99_ms!;
    expect(p99.mean).toBe(12);
    expect(p99.sd).toBe(2);
    // t(0.975, 2) × sd / sqrt(n) = 4.302653 × 2 / sqrt(3)
    expect(p99.ci95).toBeCloseTo(4.9683, 4);
  });

  it('gives no sd or interval for a single replication', () => {
    expect(describeSample([5])).toEqual({ mean: 5, sd: null, ci95: null });
  });

  it('summarizes every headline metric, in headline order', () => {
    const [row] = summarize(threeReplications);
    expect(Object.keys(row!.metrics)).toEqual(HEADLINE_METRIC_NAMES);
    expect(row!.metrics.requests_total).toEqual({ mean: 1000, sd: 0, ci95: 0 });
  });

  it('groups by (variant, grid point) in first-appearance order by run id', () => {
    const rows = summarize(shuffled(makeSweep()));
    expect(rows.map((row) => [row.variant, row.params['workload.shoppers.rate']])).toEqual([
      ['no-mesh', '100/s'],
      ['no-mesh', '400/s'],
      ['istio', '100/s'],
      ['istio', '400/s'],
    ]);
    // istio at 400/s: p99 = 50 + 30 + 100 + 2r for r = 0, 1, 2
    expect(rows[3]!.metrics.latency_p99_ms!.mean).toBe(182);
  });

  it('keeps precision when the spread is tiny next to the mean', () => {
    const sample = describeSample([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(sample.sd).toBe(1);
  });
});

describe('summary.csv', () => {
  it('has variant, params, replications, then mean/sd/ci95 per headline metric', () => {
    const [header] = summaryCsv(summarize(makeSweep())).split('\n');
    expect(header).toMatch(
      /^variant,workload\.shoppers\.rate,replications,requests_total_mean,requests_total_sd,requests_total_ci95,requests_succeeded_mean,/,
    );
    expect(header).toMatch(/,events_mean,events_sd,events_ci95$/);
    expect(header!.split(',')).toHaveLength(3 + 3 * HEADLINE_METRIC_NAMES.length);
  });

  it('writes the hand-computed numbers, with empty sd and ci95 when n = 1', () => {
    const csv = summaryCsv(
      summarize([...threeReplications, makeRecord({ runId: 3, variant: 'solo' })]),
    );
    const [header, many, one] = csv
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    expect(many![column('latency_p99_ms_mean')]).toBe('12');
    expect(many![column('latency_p99_ms_sd')]).toBe('2');
    expect(Number(many![column('latency_p99_ms_ci95')])).toBeCloseTo(4.9683, 4);
    expect(one![column('replications')]).toBe('1');
    expect(one![column('latency_p99_ms_sd')]).toBe('');
    expect(one![column('latency_p99_ms_ci95')]).toBe('');
  });

  it('writes the header with no rows', () => {
    expect(summaryCsv([]).split('\n')).toHaveLength(2);
  });
});
