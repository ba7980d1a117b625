import { describe, expect, it } from 'vitest';
import { quantileSupported, samplesToSupport } from '../../src/metrics/quantile-support.js';

describe('a quantile needs ten samples at or beyond it', () => {
  it('needs 20 samples for a p50, 100 for a p90, 1,000 for a p99 and 10,000 for a p99.9', () => {
    expect([50, 90, 99, 99.9].map(samplesToSupport)).toEqual([20, 100, 1000, 10_000]);
  });

  it('supports a quantile at exactly its minimum, and not one sample below', () => {
    for (const percentile of [50, 90, 99, 99.9]) {
      const minimum = samplesToSupport(percentile);
      expect(quantileSupported(minimum, percentile), `p${percentile}`).toBe(true);
      expect(quantileSupported(minimum - 1, percentile), `p${percentile}`).toBe(false);
    }
  });

  it('does not support a p99.9 from 3,000 samples: three values are not a tail', () => {
    expect(quantileSupported(3000, 99.9)).toBe(false);
    expect(quantileSupported(3000, 99)).toBe(true);
  });
});
