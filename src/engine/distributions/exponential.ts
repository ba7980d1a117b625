import type { Distribution, SpecOf } from './distribution.js';

/** Exponential by its mean, sampled by inversion: one uniform per draw. */
export class ExponentialDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;

  constructor(readonly spec: SpecOf<'exponential'>) {
    this.mean = spec.mean;
    this.variance = spec.mean * spec.mean;
  }

  sample(next: () => number): number {
    // 1 - u lies in (0, 1], so the logarithm stays finite; 0 - x keeps u = 0 at +0, not -0.
    return 0 - this.mean * Math.log(1 - next());
  }
}
