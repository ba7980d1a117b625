import { isFunction } from '../../scenario/function-endpoints.js';
import type { MeshStrategy } from '../../scenario/mesh-schema.js';
import type { Scenario } from '../../scenario/schema.js';

/**
 * The mesh strategy of a caller: its service's own, else the scenario's. The ingress (no
 * calling service) has the scenario's: a mesh's ingress gateway is one of its proxies. A
 * function (issue 13) is outside the mesh: its instances have no proxy, so its calls apply
 * no mesh policy.
 */
export function meshStrategyOf(scenario: Scenario, serviceName: string | undefined): MeshStrategy {
  if (serviceName !== undefined && isFunction(scenario, serviceName)) return 'none';
  const own =
    serviceName === undefined ? undefined : scenario.services[serviceName]?.mesh?.strategy;
  return own ?? scenario.mesh.strategy;
}

/** Whether calls from a caller with this strategy go through resilience policies. */
export function appliesPolicies(strategy: MeshStrategy): boolean {
  return strategy !== 'none';
}
