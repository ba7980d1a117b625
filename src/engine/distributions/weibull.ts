import type { Distribution, SpecOf } from './distribution.js';
import { logGamma } from './special-functions.js';

/**
 * Weibull(shape k, scale), sampled by inversion: scale * (-ln(1 - u))^(1/k).
 * mean = scale * Gamma(1 + 1/k); variance = scale^2 * (Gamma(1 + 2/k) - Gamma(1 + 1/k)^2),
 * computed in log space so small shapes overflow to Infinity rather than to NaN.
 */
export class WeibullDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly scale: number;
  private readonly inverseShape: number;

  constructor(readonly spec: SpecOf<'weibull'>) {
    this.scale = spec.scale;
    this.inverseShape = 1 / spec.shape;
    const logGammaOne = logGamma(1 + this.inverseShape);
    const logGammaTwo = logGamma(1 + 2 * this.inverseShape);
    this.mean = spec.scale * Math.exp(logGammaOne);
    // Gamma2 - Gamma1^2 = Gamma1^2 * (Gamma2 / Gamma1^2 - 1); expm1 keeps large shapes precise.
    this.variance = this.mean * this.mean * Math.expm1(logGammaTwo - 2 * logGammaOne);
  }

  sample(next: () => number): number {
    // 1 - u is in (0, 1]; 0 - x keeps u = 0 at +0 (-0 ** 1 would be -0).
    return this.scale * (0 - Math.log(1 - next())) ** this.inverseShape;
  }
}
