import type { Distribution } from '../engine/distributions/distribution.js';

/**
 * One-way network latency of a hop: within a zone, across zones, or from a client outside
 * the cluster to the entry service (ingress).
 */
export class Network {
  constructor(
    private readonly sameZone: Distribution,
    private readonly crossZone: Distribution,
    private readonly ingress: Distribution,
  ) {}

  /** A zone is undefined for a client outside the cluster: that hop is ingress. */
  latencyMs(fromZone: string | undefined, toZone: string | undefined, next: () => number): number {
    if (fromZone === undefined || toZone === undefined) return this.ingress.sample(next);
    return (fromZone === toZone ? this.sameZone : this.crossZone).sample(next);
  }
}
