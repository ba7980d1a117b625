import { describe, expect, it } from 'vitest';
import { HEADLINE_METRIC_NAMES } from '../../src/metrics/headline.js';
import { NO_LATENCY } from '../../src/metrics/run-result.js';
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
    expect(describeSample([5])).toEqual({ n: 1, mean: 5, sd: null, ci95: null });
  });

  it('summarizes only the replications that had a value, and says how many did', () => {
    expect(describeSample([null, 10, null, 14])).toEqual({
      n: 2,
      mean: 12,
      sd: Math.SQRT2 * 2,
      ci95: expect.closeTo(25.4124, 4), // t(0.975, 1) × 2√2 / √2 = 12.7062 × 2
    });
    expect(describeSample([null, null])).toEqual({ n: 0, mean: null, sd: null, ci95: null });
  });

  it('gives a variant with no successful request no latency, not a latency of 0', () => {
    const records = [0, 1].map((replication) =>
      makeRecord({
        runId: replication,
        replication,
        result: { latency: NO_LATENCY },
      }),
    );
    const [row] = summarize(records);
    expect(row!.metrics.latency_p99_ms).toEqual({ n: 0, mean: null, sd: null, ci95: null });
    expect(row!.metrics.requests_total!.n).toBe(2);
  });

  it('summarizes every headline metric, in headline order', () => {
    const [row] = summarize(threeReplications);
    expect(Object.keys(row!.metrics)).toEqual(HEADLINE_METRIC_NAMES);
    expect(row!.metrics.requests_total).toEqual({ n: 3, mean: 1000, sd: 0, ci95: 0 });
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

  it('pairs each variant with the baseline by replication: the shared noise cancels', () => {
    // b is a plus 1 ms at every replication, while replications differ by ±10 ms.
    const records = [0, 1, 2, 3, 4].flatMap((replication) =>
      ['a', 'b'].map((variant, v) =>
        makeRecord({
          runId: v * 5 + replication,
          variant,
          replication,
          result: { latency: { p99Ms: 100 + 10 * Math.sin(replication) + v } },
        }),
      ),
    );
    const [a, b] = summarize(records);
    expect(a!.baseline).toBe('a');
    expect(a!.differences).toEqual({});
    const difference = b!.differences.latency_p99_ms!;
    expect(difference.n).toBe(5);
    expect(difference.mean).toBeCloseTo(1, 12);
    expect(difference.ci95).toBeLessThan(1e-9);
    // Unpaired, the two intervals overlap almost entirely.
    expect(b!.metrics.latency_p99_ms!.ci95).toBeGreaterThan(5);
  });

  it('takes the baseline the sweep names, else the first variant', () => {
    const sweep = makeSweep();
    expect(summarize(sweep).map((row) => row.baseline)).toEqual([
      'no-mesh',
      'no-mesh',
      'no-mesh',
      'no-mesh',
    ]);
    const rows = summarize(sweep, { baseline: 'istio' });
    expect(rows.map((row) => row.baseline)).toEqual(['istio', 'istio', 'istio', 'istio']);
    expect(rows[0]!.differences.latency_p99_ms!.mean).toBe(-30);
  });

  it('pairs only the replications where both variants have a value', () => {
    const latency = (p99Ms: number | null) => ({ p99Ms, count: p99Ms === null ? 0 : 10 });
    const records = [
      makeRecord({ runId: 0, variant: 'a', replication: 0, result: { latency: latency(10) } }),
      makeRecord({ runId: 1, variant: 'a', replication: 1, result: { latency: latency(20) } }),
      makeRecord({ runId: 2, variant: 'b', replication: 0, result: { latency: latency(null) } }),
      makeRecord({ runId: 3, variant: 'b', replication: 1, result: { latency: latency(25) } }),
    ];
    const [, b] = summarize(records);
    expect(b!.differences.latency_p99_ms).toEqual({ n: 1, mean: 5, sd: null, ci95: null });
  });

  it('keeps precision when the spread is tiny next to the mean', () => {
    const sample = describeSample([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(sample.sd).toBe(1);
  });
});

describe('summary.csv', () => {
  it('has variant, params, replications, baseline, then n/mean/sd/ci95 and the paired difference per headline metric', () => {
    const [header] = summaryCsv(summarize(makeSweep())).split('\n');
    expect(header).toMatch(
      /^variant,workload\.shoppers\.rate,replications,baseline,requests_total_n,requests_total_mean,requests_total_sd,requests_total_ci95,requests_total_diff_n,requests_total_diff_mean,requests_total_diff_ci95,requests_succeeded_n,/,
    );
    expect(header).toMatch(
      /,events_n,events_mean,events_sd,events_ci95,events_diff_n,events_diff_mean,events_diff_ci95,errors_connect_failure_n,/,
    );
    expect(header).toMatch(
      /,errors_fault_abort_diff_n,errors_fault_abort_diff_mean,errors_fault_abort_diff_ci95$/,
    );
    expect(header!.split(',')).toHaveLength(4 + 7 * HEADLINE_METRIC_NAMES.length);
  });

  it('writes the difference from the baseline for the other variants, empty for the baseline', () => {
    const csv = summaryCsv(summarize(makeSweep()));
    const [header, ...rows] = csv
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    const noMesh = rows.find((row) => row[0] === 'no-mesh' && row[1] === '100/s')!;
    const istio = rows.find((row) => row[0] === 'istio' && row[1] === '100/s')!;
    expect(noMesh[column('baseline')]).toBe('no-mesh');
    expect(noMesh[column('latency_p99_ms_diff_mean')]).toBe('');
    expect(istio[column('baseline')]).toBe('no-mesh');
    // istio is 30 ms slower at every replication: a constant difference, no spread.
    expect(istio[column('latency_p99_ms_diff_n')]).toBe('3');
    expect(istio[column('latency_p99_ms_diff_mean')]).toBe('30');
    expect(istio[column('latency_p99_ms_diff_ci95')]).toBe('0');
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
