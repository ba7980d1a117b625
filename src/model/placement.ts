import type { Scenario } from '../scenario/schema.js';
import { buildNodes } from './cluster.js';
import { placeReplicas } from './scheduler.js';

/**
 * The pods the scheduler leaves Pending, found the way buildTopology places them (services
 * in declaration order, each one's replicas in turn) but without building the rest of the
 * model: `validate` warns about them, and a topology holds latency histograms (about 96 KB
 * each, several per service and endpoint) that a check has no use for.
 */
export function pendingPods(scenario: Scenario): { name: string; service: string }[] {
  const nodes = buildNodes(scenario.cluster);
  const pending: { name: string; service: string }[] = [];
  for (const [service, config] of Object.entries(scenario.services)) {
    const requests = {
      cpu: config.resources.requests.cpu,
      memoryBytes: config.resources.requests.memory,
    };
    const placed = placeReplicas(nodes, requests, config.replicas, scenario.cluster.scheduler);
    for (const [i, node] of placed.entries())
      if (node === undefined) pending.push({ name: `${service}-${i}`, service });
  }
  return pending;
}
