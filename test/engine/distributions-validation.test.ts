import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../src/engine/distributions/index.js';
import type { DistributionSpec } from '../../src/engine/distributions/spec.js';

/** The RangeError a spec is rejected with (fails the test if none is thrown). */
function rejectionOf(spec: unknown): RangeError {
  try {
    createDistribution(spec as DistributionSpec);
  } catch (error) {
    expect(error).toBeInstanceOf(RangeError);
    return error as RangeError;
  }
  throw new Error(`expected ${JSON.stringify(spec)} to be rejected`);
}

const exp = (mean: number) => ({ kind: 'exponential', mean }) as const;

const REJECTIONS: Array<[string, unknown, string]> = [
  [
    'unknown kind',
    { kind: 'poisson', mean: 1 },
    'distribution: kind must be one of constant, uniform, exponential, normal, lognormal, gamma, weibull, pareto, empirical, histogram, mixture, got "poisson"',
  ],
  [
    'negative constant',
    { kind: 'constant', value: -1 },
    'constant: value must be a finite number >= 0, got -1',
  ],
  [
    'infinite constant',
    { kind: 'constant', value: Infinity },
    'constant: value must be a finite number >= 0, got Infinity',
  ],
  [
    'uniform min < 0',
    { kind: 'uniform', min: -1, max: 2 },
    'uniform: min must be a finite number >= 0, got -1',
  ],
  [
    'uniform max < min',
    { kind: 'uniform', min: 5, max: 3 },
    'uniform: max must be a finite number >= min (5), got 3',
  ],
  ['exponential mean < 0', exp(-2), 'exponential: mean must be a finite number > 0, got -2'],
  ['exponential mean 0', exp(0), 'exponential: mean must be a finite number > 0, got 0'],
  [
    'exponential mean NaN',
    exp(Number.NaN),
    'exponential: mean must be a finite number > 0, got NaN',
  ],
  [
    'exponential mean a string',
    { kind: 'exponential', mean: '5' },
    'exponential: mean must be a finite number > 0, got "5"',
  ],
  [
    'exponential mean missing',
    { kind: 'exponential' },
    'exponential: mean must be a finite number > 0, got undefined',
  ],
  [
    'normal mean NaN',
    { kind: 'normal', mean: Number.NaN, stddev: 1 },
    'normal: mean must be a finite number, got NaN',
  ],
  [
    'normal stddev 0',
    { kind: 'normal', mean: 1, stddev: 0 },
    'normal: stddev must be a finite number > 0, got 0',
  ],
  [
    'normal almost all below 0',
    { kind: 'normal', mean: -5, stddev: 1 },
    'normal: P(X >= 0) must be >= 1e-6 (draws below 0 are resampled), got 2.9e-7 for mean=-5, stddev=1; raise the mean or the stddev',
  ],
  [
    'lognormal median 0',
    { kind: 'lognormal', median: 0, p99: 30 },
    'lognormal: median must be a finite number > 0, got 0',
  ],
  [
    'lognormal p99 = median',
    { kind: 'lognormal', median: 4, p99: 4 },
    'lognormal: p99 must be a finite number > median (4), got 4',
  ],
  [
    'lognormal p99 < median',
    { kind: 'lognormal', median: 4, p99: 3 },
    'lognormal: p99 must be a finite number > median (4), got 3',
  ],
  [
    'lognormal mean < 0',
    { kind: 'lognormal', mean: -1, cv: 1 },
    'lognormal: mean must be a finite number > 0, got -1',
  ],
  [
    'lognormal cv 0',
    { kind: 'lognormal', mean: 10, cv: 0 },
    'lognormal: cv must be a finite number > 0, got 0',
  ],
  [
    'lognormal both forms',
    { kind: 'lognormal', median: 4, p99: 30, mean: 5, cv: 1 },
    'lognormal: give either median and p99, or mean and cv (not both)',
  ],
  [
    'lognormal neither form',
    { kind: 'lognormal' },
    'lognormal: give either median and p99, or mean and cv (not both)',
  ],
  [
    'gamma shape 0',
    { kind: 'gamma', shape: 0, mean: 1 },
    'gamma: shape must be a finite number > 0, got 0',
  ],
  [
    'gamma mean < 0',
    { kind: 'gamma', shape: 2, mean: -1 },
    'gamma: mean must be a finite number > 0, got -1',
  ],
  [
    'weibull shape < 0',
    { kind: 'weibull', shape: -1, scale: 1 },
    'weibull: shape must be a finite number > 0, got -1',
  ],
  [
    'weibull scale 0',
    { kind: 'weibull', shape: 1, scale: 0 },
    'weibull: scale must be a finite number > 0, got 0',
  ],
  [
    'pareto shape 0',
    { kind: 'pareto', shape: 0, scale: 1 },
    'pareto: shape must be a finite number > 0, got 0',
  ],
  [
    'pareto scale infinite',
    { kind: 'pareto', shape: 2, scale: Infinity },
    'pareto: scale must be a finite number > 0, got Infinity',
  ],
  [
    'empirical no samples',
    { kind: 'empirical', samples: [] },
    'empirical: samples must be a non-empty array, got []',
  ],
  [
    'empirical negative sample',
    { kind: 'empirical', samples: [1, 2, -3] },
    'empirical: samples[2] must be a finite number >= 0, got -3',
  ],
  [
    'histogram no bins',
    { kind: 'histogram', bins: [] },
    'histogram: bins must be a non-empty array, got []',
  ],
  [
    'histogram bin not an object',
    { kind: 'histogram', bins: [5] },
    'histogram: bins[0] must be an object { min, max, weight }, got 5',
  ],
  [
    'histogram bin min < 0',
    {
      kind: 'histogram',
      bins: [
        { min: 0, max: 1, weight: 1 },
        { min: -1, max: 1, weight: 1 },
      ],
    },
    'histogram: bins[1].min must be a finite number >= 0, got -1',
  ],
  [
    'histogram bin max < min',
    { kind: 'histogram', bins: [{ min: 5, max: 1, weight: 1 }] },
    'histogram: bins[0].max must be a finite number >= min (5), got 1',
  ],
  [
    'histogram negative weight',
    { kind: 'histogram', bins: [{ min: 0, max: 1, weight: -1 }] },
    'histogram: bins[0].weight must be a finite number >= 0, got -1',
  ],
  [
    'histogram all weights 0',
    { kind: 'histogram', bins: [{ min: 0, max: 1, weight: 0 }] },
    'histogram: total bin weight must be a finite number > 0, got 0',
  ],
  [
    'mixture no components',
    { kind: 'mixture', components: [] },
    'mixture: components must be a non-empty array, got []',
  ],
  [
    'mixture negative weight',
    { kind: 'mixture', components: [{ weight: -1, distribution: exp(1) }] },
    'mixture: components[0].weight must be a finite number >= 0, got -1',
  ],
  [
    'mixture all weights 0',
    { kind: 'mixture', components: [{ weight: 0, distribution: exp(1) }] },
    'mixture: total component weight must be a finite number > 0, got 0',
  ],
  [
    'mixture with an invalid component',
    {
      kind: 'mixture',
      components: [
        { weight: 1, distribution: exp(1) },
        { weight: 1, distribution: exp(-2) },
      ],
    },
    'mixture: components[1].distribution: exponential: mean must be a finite number > 0, got -2',
  ],
  [
    'nested mixture with an invalid component',
    {
      kind: 'mixture',
      components: [
        {
          weight: 1,
          distribution: {
            kind: 'mixture',
            components: [{ weight: 1, distribution: { kind: 'gamma', shape: 0, mean: 1 } }],
          },
        },
      ],
    },
    'mixture: components[0].distribution: mixture: components[0].distribution: gamma: shape must be a finite number > 0, got 0',
  ],
];

