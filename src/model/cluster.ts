import type { Scenario } from '../scenario/schema.js';

/** A node: capacity, price and what the scheduler has placed on it. */
export interface ClusterNode {
  readonly name: string;
  readonly pool: string;
  readonly zone: string;
  readonly cpuCores: number;
  readonly memoryBytes: number;
  readonly pricePerHourUsd: number;
  cpuRequested: number;
  memoryRequested: number;
  pods: number;
}

/**
 * Creates the nodes of every pool. A pool's nodes go round-robin over its zones (or the
 * cluster's), as managed node groups spread over availability zones.
 */
export function buildNodes(cluster: Scenario['cluster']): ClusterNode[] {
  const nodes: ClusterNode[] = [];
  for (const pool of cluster.nodePools) {
    const zones = pool.zones ?? cluster.zones;
    for (let i = 0; i < pool.count; i++) {
      nodes.push({
        name: `${pool.name}-${i}`,
        pool: pool.name,
        zone: zones[i % zones.length]!,
        cpuCores: pool.cpuCores,
        memoryBytes: pool.memoryBytes,
        pricePerHourUsd: pool.pricePerHourUsd,
        cpuRequested: 0,
        memoryRequested: 0,
        pods: 0,
      });
    }
  }
  return nodes;
}
