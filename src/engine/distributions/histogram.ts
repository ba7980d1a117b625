import type { Distribution, SpecOf } from './distribution.js';
import { cumulativeWeights, pickWeightedIndex } from './weighted-index.js';

/**
 * A piecewise-uniform density: a bin is picked with probability weight / total weight
 * (one uniform, binary search), then a value uniformly in [min, max) of that bin (a second
 * uniform). Bins may overlap or leave gaps; a bin with min = max is a point mass.
 * Moments by the law of total variance over bins:
 * mean = sum p_i m_i, variance = sum p_i (width_i^2 / 12 + (m_i - mean)^2).
 */
export class HistogramDistribution implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly cumulative: Float64Array;
  private readonly totalWeight: number;
  private readonly binMin: Float64Array;
  private readonly binWidth: Float64Array;

  constructor(readonly spec: SpecOf<'histogram'>) {
    const bins = spec.bins;
    this.cumulative = cumulativeWeights(bins.map((bin) => bin.weight));
    this.totalWeight = this.cumulative[bins.length - 1]!;
    this.binMin = Float64Array.from(bins, (bin) => bin.min);
    this.binWidth = Float64Array.from(bins, (bin) => bin.max - bin.min);
    let mean = 0;
    for (const bin of bins) mean += (bin.weight / this.totalWeight) * ((bin.min + bin.max) / 2);
    let variance = 0;
    for (const bin of bins) {
      const width = bin.max - bin.min;
      const offset = (bin.min + bin.max) / 2 - mean;
      variance += (bin.weight / this.totalWeight) * ((width * width) / 12 + offset * offset);
    }
    this.mean = mean;
    this.variance = variance;
  }

  sample(next: () => number): number {
    // u < 1 so u * total < total = the last running sum: some bin always exceeds it.
    const bin = pickWeightedIndex(this.cumulative, next() * this.totalWeight);
    return this.binMin[bin]! + this.binWidth[bin]! * next();
  }
}
