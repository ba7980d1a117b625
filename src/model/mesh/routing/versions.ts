import type { Distribution } from '../../../engine/distributions/distribution.js';
import type { Scenario, ServiceConfig } from '../../../scenario/schema.js';
import { INITIAL_VERSION, VersionBehavior } from '../../cluster/pod-template.js';
import type { DistributionCache } from '../../distribution-cache.js';
import type { Endpoint, Service } from '../../service.js';

/** One version of a service as its pods are made: its own ReplicaSet's template. */
export interface VersionSpec {
  readonly name: string;
  readonly replicas: number;
  readonly resources: ServiceConfig['resources'];
  /** the endpoint fields that differ from the service's */
  readonly endpoints: Readonly<Record<string, { cpu?: unknown; errorRate?: number | undefined }>>;
}

/**
 * A service's versions in the order written: its `versions`, or one version `v1` of all its
 * replicas with the service's own resources and endpoints (a service without versions).
 */
export function versionSpecs(config: ServiceConfig): VersionSpec[] {
  if (config.versions === undefined)
    return [
      {
        name: INITIAL_VERSION,
        replicas: config.replicas,
        resources: config.resources,
        endpoints: {},
      },
    ];
  return Object.entries(config.versions).map(([name, v]) => ({
    name,
    replicas: v.replicas,
    resources: v.resources ?? config.resources,
    endpoints: v.endpoints ?? {},
  }));
}

/** A version's endpoints where they differ from the service's; undefined where none do. */
export function versionBehavior(
  service: Service,
  config: ServiceConfig,
  version: string,
  distributions: DistributionCache,
): VersionBehavior | undefined {
  const endpoints = config.versions?.[version]?.endpoints ?? {};
  const cpus = new Map<Endpoint, Distribution>();
  const errorRates = new Map<Endpoint, number>();
  for (const [name, endpoint] of Object.entries(endpoints)) {
    const target = service.endpoints.get(name)!;
    if (endpoint.cpu !== undefined) cpus.set(target, distributions.get(endpoint.cpu));
    if (endpoint.errorRate !== undefined) errorRates.set(target, endpoint.errorRate);
  }
  return cpus.size + errorRates.size > 0 ? new VersionBehavior(cpus, errorRates) : undefined;
}

/** Services whose calls can be routed: those with `routing`, or named by a `setRouting` event. */
export function routedServices(scenario: Scenario): Set<string> {
  const routed = new Set<string>();
  for (const [name, config] of Object.entries(scenario.services)) {
    if (config.routing !== undefined) routed.add(name);
    // An Argo Rollout routes its weights or its active Service through the mesh.
    const strategy = config.strategy;
    if (strategy?.canary?.trafficRouting !== undefined || strategy?.blueGreen !== undefined)
      routed.add(name);
  }
  for (const event of scenario.events ?? [])
    if (event.setRouting !== undefined) routed.add(event.setRouting.service);
  return routed;
}
