import type { Distribution, SpecOf } from './distribution.js';
import { Z99 } from './special-functions.js';
import { standardNormal } from './standard-normal.js';

/** The lognormal's parameters on the log scale: ln X ~ Normal(mu, sigma). */
export interface LogScale {
  readonly mu: number;
  readonly sigma: number;
}

/**
 * (median, p99) -> mu = ln(median), sigma = ln(p99 / median) / z99.
 * (mean, cv) -> sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
 */
export function lognormalLogScale(spec: SpecOf<'lognormal'>): LogScale {
  if ('median' in spec) {
    return { mu: Math.log(spec.median), sigma: Math.log(spec.p99 / spec.median) / Z99 };
  }
  const sigmaSquared = Math.log1p(spec.cv * spec.cv);
  return { mu: Math.log(spec.mean) - sigmaSquared / 2, sigma: Math.sqrt(sigmaSquared) };
}

/** Lognormal: exp of a normal deviate (two uniforms per draw). */
export class LognormalDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly mu: number;
  private readonly sigma: number;

  constructor(readonly spec: SpecOf<'lognormal'>) {
    const { mu, sigma } = lognormalLogScale(spec);
    this.mu = mu;
    this.sigma = sigma;
    const sigmaSquared = sigma * sigma;
    this.mean = Math.exp(mu + sigmaSquared / 2);
    // (e^(sigma^2) - 1) e^(2 mu + sigma^2), with expm1 for precision at small sigma.
    this.variance = Math.expm1(sigmaSquared) * this.mean * this.mean;
  }

  sample(next: () => number): number {
    return Math.exp(this.mu + this.sigma * standardNormal(next));
  }
}
