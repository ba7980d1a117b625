import type { DistributionSpec } from './spec.js';

/**
 * A sampler built from a DistributionSpec by createDistribution().
 *
 * Contract, relied on for determinism and speed:
 * - sample() keeps NO state between calls (no cached spare deviate): one Distribution is
 *   shared by many random streams, so each draw must depend only on the uniforms it takes
 *   from `next`. The number of uniforms consumed may vary per draw (rejection samplers).
 * - sample() allocates nothing; constants are computed once, in the constructor.
 * - Every distribution here has support within [0, Infinity): they model durations and
 *   sizes (a normal is truncated at 0). sample() never returns a negative number.
 */
export interface Distribution {
  /** The validated spec this was built from. */
  readonly spec: DistributionSpec;
  /** Exact mean of what sample() draws; Infinity when it does not exist (heavy Pareto). */
  readonly mean: number;
  /** Exact variance of what sample() draws; Infinity when it does not exist. */
  readonly variance: number;
  /**
   * One draw. `next` returns uniforms in [0, 1) with 32 bits of resolution (it may return
   * exactly 0, never 1): RandomStream.next.
   */
  sample(next: () => number): number;
}

/** The variant of DistributionSpec with the given kind. */
export type SpecOf<K extends DistributionSpec['kind']> = Extract<DistributionSpec, { kind: K }>;
