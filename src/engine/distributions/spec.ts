/**
 * Distributions as plain data ("policy is data"): the scenario parser produces these, the
 * engine turns them into samplers with createDistribution(). Every time-like value is in
 * milliseconds; the distributions themselves are unit-free.
 *
 * Every distribution has support in [0, Infinity) (they model durations and sizes), so
 * createDistribution() rejects negative locations: constant value, uniform min, samples,
 * bin bounds. describeDistribution() renders a spec as text, e.g. `lognormal(median=4, p99=30)`.
 */
export type DistributionSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number }
  /** Normal truncated at 0 (durations cannot be negative): resampled until >= 0. */
  | { kind: 'normal'; mean: number; stddev: number }
  /** Lognormal by its median and 99th percentile: how people know latencies. */
  | { kind: 'lognormal'; median: number; p99: number }
  /** Lognormal by mean and coefficient of variation (stddev / mean). */
  | { kind: 'lognormal'; mean: number; cv: number }
  /** Gamma by shape k and mean; an integer shape is the Erlang-k distribution. */
  | { kind: 'gamma'; shape: number; mean: number }
  | { kind: 'weibull'; shape: number; scale: number }
  /** Pareto type I: P(X > x) = (scale / x)^shape for x >= scale. */
  | { kind: 'pareto'; shape: number; scale: number }
  /** Draws one of the given samples uniformly (bootstrap from measurements). */
  | { kind: 'empirical'; samples: readonly number[] }
  /** A histogram: picks a bin by weight, then a uniform value inside it. */
  | { kind: 'histogram'; bins: readonly { min: number; max: number; weight: number }[] }
  /** A weighted mixture, e.g. 95% fast and 5% slow. Weights are normalised. */
  | { kind: 'mixture'; components: readonly { weight: number; distribution: DistributionSpec }[] };

export type DistributionKind = DistributionSpec['kind'];

/** Every kind, in the order error messages list them. */
export const DISTRIBUTION_KINDS: readonly DistributionKind[] = [
  'constant',
  'uniform',
  'exponential',
  'normal',
  'lognormal',
  'gamma',
  'weibull',
  'pareto',
  'empirical',
  'histogram',
  'mixture',
];
