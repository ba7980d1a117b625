import type { Distribution, SpecOf } from './distribution.js';

/** Always the same value; consumes no uniforms. */
export class ConstantDistribution implements Distribution {
  readonly mean: number;
  readonly variance = 0;
  private readonly value: number;

  constructor(readonly spec: SpecOf<'constant'>) {
    this.value = spec.value;
    this.mean = spec.value;
  }

  sample(_next: () => number): number {
    return this.value;
  }
}
