import type { Problem } from './errors.js';
import type { Scenario } from './schema.js';

/**
 * Autoscaling's checks across fields (docs/autoscaling.md): an HPA scales one Deployment, so
 * a service with versions (one ReplicaSet each) has none; a CPU utilization target needs a
 * CPU request (Kubernetes: "missing request for cpu"); the replicas and a pool's node count
 * start within the autoscalers' bounds.
 */
export function checkAutoscaling(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  for (const [name, service] of Object.entries(scenario.services)) {
    const hpa = service.autoscaling;
    if (hpa === undefined) continue;
    const path = ['services', name, 'autoscaling'];
    if (service.versions !== undefined)
      problems.push({
        path,
        message:
          'an HPA scales one Deployment: a service with versions has one per version; remove autoscaling or versions',
      });
    const cpuTarget = hpa.metrics.some((m) => m.type === 'Resource');
    if (cpuTarget && service.resources.requests.cpu <= 0)
      problems.push({
        path: [...path, 'metrics'],
        message: `a CPU utilization target is a percent of the pods' CPU request, and "${name}" requests no CPU: give resources.requests.cpu`,
      });
    if (service.replicas < hpa.minReplicas || service.replicas > hpa.maxReplicas)
      problems.push({
        path: ['services', name, 'replicas'],
        message: `the replicas the service starts with (${service.replicas}) must be within autoscaling's minReplicas ${hpa.minReplicas} and maxReplicas ${hpa.maxReplicas}`,
      });
  }
  scenario.cluster.nodePools.forEach((pool, index) => {
    const ca = pool.autoscaling;
    if (ca === undefined) return;
    if (pool.count < ca.minNodes || pool.count > ca.maxNodes)
      problems.push({
        path: ['cluster', 'nodePools', index, 'count'],
        message: `the nodes the pool starts with (${pool.count}) must be within autoscaling's minNodes ${ca.minNodes} and maxNodes ${ca.maxNodes}`,
      });
  });
  return problems;
}
