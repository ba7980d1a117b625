import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type SummaryRow, summarize } from '../../src/report/summary.js';
import {
  evaluateThresholds,
  parseCondition,
  type Thresholds,
  thresholdReport,
  thresholdsPassed,
  thresholdsSchema,
  thresholdVariantErrors,
} from '../../src/report/thresholds.js';
import { makeRecord } from './fixtures.js';

/** p99 10, 12, 14 over three replications: mean 12, 95% CI 12 ± 4.9683 = [7.0317, 16.9683]. */
function summaryOf(variant: string, p99s: (number | null)[], availability = 0.9995): SummaryRow[] {
  return summarize(
    p99s.map((p99Ms, replication) =>
      makeRecord({
        runId: replication,
        variant,
        replication,
        // Enough successes that a p99 (and a p99.9) is one: see quantile-support.ts.
        result: {
          latency: { p99Ms },
          availability,
          requests: { total: 20_010, succeeded: 20_000, failed: 10 },
        },
      }),
    ),
  );
}

const parse = (input: unknown) => thresholdsSchema.parse(input);
const issuesOf = (input: unknown) =>
  z
    .object({ thresholds: thresholdsSchema })
    .safeParse({ thresholds: input })
    .error?.issues.map((issue) => ({ path: issue.path, message: issue.message }));

describe('threshold conditions', () => {
  it('reads operators, numbers and the metric unit', () => {
    expect(parseCondition('latency_p99_ms', '< 300')).toMatchObject({ operator: '<', value: 300 });
    expect(parseCondition('latency_p99_ms', '<=0.3s').value).toBe(300);
    expect(parseCondition('latency_p99_ms', '< 250ms').value).toBe(250);
    expect(parseCondition('throughput_rps', '>= 30000/m').value).toBe(500);
    expect(parseCondition('cost_usd_per_million', ' < 2 ')).toMatchObject({
      value: 2,
      text: '< 2',
    });
  });

  it('reads % as a hundredth', () => {
    const condition = parseCondition('availability', '> 99.9%');
    expect(condition).toMatchObject({ operator: '>', percent: true, text: '> 99.9%' });
    // exactly the double nearest 0.999, not 99.9 / 100 = 0.9990000000000001
    expect(condition.value).toBe(0.999);
    expect(parseCondition('availability', '>= 99.99%').value).toBe(0.9999);
    expect(parseCondition('availability', '> 0.999').value).toBe(0.999);
    // 100% is a share's edge; above it, a typo that can never (or always) pass
    expect(parseCondition('availability', '<= 100%').value).toBe(1);
    expect(() => parseCondition('availability', '> 101%')).toThrow(
      'availability is a share of at most 100%, so "> 101%" cannot mean what it says; write a percentage from 0% to 100%',
    );
  });

  it('names the unknown metric and suggests the closest one', () => {
    expect(() => parseCondition('latency_p99', '< 300')).toThrow(
      'unknown metric "latency_p99"; did you mean "latency_p99_ms"?',
    );
    expect(() => parseCondition('zzz', '< 1')).toThrow(
      /^unknown metric "zzz"; expected one of requests_total, requests_succeeded, /,
    );
  });

  it('rejects a condition without operator, or in the wrong unit', () => {
    expect(() => parseCondition('latency_p99_ms', '300')).toThrow(
      'expected a condition in quotes: an operator (<, <=, >, >=) and a number, like "< 300" or "> 99.9%"; got "300"',
    );
    expect(() => parseCondition('availability', '> 99.9')).toThrow(
      'availability is a fraction between 0 and 1, so "> 99.9" cannot be met; did you mean "> 99.9%"?',
    );
    expect(() => parseCondition('latency_p99_ms', '< 3kg')).toThrow(/is in milliseconds/);
    expect(() => parseCondition('cost_usd', '< 2%')).toThrow(/is in USD/);
  });
});

