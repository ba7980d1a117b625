import type { Distribution, SpecOf } from './distribution.js';
import { normalCdf, normalPdf } from './special-functions.js';
import { standardNormal } from './standard-normal.js';

/**
 * Below this P(X >= 0) the rejection sampler would need more than a million tries per
 * draw on average; createDistribution refuses such parameters.
 */
export const MIN_NORMAL_ACCEPTANCE = 1e-6;

/** P(X >= 0) for X ~ Normal(mean, stddev): the rejection sampler's acceptance rate. */
export function normalAcceptance(mean: number, stddev: number): number {
  return normalCdf(mean / stddev);
}

/**
 * Normal(mean, stddev) truncated to [0, Infinity) by resampling: durations cannot be
 * negative. The reported mean and variance are those of the truncated law, not the
 * parameters: with a = -mean/stddev, Z = P(X >= 0) and lambda = pdf(a) / Z,
 * mean = mean + stddev * lambda, variance = stddev^2 * (1 + a * lambda - lambda^2).
 */
export class TruncatedNormalDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly location: number;
  private readonly stddev: number;

  constructor(readonly spec: SpecOf<'normal'>) {
    this.location = spec.mean;
    this.stddev = spec.stddev;
    const lowerBound = -spec.mean / spec.stddev;
    const hazard = normalPdf(lowerBound) / normalAcceptance(spec.mean, spec.stddev);
    this.mean = spec.mean + spec.stddev * hazard;
    this.variance = spec.stddev * spec.stddev * (1 + lowerBound * hazard - hazard * hazard);
  }

  sample(next: () => number): number {
    for (;;) {
      const x = this.location + this.stddev * standardNormal(next);
      if (x >= 0) return x;
    }
  }
}
