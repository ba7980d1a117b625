import type { Distribution, SpecOf } from './distribution.js';

/**
 * Bootstrap from measurements: each draw is one of the samples, uniformly. The mean and
 * variance are those of the sample set itself (population variance, divisor n), since
 * that is exactly the law being drawn from.
 */
export class EmpiricalDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  /** A private copy: later edits to the spec's array cannot change the law. */
  private readonly values: Float64Array;

  constructor(readonly spec: SpecOf<'empirical'>) {
    this.values = Float64Array.from(spec.samples);
    this.mean = arithmeticMean(this.values);
    this.variance = populationVariance(this.values, this.mean);
  }

  sample(next: () => number): number {
    // u < 1 and n < 2^32, so floor(u * n) <= n - 1.
    return this.values[Math.floor(next() * this.values.length)]!;
  }
}

function arithmeticMean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Two-pass, about the mean: no cancellation between E[X^2] and E[X]^2. */
function populationVariance(values: Float64Array, mean: number): number {
  let sumOfSquares = 0;
  for (const value of values) sumOfSquares += (value - mean) * (value - mean);
  return sumOfSquares / values.length;
}
