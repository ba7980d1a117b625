import type { PathSegment, Problem } from './errors.js';
import type { Scenario } from './schema.js';
import { suggestFor } from './suggest.js';

/**
 * Argo Rollouts strategies (docs/deployments.md): trafficRouting and blueGreen route through
 * the mesh, so callers must apply routing; `promote` and `abort` name a service that has one
 * of the strategies.
 */
export function checkArgoRollouts(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  for (const [name, config] of Object.entries(scenario.services)) {
    const strategy = config.strategy;
    const at: PathSegment[] = ['services', name, 'strategy'];
    if (strategy?.canary !== undefined || strategy?.blueGreen !== undefined)
      if (config.versions !== undefined)
        problems.push({
          path: [...at, strategy.canary !== undefined ? 'canary' : 'blueGreen'],
          message: `service "${name}" declares versions side by side: an Argo Rollout needs a service run by one Deployment, without versions`,
        });
    const routed =
      strategy?.canary?.trafficRouting !== undefined || strategy?.blueGreen !== undefined;
    if (routed && scenario.mesh.strategy === 'none')
      problems.push({
        path: [
          ...at,
          ...(strategy?.blueGreen !== undefined ? ['blueGreen'] : ['canary', 'trafficRouting']),
        ],
        message:
          'routes calls by version through the mesh, and mesh.strategy is none (kube-proxy knows no versions): set mesh.strategy (e.g. sidecar), or use a canary without trafficRouting',
      });
  }
  for (const [index, event] of (scenario.events ?? []).entries()) {
    const action =
      event.promote !== undefined ? 'promote' : event.abort !== undefined ? 'abort' : undefined;
    if (action === undefined) continue;
    const service = (event.promote ?? event.abort)!.service;
    const path = ['events', index, action, 'service'];
    const problem = argoServiceProblem(scenario, service);
    if (problem !== undefined) problems.push({ path, message: problem });
  }
  return problems;
}

function argoServiceProblem(scenario: Scenario, service: string): string | undefined {
  const names = Object.keys(scenario.services);
  const config = scenario.services[service];
  if (config === undefined)
    return `unknown service "${service}"${suggestFor(service, names, 'the services are')}`;
  const strategy = config.strategy;
  if (strategy?.canary === undefined && strategy?.blueGreen === undefined)
    return `service "${service}" has no Argo Rollouts strategy (strategy.canary or strategy.blueGreen): promote and abort act on an Argo Rollout`;
  return undefined;
}
