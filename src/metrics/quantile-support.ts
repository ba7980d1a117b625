/**
 * How many samples must lie beyond a quantile before we call it that quantile. A p99.9
 * from 300 samples is the largest sample or the one before it: the "tail" is one or two
 * values, and a second run would give another number entirely. We ask for ten samples at
 * or beyond the quantile, so the minimum count is 10 / (1 − p): p50 needs 20, p90 100,
 * p99 1,000 and p99.9 10,000. Quantiles below that are still reported, and flagged.
 */
export const MIN_TAIL_SAMPLES = 10;

/** True when `samples` values can support the `percentile` (0-100) quantile. */
export function quantileSupported(samples: number, percentile: number): boolean {
  return samples * (1 - percentile / 100) >= MIN_TAIL_SAMPLES - 1e-9;
}

/** The fewest samples that support the `percentile` quantile: 1,000 for p99. */
export function samplesToSupport(percentile: number): number {
  // 1 − 99.9/100 is not exactly 0.001 in binary: round away the representation error.
  return Math.ceil(Number((MIN_TAIL_SAMPLES / (1 - percentile / 100)).toPrecision(12)));
}