describe('thresholds schema', () => {
  it('accepts the flat shape, applying to every variant', () => {
    const parsed = parse({ latency_p99_ms: '< 300', availability: '> 99.9%' });
    expect(parsed.all.map((c) => c.metric)).toEqual(['latency_p99_ms', 'availability']);
    expect(parsed.variants).toEqual({});
  });

  it('accepts the sectioned shape with per-variant limits', () => {
    const parsed = parse({
      all: { latency_p99_ms: '< 300' },
      variants: { istio: { latency_p99_ms: '< 350' } },
    });
    expect(parsed.all[0]!.value).toBe(300);
    expect(parsed.variants.istio![0]!.value).toBe(350);
    expect(parse({ variants: { istio: { availability: '> 99%' } } }).all).toEqual([]);
  });

  it('reports each bad entry at its path', () => {
    expect(issuesOf({ latency_p99: '< 300' })).toEqual([
      {
        path: ['thresholds', 'latency_p99'],
        message: 'unknown metric "latency_p99"; did you mean "latency_p99_ms"?',
      },
    ]);
    expect(issuesOf({ variants: { istio: { availability: 'high' } } })).toEqual([
      {
        path: ['thresholds', 'variants', 'istio', 'availability'],
        message:
          'expected a condition in quotes: an operator (<, <=, >, >=) and a number, like "< 300" or "> 99.9%"; got "high"',
      },
    ]);
    expect(issuesOf({ all: {}, latency_p99_ms: '< 1' })).toEqual([
      {
        path: ['thresholds', 'latency_p99_ms'],
        message: 'with "all" or "variants" sections, put "latency_p99_ms" inside one of them',
      },
    ]);
  });

  it('flags thresholds for variants the sweep does not have', () => {
    const thresholds = parse({ variants: { istoi: { latency_p99_ms: '< 1' } } });
    expect(thresholdVariantErrors(thresholds, ['no-mesh', 'istio'])).toEqual([
      'thresholds for unknown variant "istoi"; did you mean "istio"?',
    ]);
  });
});

describe('evaluateThresholds', () => {
  const summary = summaryOf('istio', [10, 12, 14]);
  const only = (thresholds: Thresholds) => evaluateThresholds(thresholds, summary)[0]!;
  const upper = 12 + 4.968275;

  it('uses the upper bound of the interval for "<"', () => {
    const passing = only(parse({ latency_p99_ms: '< 17' }));
    expect(passing).toMatchObject({
      variant: 'istio',
      metric: 'latency_p99_ms',
      mean: 12,
      boundStatistic: 'ci95_upper',
    });
    expect(passing.bound).toBeCloseTo(upper, 5);
    expect(passing).toMatchObject({ passOnMean: true, passOnBound: true });
    // Between the mean and the upper bound: the mean passes, the verdict does not.
    expect(only(parse({ latency_p99_ms: '< 16.9' }))).toMatchObject({
      passOnMean: true,
      passOnBound: false,
    });
    expect(only(parse({ latency_p99_ms: '< 12' }))).toMatchObject({
      passOnMean: false,
      passOnBound: false,
    });
    expect(only(parse({ latency_p99_ms: '<= 12' }))).toMatchObject({
      passOnMean: true,
      passOnBound: false,
    });
  });

  it('uses the lower bound of the interval for ">"', () => {
    const lower = 12 - 4.968275;
    expect(only(parse({ latency_p99_ms: '> 7' }))).toMatchObject({
      boundStatistic: 'ci95_lower',
      passOnBound: true,
    });
    expect(only(parse({ latency_p99_ms: '> 7' })).bound).toBeCloseTo(lower, 5);
    expect(only(parse({ latency_p99_ms: '> 7.1' }))).toMatchObject({
      passOnMean: true,
      passOnBound: false,
    });
  });

  it('uses the mean as the bound with one replication', () => {
    const single = summaryOf('base', [12]);
    const [result] = evaluateThresholds(parse({ latency_p99_ms: '< 12.5' }), single);
    expect(result).toMatchObject({
      mean: 12,
      bound: 12,
      boundStatistic: 'mean',
      passOnBound: true,
    });
  });

  it('compares percentages as fractions, on both sides of the boundary', () => {
    const availability = (value: number) =>
      evaluateThresholds(parse({ availability: '> 99.9%' }), summaryOf('base', [1], value))[0]!;
    expect(availability(0.9991).passOnBound).toBe(true);
    expect(availability(0.999).passOnBound).toBe(false);
    expect(availability(0.9989).passOnBound).toBe(false);
    const atLeast = evaluateThresholds(
      parse({ availability: '>= 99.9%' }),
      summaryOf('base', [1], 0.999),
    );
    expect(atLeast[0]!.passOnBound).toBe(true);
  });

  it('lets a variant replace the common limit on a metric', () => {
    const thresholds = parse({
      all: { latency_p99_ms: '< 10', availability: '> 99%' },
      variants: { istio: { latency_p99_ms: '< 20' } },
    });
    const results = evaluateThresholds(thresholds, [...summaryOf('base', [15]), ...summary]);
    expect(results.map((r) => [r.variant, r.metric, r.condition.text, r.passOnBound])).toEqual([
      ['base', 'latency_p99_ms', '< 10', false],
      ['base', 'availability', '> 99%', true],
      ['istio', 'availability', '> 99%', true],
      ['istio', 'latency_p99_ms', '< 20', true],
    ]);
    expect(thresholdsPassed(results)).toBe(false);
  });

  it('fails a latency threshold when no replication had a successful request: no data', () => {
    const [result] = evaluateThresholds(
      parse({ latency_p99_ms: '< 300' }),
      summaryOf('base', [null, null]),
    );
    expect(result).toMatchObject({
      withData: 0,
      mean: null,
      passOnMean: false,
      passOnBound: false,
    });
    expect(thresholdReport([result!]).split('\n')[0]).toBe(
      'FAIL  base  latency_p99_ms < 300  no data: no replication had a value (n=2)',
    );
  });

  it('fails when some replications have no data, however good the others are', () => {
    const [result] = evaluateThresholds(
      parse({ latency_p99_ms: '< 300' }),
      summaryOf('base', [10, null, 12]),
    );
    expect(result).toMatchObject({ withData: 2, mean: 11, passOnBound: false });
    expect(thresholdReport([result!]).split('\n')[0]).toBe(
      'FAIL  base  latency_p99_ms < 300  no data in 1 of 3 replications (mean of the others 11)',
    );
  });

  it('fails a threshold on a metric that is not a number (NaN)', () => {
    const [result] = evaluateThresholds(
      parse({ latency_p99_ms: '< 1e9' }),
      summaryOf('base', [Number.NaN]),
    );
    expect(result!.passOnBound).toBe(false);
  });
});

