import { describe, expect, it } from 'vitest';
import { NO_LATENCY } from '../../src/metrics/run-result.js';
import { comparisonTable, formatEstimate } from '../../src/report/comparison-table.js';
import { summarize } from '../../src/report/summary.js';
import { makeRecord, makeSweep } from './fixtures.js';

describe('comparisonTable', () => {
  it('compares variants per grid point, marks a variant better than all others by a paired interval, and gives differences from the baseline', () => {
    const sweep = makeSweep();
    sweep[4]!.result.availability = 0.95; // no-mesh at 400/s: worse and much less certain
    const table = comparisonTable(summarize(sweep), {
      metrics: ['latency_p99_ms', 'availability', 'events'],
    });
    expect(table).toBe(
      [
        'variant  workload.shoppers.rate  n  latency_p99_ms         availability      events',
        '-------  ----------------------  -  ----------------  -------------------  ----------',
        'no-mesh  100/s                   3     52.0 ± 5.0~ *  0.99910 ± 0.00025    5000 ± 0',
        'istio    100/s                   3     82.0 ± 5.0~    0.99910 ± 0.00025    5000 ± 0',
        '  no variant is better than every other at n=3 (paired 95% CI) on availability',
        '',
        'no-mesh  400/s                   3    152.0 ± 5.0~ *      0.982 ± 0.069    5000 ± 0',
        'istio    400/s                   3    182.0 ± 5.0~    0.99810 ± 0.00025    5000 ± 0',
        '  no variant is better than every other at n=3 (paired 95% CI) on availability',
        '',
        'mean ± 95% CI half-width over n replications; * better than every other variant at its ' +
          'grid point (paired 95% CI excludes 0; on latency, only with availability not clearly lower); ' +
          'lower is better for latency_p99_ms; higher for availability',
        '~ a quantile from too few samples in some run (fewer than 10 beyond it): read it as a rough figure',
        '',
        'difference from no-mesh, paired by replication (mean ± 95% CI half-width; an interval that excludes 0 is a real difference)',
        'variant  workload.shoppers.rate  n  latency_p99_ms     availability    events',
        '-------  ----------------------  -  ----------------  ---------------  --------',
        'istio    100/s                   3          30 ± 0            0 ± 0     0 ± 0',
        '',
        'istio    400/s                   3          30 ± 0    0.016 ± 0.069     0 ± 0',
        '',
      ].join('\n'),
    );
  });

  it('marks no best when the variants cannot be told apart: identical, or too noisy at this n', () => {
    const identical = makeSweep().map((record) =>
      record.variant === 'istio'
        ? {
            ...record,
            result: { ...record.result, latency: makeSweep()[record.runId - 6]!.result.latency },
          }
        : record,
    );
    expect(comparisonTable(summarize(identical), { metrics: ['latency_p99_ms'] })).not.toMatch(
      /\d \*/,
    );
    // istio is 1 ms better at one replication and 1 ms worse at the others: no verdict.
    const noisy = [0, 1, 2].flatMap((replication) =>
      ['a', 'b'].map((variant, v) =>
        makeRecord({
          runId: v * 3 + replication,
          variant,
          replication,
          result: { latency: { p99Ms: 100 + (v === 1 ? (replication === 0 ? -1 : 1) : 0) } },
        }),
      ),
    );
    const table = comparisonTable(summarize(noisy), { metrics: ['latency_p99_ms'] });
    expect(table).not.toMatch(/\d~? \*/);
    expect(table).toContain(
      'no variant is better than every other at n=3 (paired 95% CI) on latency_p99_ms',
    );
  });

  it('shows "–" for a metric no replication had, and how many had one when only some did', () => {
    const records = [0, 1, 2].map((replication) =>
      makeRecord({
        runId: replication,
        replication,
        result: { latency: replication === 0 ? { p99Ms: 50 } : NO_LATENCY },
      }),
    );
    const table = comparisonTable(summarize(records), {
      metrics: ['latency_p50_ms', 'latency_p99_ms'],
    });
    const row = table.split('\n')[2]!;
    expect(row).toMatch(/^base\s+3\s+15 \(1 of 3\)\s+50~ \(1 of 3\)$/);
    const allEmpty = records.map((record) => ({
      ...record,
      result: { ...record.result, latency: NO_LATENCY },
    }));
    const empty = comparisonTable(summarize(allEmpty), { metrics: ['latency_p50_ms'] });
    expect(empty).toMatch(/^base\s+3\s+–$/m);
    expect(empty).toContain('– no value: no replication had a sample');
  });

  it('leaves a variant with no value out of the contest on that metric, so the others can still be told apart', () => {
    const records = [0, 1, 2].flatMap((replication) =>
      ['fast', 'slow', 'down'].map((variant, v) =>
        makeRecord({
          runId: v * 3 + replication,
          variant,
          replication,
          result: {
            latency: variant === 'down' ? NO_LATENCY : { p99Ms: 50 + 100 * v + replication },
            availability: variant === 'down' ? 0 : 0.999,
          },
        }),
      ),
    );
    const table = comparisonTable(summarize(records), { metrics: ['latency_p99_ms'] });
    expect(table).toMatch(/^fast\s+3\s+51\.0 ± 2\.5~ \*$/m);
    expect(table).toMatch(/^down\s+3\s+–$/m);
    expect(table).not.toContain('no variant is better');
  });

  it('uses the default key metrics and marks nothing with a single variant', () => {
    const table = comparisonTable(summarize([makeRecord()]));
    expect(table.split('\n').slice(0, 3)).toEqual([
      'variant  n  latency_p50_ms    latency_p99_ms    latency_all_p99_ms    availability    throughput_rps    cost_usd_per_million',
      '-------  -  ----------------  ----------------  --------------------  --------------  ----------------  ----------------------',
      'base     1              15               80~                    90            0.99               110                     600',
    ]);
    expect(table).not.toMatch(/\d \*/);
    expect(table).toContain('one replication gives no confidence interval');
    expect(table).not.toContain('difference from');
  });

  it('aligns with colour codes on, which leave the text unchanged', () => {
    const plain = comparisonTable(summarize(makeSweep()));
    const coloured = comparisonTable(summarize(makeSweep()), { color: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
    expect(coloured).toContain('\u001b[32m');
  });

  it('rejects an unknown metric with a suggestion', () => {
    expect(() => comparisonTable([], { metrics: ['latency_p90'] })).toThrow(
      'unknown metric "latency_p90"; did you mean "latency_p90_ms"?',
    );
  });

  it('rounds the mean to the precision of its interval', () => {
    expect(formatEstimate({ n: 3, mean: 12, sd: 2, ci95: 4.968 })).toBe('12.0 ± 5.0');
    expect(formatEstimate({ n: 3, mean: 1234.5, sd: 60, ci95: 123 })).toBe('1235 ± 123');
    expect(formatEstimate({ n: 3, mean: 2 / 3, sd: null, ci95: null })).toBe('0.666667');
    expect(formatEstimate({ n: 3, mean: Number.NaN, sd: null, ci95: null })).toBe('NaN');
    expect(formatEstimate({ n: 0, mean: null, sd: null, ci95: null })).toBe('–');
    expect(formatEstimate({ n: 3, mean: 30, sd: 0, ci95: 0 })).toBe('30 ± 0');
    expect(formatEstimate({ n: 2, mean: 12, sd: 2, ci95: 4.968 }, 5)).toBe('12.0 ± 5.0 (2 of 5)');
  });
});
