import type { Distribution, SpecOf } from './distribution.js';
import { cumulativeWeights, pickWeightedIndex } from './weighted-index.js';

/**
 * A weighted mixture: one uniform picks a component (weights normalised), then that
 * component draws with the uniforms that follow. Moments by the law of total variance:
 * mean = sum p_i mean_i, variance = sum p_i (variance_i + (mean_i - mean)^2).
 * Components with weight 0 are never drawn and take no part in the moments (so an
 * infinite-mean component with weight 0 does not make the mixture's mean NaN).
 */
export class MixtureDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly parts: readonly Distribution[];
  private readonly cumulative: Float64Array;
  private readonly totalWeight: number;

  /** `parts[i]` is the built `spec.components[i].distribution`. */
  constructor(
    readonly spec: SpecOf<'mixture'>,
    parts: readonly Distribution[],
  ) {
    this.parts = parts;
    const weights = spec.components.map((component) => component.weight);
    this.cumulative = cumulativeWeights(weights);
    this.totalWeight = this.cumulative[weights.length - 1]!;
    const probabilities = weights.map((weight) => weight / this.totalWeight);
    this.mean = mixtureMean(probabilities, parts);
    this.variance = mixtureVariance(probabilities, parts, this.mean);
  }

  sample(next: () => number): number {
    const index = pickWeightedIndex(this.cumulative, next() * this.totalWeight);
    return this.parts[index]!.sample(next);
  }
}

function mixtureMean(probabilities: readonly number[], parts: readonly Distribution[]): number {
  let mean = 0;
  probabilities.forEach((probability, i) => {
    if (probability > 0) mean += probability * parts[i]!.mean;
  });
  return mean;
}

function mixtureVariance(
  probabilities: readonly number[],
  parts: readonly Distribution[],
  mean: number,
): number {
  if (mean === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  let variance = 0;
  probabilities.forEach((probability, i) => {
    if (probability === 0) return;
    const part = parts[i]!;
    const offset = part.mean - mean;
    variance += probability * (part.variance + offset * offset);
  });
  return variance;
}
