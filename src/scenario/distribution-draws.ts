import { createDistribution } from '../engine/distributions/create.js';
import { lognormalLogScale } from '../engine/distributions/lognormal.js';
import type { DistributionSpec } from '../engine/distributions/spec.js';
import { formatEstimate } from './count-text.js';
import { MAX_DURATION_MS, MAX_DURATION_TEXT } from './limits.js';

/**
 * Whether a distribution of durations can be sampled: parameters the engine accepts one by
 * one can still give draws that are not numbers (lognormal(mean=1ms, cv=1e300): cv² is
 * Infinity and every draw NaN) or are infinite (pareto(shape=0.001, scale=1ms): its largest
 * draw is 2^32000 ms). A run would then fail on its first such draw, so these are refused
 * when the scenario is validated, each with its reason.
 *
 * The samplers take uniforms with 32 bits of resolution, so every sampler has a largest
 * draw, reached at probability 2^-32 (see each sampler's comment). It must be a finite
 * number, and so must the mean; the mean must also be a duration msasim can simulate.
 */
export function drawProblem(
  spec: DistributionSpec,
  of: 'durations' | 'sizes' = 'durations',
): string | undefined {
  if (spec.kind === 'mixture') {
    for (const [index, component] of spec.components.entries()) {
      const problem = drawProblem(component.distribution, of);
      if (problem !== undefined) return `mixture: components[${index}]: ${problem}`;
    }
  }
  if (spec.kind === 'pareto' && spec.shape <= 1) {
    return `pareto: shape must be > 1 for ${of}, got ${spec.shape}: with shape <= 1 the mean is infinite, so no queue it feeds is stable and no average of it settles`;
  }
  const { mean } = createDistribution(spec);
  const largest = largestDraw(spec);
  if (!Number.isFinite(largest) || !Number.isFinite(mean)) {
    return `${spec.kind}: these parameters give draws that are not finite numbers (the largest draw, at probability 2^-32, is ${largest}${of === 'durations' ? ' ms' : ' bytes'}); ${remedy(spec)}`;
  }
  // Sizes have their own bound (node-checks.ts checkSizes).
  if (of === 'durations' && mean > MAX_DURATION_MS) {
    return `${spec.kind}: the mean (${formatEstimate(mean)} ms) must be at most ${MAX_DURATION_TEXT}`;
  }
  return undefined;
}

/** -ln(2^-32): the largest standard exponential deviate, by inversion of a 32-bit uniform. */
const LARGEST_EXPONENTIAL = 32 * Math.LN2;
/** The ziggurat's tail starts here (standard-normal.ts)... */
const NORMAL_TAIL_START = 3.442619855899;
/** ...and reaches at most this far: its tail deviate is an exponential one over the start. */
const LARGEST_NORMAL = NORMAL_TAIL_START + LARGEST_EXPONENTIAL / NORMAL_TAIL_START;

/** The largest value the engine's sampler for `spec` can return, in ms. */
export function largestDraw(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return spec.max;
    case 'exponential':
      return spec.mean * LARGEST_EXPONENTIAL;
    case 'normal':
      return spec.mean + spec.stddev * LARGEST_NORMAL;
    case 'lognormal': {
      const { mu, sigma } = lognormalLogScale(spec);
      return Math.exp(mu + sigma * LARGEST_NORMAL);
    }
    case 'gamma':
      return largestGamma(spec.shape, spec.mean);
    case 'weibull':
      return spec.scale * LARGEST_EXPONENTIAL ** (1 / spec.shape);
    case 'pareto':
      return spec.scale * 2 ** (32 / spec.shape);
    case 'empirical':
      return Math.max(...spec.samples);
    case 'histogram':
      return Math.max(...spec.bins.map((bin) => bin.max));
    case 'mixture':
      return Math.max(...spec.components.map((c) => largestDraw(c.distribution)));
  }
}

/**
 * Marsaglia-Tsang draws d·(1 + c·z)³ at unit scale, for the largest normal z; below shape 1
 * it draws at shape + 1 and multiplies by a uniform power at most 1 (gamma.ts). The scale
 * is mean / shape, which a tiny shape sends to Infinity (and 0 × Infinity is NaN).
 */
function largestGamma(shape: number, mean: number): number {
  const boosted = shape < 1 ? shape + 1 : shape;
  const d = boosted - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  return (mean / shape) * d * (1 + c * LARGEST_NORMAL) ** 3;
}

function remedy(spec: DistributionSpec): string {
  switch (spec.kind) {
    case 'lognormal':
      return 'median' in spec ? 'lower p99 (or raise the median)' : 'lower cv';
    case 'gamma':
    case 'weibull':
      return 'raise shape';
    case 'normal':
      return 'lower stddev';
    default:
      return 'use smaller parameters';
  }
}
