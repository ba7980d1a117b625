import { describe, expect, it } from 'vitest';
import type { DistributionSpec } from '../../src/engine/distributions/spec.js';
import { DISTRIBUTION_NAMES, parseDistributionText } from '../../src/scenario/distribution-text.js';
import { distributionText } from '../../src/scenario/print.js';
import { UnitError } from '../../src/scenario/units.js';

const exponential = (mean: number): DistributionSpec => ({ kind: 'exponential', mean });

describe('parseDistributionText', () => {
  it.each<[string, DistributionSpec]>([
    ['5ms', { kind: 'constant', value: 5 }],
    ['constant(2s)', { kind: 'constant', value: 2000 }],
    ['exponential(mean=2ms)', exponential(2)],
    ['  exponential ( mean = 2ms )  ', exponential(2)],
    ['lognormal(median=4ms, p99=30ms)', { kind: 'lognormal', median: 4, p99: 30 }],
    ['lognormal(p99=30ms, median=4ms)', { kind: 'lognormal', median: 4, p99: 30 }],
    ['lognormal(mean=4ms, cv=1.5)', { kind: 'lognormal', mean: 4, cv: 1.5 }],
    ['normal(mean=10ms, stddev=2ms)', { kind: 'normal', mean: 10, stddev: 2 }],
    ['uniform(min=1ms, max=3ms)', { kind: 'uniform', min: 1, max: 3 }],
    ['gamma(shape=2, mean=4ms)', { kind: 'gamma', shape: 2, mean: 4 }],
    ['erlang(k=3, mean=4ms)', { kind: 'gamma', shape: 3, mean: 4 }],
    ['weibull(shape=1.5, scale=2ms)', { kind: 'weibull', shape: 1.5, scale: 2 }],
    ['pareto(shape=2.5, scale=1ms)', { kind: 'pareto', shape: 2.5, scale: 1 }],
    ['empirical(1ms, 2ms, 8ms)', { kind: 'empirical', samples: [1, 2, 8] }],
    [
      'mixture(0.95 exponential(mean=5ms), 0.05 exponential(mean=80ms))',
      {
        kind: 'mixture',
        components: [
          { weight: 0.95, distribution: exponential(5) },
          { weight: 0.05, distribution: exponential(80) },
        ],
      },
    ],
    [
      'mixture(95% 1ms, 5% mixture(1 2ms))',
      {
        kind: 'mixture',
        components: [
          { weight: 0.95, distribution: { kind: 'constant', value: 1 } },
          {
            weight: 0.05,
            distribution: {
              kind: 'mixture',
              components: [{ weight: 1, distribution: { kind: 'constant', value: 2 } }],
            },
          },
        ],
      },
    ],
  ])('reads %s', (text, spec) => {
    expect(parseDistributionText(text)).toEqual(spec);
  });

  it.each([
    [
      'expo(mean=2ms)',
      `unknown distribution "expo"; expected one of ${DISTRIBUTION_NAMES.join(', ')}`,
    ],
    ['exponential(2ms)', 'exponential: parameters must be named, like exponential(mean=5ms)'],
    [
      'exponential(average=2ms)',
      'exponential: unknown parameter "average"; expected exponential(mean=5ms)',
    ],
    ['exponental(mean=2ms)', 'unknown distribution "exponental"; did you mean "exponential"?'],
    [
      'lognormal(median=4ms, p90=30ms)',
      'lognormal: unknown parameter "p90"; did you mean "p99"?; expected lognormal(median=5ms, p99=5ms) or lognormal(mean=5ms, cv=2)',
    ],
    [
      'lognormal(median=4ms)',
      'lognormal: expected lognormal(median=5ms, p99=5ms) or lognormal(mean=5ms, cv=2); got lognormal(median)',
    ],
    [
      'exponential(mean=2)',
      'mean: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got "2" (2 has no unit)',
    ],
    ['gamma(shape=two, mean=4ms)', 'shape: expected a plain number, got "two"'],
    ['erlang(k=2.5, mean=4ms)', 'erlang: k must be a whole number >= 1, got 2.5'],
    ['exponential(mean=1ms, mean=2ms)', 'parameter "mean" is given twice'],
    ['empirical()', 'empirical: give at least one sample, like empirical(1ms, 2ms)'],
    ['empirical(mean=1ms)', 'empirical: takes plain values, not named parameters (mean)'],
    ['constant(1ms, 2ms)', 'constant: expected one value, like constant(5ms)'],
    ['exponential(mean=2ms', 'expected ")" at the end in distribution "exponential(mean=2ms"'],
    [
      'exponential(mean=2ms) extra',
      'expected the end of the distribution at "extra" in distribution "exponential(mean=2ms) extra"',
    ],
    [
      'mixture(exponential(mean=1ms))',
      'expected a weight (like 0.95 or 95%) before each mixture component at "exponential(mean=1ms))" in distribution "mixture(exponential(mean=1ms))"',
    ],
  ])('rejects %s', (text, message) => {
    expect(() => parseDistributionText(text)).toThrow(new UnitError(message));
  });
});

describe('distributionText writes a distribution back as the text that reads it', () => {
  it.each([
    '5ms',
    '0',
    'exponential(mean=2ms)',
    'lognormal(median=0.2ms, p99=1ms)',
    'lognormal(mean=4ms, cv=1.5)',
    'normal(mean=10ms, stddev=2ms)',
    'uniform(min=1ms, max=3s)',
    'gamma(shape=2, mean=4ms)',
    'weibull(shape=1.5, scale=2ms)',
    'pareto(shape=2.5, scale=1ms)',
    'empirical(1ms, 2ms, 8ms)',
    'mixture(0.95 exponential(mean=5ms), 0.05 mixture(0.5 1m, 0.5 1h))',
  ])('%s', (text) => {
    expect(distributionText(parseDistributionText(text))).toBe(text);
  });
});