describe('createDistribution validation', () => {
  it.each(REJECTIONS)('rejects %s', (_label, spec, message) => {
    expect(rejectionOf(spec).message).toBe(message);
  });

  it('accepts the edge of each allowed range', () => {
    const edges: DistributionSpec[] = [
      { kind: 'constant', value: 0 },
      { kind: 'uniform', min: 0, max: 0 },
      { kind: 'empirical', samples: [0] },
      { kind: 'histogram', bins: [{ min: 3, max: 3, weight: 1 }] },
      // P(X >= 0) = Phi(-4.7) ~ 1.3e-6: slow to sample but allowed.
      { kind: 'normal', mean: -4.7, stddev: 1 },
      { kind: 'pareto', shape: 0.5, scale: 1 },
    ];
    for (const spec of edges) expect(() => createDistribution(spec)).not.toThrow();
  });

  it('a zero-width bin is a point mass', () => {
    const histogram = createDistribution({
      kind: 'histogram',
      bins: [{ min: 3, max: 3, weight: 1 }],
    });
    expect(histogram.mean).toBe(3);
    expect(histogram.variance).toBe(0);
    expect(histogram.sample(() => 0.7)).toBe(3);
  });

  it('copies empirical samples: later edits to the spec do not change the law', () => {
    const samples = [1, 2, 3];
    const empirical = createDistribution({ kind: 'empirical', samples });
    samples[0] = 100;
    expect(empirical.sample(() => 0)).toBe(1);
  });
});
