import type { Distribution, SpecOf } from './distribution.js';

/** Uniform on [min, max). */
export class UniformDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly min: number;
  private readonly width: number;

  constructor(readonly spec: SpecOf<'uniform'>) {
    this.min = spec.min;
    this.width = spec.max - spec.min;
    this.mean = (spec.min + spec.max) / 2;
    this.variance = (this.width * this.width) / 12;
  }

  sample(next: () => number): number {
    return this.min + this.width * next();
  }
}
