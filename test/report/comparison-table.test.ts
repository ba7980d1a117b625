import { describe, expect, it } from 'vitest';
import { comparisonTable, formatEstimate } from '../../src/report/comparison-table.js';
import { summarize } from '../../src/report/summary.js';
import { makeRecord, makeSweep } from './fixtures.js';

describe('comparisonTable', () => {
  it('compares variants per grid point as mean ± ci95 and marks the best value', () => {
    const sweep = makeSweep();
    sweep[4]!.result.availability = 0.95; // no-mesh at 400/s: worse and much less certain
    const table = comparisonTable(summarize(sweep), {
      metrics: ['latency_p99_ms', 'availability', 'events'],
    });
    expect(table).toBe(
      [
        'variant  workload.shoppers.rate  n  latency_p99_ms         availability    events',
        '-------  ----------------------  -  ----------------  -------------------  --------',
        'no-mesh  100/s                   3      52.0 ± 5.0 *  0.99910 ± 0.00025      5000',
        'istio    100/s                   3      82.0 ± 5.0    0.99910 ± 0.00025      5000',
        '',
        'no-mesh  400/s                   3     152.0 ± 5.0 *      0.982 ± 0.069      5000',
        'istio    400/s                   3     182.0 ± 5.0    0.99810 ± 0.00025 *    5000',
        '',
        'mean ± 95% CI half-width over n replications; * best variant at each grid point ' +
          '(lower is better for latency_p99_ms; higher for availability)',
        '',
      ].join('\n'),
    );
  });

  it('uses the default key metrics and marks nothing with a single variant', () => {
    const table = comparisonTable(summarize([makeRecord()]));
    expect(table.split('\n').slice(0, 3)).toEqual([
      'variant  n  latency_p50_ms    latency_p99_ms    availability    throughput_rps    cost_usd_per_million',
      '-------  -  ----------------  ----------------  --------------  ----------------  ----------------------',
      'base     1              15                80            0.99               110                     600',
    ]);
    expect(table).not.toMatch(/\d \*/);
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
    expect(formatEstimate({ mean: 12, sd: 2, ci95: 4.968 })).toBe('12.0 ± 5.0');
    expect(formatEstimate({ mean: 1234.5, sd: 60, ci95: 123 })).toBe('1235 ± 123');
    expect(formatEstimate({ mean: 2 / 3, sd: null, ci95: null })).toBe('0.666667');
    expect(formatEstimate({ mean: Number.NaN, sd: null, ci95: null })).toBe('NaN');
  });
});
