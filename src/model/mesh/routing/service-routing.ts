import type { RandomStreams } from '../../../engine/random.js';
import type { Simulation } from '../../../engine/simulation.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { DistributionCache } from '../../distribution-cache.js';
import { appliesPolicies, meshStrategyOf } from '../strategy.js';
import { ServiceRoutes } from './control-plane.js';
import { RouteTable } from './route-table.js';

/**
 * A routed service's routing as its clients take it (src/model/traffic/clients.ts): the
 * control plane's copy, and which callers apply it: those whose mesh strategy applies
 * policies (every one but `none`, whose kube-proxy knows no versions and spreads calls over
 * every ready pod of the Service).
 */
export function serviceRouting(
  scenario: Scenario,
  service: string,
  sim: Simulation,
  streams: RandomStreams,
  distributions: DistributionCache,
) {
  const { debounceAfter, push } = scenario.mesh.controlPlane;
  const pushDraws = streams.stream(`svc:${service}:push`).next;
  const pushTime = distributions.get(push);
  const routes = new ServiceRoutes(
    new RouteTable(scenario.services[service]!.routing ?? {}),
    sim,
    debounceAfter,
    () => pushTime.sample(pushDraws),
    (caller) => streams.stream(`svc:${service}:route@${caller}`).next,
  );
  return {
    routes,
    appliedBy: (caller: string | undefined) => appliesPolicies(meshStrategyOf(scenario, caller)),
  };
}
