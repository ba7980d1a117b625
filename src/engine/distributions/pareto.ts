import type { Distribution, SpecOf } from './distribution.js';

/**
 * Pareto type I: P(X > x) = (scale / x)^shape for x >= scale, by inversion:
 * scale * (1 - u)^(-1/shape). The mean is infinite for shape <= 1, the variance for
 * shape <= 2. With 32-bit uniforms the largest draw is scale * 2^(32/shape): the sampler
 * cuts the tail at probability 2^-32.
 */
export class ParetoDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly scale: number;
  private readonly negativeInverseShape: number;

  constructor(readonly spec: SpecOf<'pareto'>) {
    const { shape, scale } = spec;
    this.scale = scale;
    this.negativeInverseShape = -1 / shape;
    this.mean = shape > 1 ? (shape * scale) / (shape - 1) : Number.POSITIVE_INFINITY;
    this.variance =
      shape > 2
        ? (scale * scale * shape) / ((shape - 1) * (shape - 1) * (shape - 2))
        : Number.POSITIVE_INFINITY;
  }

  sample(next: () => number): number {
    // 1 - u is in (0, 1]: the power stays finite.
    return this.scale * (1 - next()) ** this.negativeInverseShape;
  }
}
