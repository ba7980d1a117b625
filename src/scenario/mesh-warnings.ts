import type { Problem } from './errors.js';
import type { MeshStrategy } from './mesh-schema.js';
import type { Scenario } from './schema.js';
import { formatDuration } from './units.js';

/**
 * Mesh settings that are legal but do nothing, or fail every call they touch: a policy no
 * caller applies, a route to a version with no pod, a per-try timeout the route's cuts
 * first, a waypoint outside ambient. Found by a new user, each accepted in silence before.
 */
export function meshWarnings(scenario: Scenario): Problem[] {
  return Object.entries(scenario.services).flatMap(([name, service]) => [
    ...inertWithoutMesh(scenario, name, service),
    ...splitToEmptyVersions(name, service),
    ...perTryTimeoutPastRouteTimeout(name, service),
    ...waypointOutsideAmbient(scenario, name, service),
  ]);
}

type Service = Scenario['services'][string];

function strategies(scenario: Scenario): Set<MeshStrategy> {
  const used = new Set<MeshStrategy>([scenario.mesh.strategy]);
  for (const service of Object.values(scenario.services)) {
    if (service.mesh?.strategy !== undefined) used.add(service.mesh.strategy);
  }
  return used;
}

/** Under `none` everywhere, kube-proxy is the only thing between services. */
function inertWithoutMesh(scenario: Scenario, name: string, service: Service): Problem[] {
  const used = strategies(scenario);
  if (used.size !== 1 || !used.has('none')) return [];
  const inert = (['trafficPolicy', 'routing'] as const).filter((key) => service[key] !== undefined);
  return inert.map((key) => ({
    path: ['services', name, key],
    message: `mesh strategy none everywhere: kube-proxy applies no ${key === 'routing' ? 'routing (it knows no versions)' : 'policies'}, so this does nothing; set mesh.strategy (library, sidecar, sidecar-light or ambient)`,
  }));
}

function splitToEmptyVersions(name: string, service: Service): Problem[] {
  const split = service.routing?.split ?? {};
  return Object.entries(split)
    .filter(([version, weight]) => weight > 0 && service.versions?.[version]?.replicas === 0)
    .map(([version, weight]) => ({
      path: ['services', name, 'routing', 'split', version],
      message: `${Number((weight * 100).toFixed(4))}% of the calls go to version ${version}, which has 0 replicas: each fails with 503 (no healthy upstream)`,
    }));
}

function perTryTimeoutPastRouteTimeout(name: string, service: Service): Problem[] {
  const policy = service.trafficPolicy;
  const perTry = policy?.retries?.perTryTimeout;
  if (policy?.timeout === undefined || perTry === undefined || perTry < policy.timeout) return [];
  return [
    {
      path: ['services', name, 'trafficPolicy', 'retries', 'perTryTimeout'],
      message: `${formatDuration(perTry)} per try is not less than the route timeout (${formatDuration(policy.timeout)}), which covers every try: the first try is cut by the route timeout and never retried`,
    },
  ];
}

function waypointOutsideAmbient(scenario: Scenario, name: string, service: Service): Problem[] {
  const strategy = service.mesh?.strategy ?? scenario.mesh.strategy;
  if (service.mesh?.waypoint !== true || strategy === 'ambient') return [];
  return [
    {
      path: ['services', name, 'mesh', 'waypoint'],
      message: `a waypoint exists only under mesh strategy ambient; under ${strategy} it is ignored`,
    },
  ];
}
