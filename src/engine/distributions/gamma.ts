import type { Distribution, SpecOf } from './distribution.js';
import { standardNormal } from './standard-normal.js';

/**
 * Gamma by shape k and mean (scale = mean / k); an integer k is Erlang-k.
 * Sampler: Marsaglia and Tsang, "A simple method for generating gamma variables" (2000),
 * valid for k >= 1; for k < 1 it draws Gamma(k + 1) and multiplies by u^(1/k).
 * Each attempt takes three uniforms (two for the normal deviate, one to accept) and
 * accepts with probability > 0.95, so a draw costs a little over three uniforms.
 */
export class GammaDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly scale: number;
  /** Marsaglia-Tsang's d = k' - 1/3 and c = 1 / sqrt(9 d), for k' = max(k, k + 1 if k < 1). */
  private readonly d: number;
  private readonly c: number;
  /** 1/k when k < 1 (the boost exponent), else 0 (no boost). */
  private readonly boostExponent: number;

  constructor(readonly spec: SpecOf<'gamma'>) {
    const shape = spec.shape;
    this.scale = spec.mean / shape;
    this.mean = spec.mean;
    this.variance = shape * this.scale * this.scale;
    const boosted = shape < 1 ? shape + 1 : shape;
    this.d = boosted - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
    this.boostExponent = shape < 1 ? 1 / shape : 0;
  }

  sample(next: () => number): number {
    const standard = this.sampleUnitScale(next);
    if (this.boostExponent === 0) return standard * this.scale;
    // 1 - u is in (0, 1]: the boost never collapses a draw to exactly 0.
    return standard * (1 - next()) ** this.boostExponent * this.scale;
  }

  /** Gamma(k', 1) by Marsaglia-Tsang. */
  private sampleUnitScale(next: () => number): number {
    const d = this.d;
    const c = this.c;
    for (;;) {
      const z = standardNormal(next);
      const root = 1 + c * z;
      if (root <= 0) continue;
      const v = root * root * root;
      const u = next();
      const zSquared = z * z;
      // The squeeze accepts most attempts without a logarithm.
      if (u < 1 - 0.0331 * zSquared * zSquared) return d * v;
      // log(0) = -Infinity accepts, which is right: u = 0 is below any bound.
      if (Math.log(u) < 0.5 * zSquared + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}
