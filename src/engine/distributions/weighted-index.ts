/**
 * Running sums of non-negative weights, for picking an index with probability
 * proportional to its weight. Zero weights are allowed and never picked.
 */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!;
    cumulative[i] = total;
  }
  return cumulative;
}

/**
 * The first index whose running sum exceeds `target`, by binary search; `target` must lie
 * in [0, total). Strictly exceeds: an index with zero weight repeats the previous sum, so it
 * is never the first to exceed anything.
 */
export function pickWeightedIndex(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}
