/**
 * The circuit breaker's limits that a caller's connection pools enforce, shared by all its
 * pools to one service (Envoy keeps them per cluster, not per host): connections open, and
 * calls waiting for one (pending). The pools count; a call that would exceed
 * maxPendingRequests fails at once with 503 UO (src/model/traffic/connection-pool.ts).
 */
export class PoolLimits {
  connections = 0;
  pending = 0;

  constructor(
    readonly maxConnections: number,
    readonly maxPending: number,
  ) {}

  canOpen(): boolean {
    return this.connections < this.maxConnections;
  }

  canWait(): boolean {
    return this.pending < this.maxPending;
  }
}
