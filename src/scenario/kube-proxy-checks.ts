import type { Problem } from './errors.js';
import type { Scenario } from './schema.js';

/**
 * IPVS keeps one round-robin state per node (docs/architecture.md, "kube-proxy in IPVS
 * mode"): a service balanced by kube-proxy then needs to know each caller's node, which
 * only per-caller clients do. Left out, `clients` defaults to per-caller there; asked for
 * shared, it cannot be honoured.
 */
export function checkKubeProxyMode(scenario: Scenario): Problem[] {
  if (scenario.cluster.kubeProxyMode !== 'ipvs') return [];
  const problems: Problem[] = [];
  for (const [name, service] of Object.entries(scenario.services))
    if (service.loadBalancer === 'kube-proxy' && service.clients === 'shared')
      problems.push({
        path: ['services', name, 'clients'],
        message:
          'with cluster.kubeProxyMode: ipvs, kube-proxy balances per node: use clients: per-caller (or leave clients out)',
      });
  return problems;
}
