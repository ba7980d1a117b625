import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../src/engine/distributions/create.js';
import type { DistributionSpec } from '../../src/engine/distributions/spec.js';
import { drawProblem, largestDraw } from '../../src/scenario/distribution-draws.js';
import { parseDistributionText } from '../../src/scenario/distribution-text.js';

/** The largest uniform a RandomStream returns: 1 - 2^-32. */
const LARGEST_UNIFORM = 1 - 2 ** -32;

describe('the largest draw', () => {
  it.each([
    'exponential(mean=2ms)',
    'weibull(shape=0.5, scale=3ms)',
    'pareto(shape=1.5, scale=1ms)',
  ])('of %s is what its sampler returns for the largest uniform', (text) => {
    const spec = parseDistributionText(text);
    expect(createDistribution(spec).sample(() => LARGEST_UNIFORM)).toBeCloseTo(
      largestDraw(spec),
      6,
    );
  });

  it('is above every draw of a lognormal, a gamma and a normal over a million draws', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    for (const text of [
      'lognormal(median=4ms, p99=30ms)',
      'gamma(shape=0.3, mean=2ms)',
      'normal(mean=10ms, stddev=2ms)',
    ]) {
      const spec = parseDistributionText(text);
      const distribution = createDistribution(spec);
      let most = 0;
      for (let i = 0; i < 1_000_000; i++) most = Math.max(most, distribution.sample(next));
      expect(most).toBeLessThan(largestDraw(spec));
    }
  });
});

describe('distributions that validate one parameter at a time but cannot be sampled', () => {
  const problemOf = (text: string) => drawProblem(parseDistributionText(text));

  it.each([
    [
      'lognormal(mean=1ms, cv=1e300)',
      'lognormal: these parameters give draws that are not finite numbers (the largest draw, at probability 2^-32, is NaN ms); lower cv',
    ],
    [
      'lognormal(median=1ms, p99=1e300ms)',
      'lognormal: these parameters give draws that are not finite numbers (the largest draw, at probability 2^-32, is Infinity ms); lower p99 (or raise the median)',
    ],
    [
      'weibull(shape=0.001, scale=1ms)',
      'weibull: these parameters give draws that are not finite numbers (the largest draw, at probability 2^-32, is Infinity ms); raise shape',
    ],
    [
      'gamma(shape=1e-320, mean=1ms)',
      'gamma: these parameters give draws that are not finite numbers (the largest draw, at probability 2^-32, is Infinity ms); raise shape',
    ],
    [
      'pareto(shape=0.001, scale=1ms)',
      'pareto: shape must be > 1 for durations, got 0.001: with shape <= 1 the mean is infinite, so no queue it feeds is stable and no average of it settles',
    ],
    [
      'pareto(shape=1, scale=1ms)',
      'pareto: shape must be > 1 for durations, got 1: with shape <= 1 the mean is infinite, so no queue it feeds is stable and no average of it settles',
    ],
    [
      'mixture(0.9 exponential(mean=1ms), 0.1 pareto(shape=0.5, scale=1ms))',
      'mixture: components[1]: pareto: shape must be > 1 for durations, got 0.5: with shape <= 1 the mean is infinite, so no queue it feeds is stable and no average of it settles',
    ],
    ['exponential(mean=400d)', 'exponential: the mean (3.5e10 ms) must be at most 365d'],
  ])('%s', (text, expected) => {
    expect(problemOf(text)).toBe(expected);
  });

  it.each([
    'pareto(shape=1.01, scale=1us)',
    'lognormal(mean=1ms, cv=1e150)',
    'weibull(shape=0.2, scale=1ms)',
    'gamma(shape=0.001, mean=1ms)',
    'exponential(mean=365d)',
  ])('%s is heavy or extreme, but samples finite numbers: accepted', (text) => {
    expect(problemOf(text)).toBeUndefined();
  });

  it('a histogram is bounded by its bins', () => {
    const spec: DistributionSpec = {
      kind: 'histogram',
      bins: [
        { min: 0, max: 2, weight: 1 },
        { min: 5, max: 9, weight: 1 },
      ],
    };
    expect(largestDraw(spec)).toBe(9);
    expect(drawProblem(spec)).toBeUndefined();
  });
});