describe('thresholdReport', () => {
  it('prints aligned PASS/FAIL lines that name the statistic used', () => {
    const thresholds = parse({ latency_p99_ms: '< 16.9', availability: '> 99.9%' });
    const summary = [...summaryOf('istio', [10, 12, 14]), ...summaryOf('base', [12])];
    expect(thresholdReport(evaluateThresholds(thresholds, summary))).toBe(
      [
        'FAIL  istio  latency_p99_ms < 16.9  95% CI upper bound 16.9683 (mean 12 passes, n=3)',
        'PASS  istio  availability > 99.9%   95% CI lower bound 99.95% (mean 99.95% passes, n=3)',
        'PASS  base   latency_p99_ms < 16.9  mean 12 (n=1: no confidence interval, mean only)',
        'PASS  base   availability > 99.9%   mean 99.95% (n=1: no confidence interval, mean only)',
        '3 of 4 passed, judged on the pessimistic end of the 95% confidence interval',
        '',
      ].join('\n'),
    );
  });

  it('labels grid points with their params', () => {
    const summary = summarize([
      makeRecord({
        params: { 'workload.shoppers.rate': '400/s' },
        result: { requests: { total: 5000, succeeded: 5000, failed: 0 } },
      }),
    ]);
    const report = thresholdReport(evaluateThresholds(parse({ latency_p99_ms: '< 1' }), summary));
    expect(report.split('\n')[0]).toBe(
      'FAIL  base [workload.shoppers.rate=400/s]  latency_p99_ms < 1  mean 80 (n=1: no confidence interval, mean only)',
    );
  });

  it('says when a quantile it judged rests on too few samples', () => {
    const thin = summarize([makeRecord({ result: { latency: { p999Ms: 87 } } })]);
    const report = thresholdReport(evaluateThresholds(parse({ latency_p999_ms: '< 300' }), thin));
    // 990 successful requests: a p99.9 needs 10,000.
    expect(report.split('\n')[0]).toBe(
      'PASS  base  latency_p999_ms < 300  mean 87 (n=1: no confidence interval, mean only); ~ too few samples for a p99.9 in 1 of 1 runs (it needs 10000)',
    );
  });

  it('says it judges the mean only when there is one replication', () => {
    const report = thresholdReport(
      evaluateThresholds(parse({ latency_p99_ms: '< 100' }), summaryOf('base', [12])),
    );
    expect(report.trimEnd().split('\n').at(-1)).toBe(
      '1 of 1 passed, judged on the mean only: one replication gives no confidence interval',
    );
  });
});
