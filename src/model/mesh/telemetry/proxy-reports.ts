import type { MeshStrategy } from '../../../scenario/mesh-schema.js';
import type { Scenario } from '../../../scenario/schema.js';
import { hasProxies } from '../proxy/proxy-settings.js';
import { meshStrategyOf } from '../strategy.js';

/**
 * Whether a workload's proxy reports Istio's HTTP metrics and spans for its calls: a sidecar
 * (Istio's Envoy, or the lighter proxy of sidecar-light) does. `none` and `library` have no
 * proxy. `ambient`'s ztunnel is an L4 proxy: it reports only istio_tcp_* metrics, and the
 * HTTP metrics come from waypoint proxies (reporter="waypoint"), which report for the
 * service they front (MeshObserver.waypointResponded), not for a workload's calls.
 */
export function reportsHttp(strategy: MeshStrategy): boolean {
  return strategy === 'sidecar' || strategy === 'sidecar-light';
}

/**
 * Whether the run has proxies to observe: a strategy with proxies (sidecar, sidecar-light,
 * ambient), the scenario's or a service's. `none` and `library` have none: such a run gets
 * no observer, so its outputs stay as they were.
 */
export function hasMesh(scenario: Scenario): boolean {
  if (hasProxies(scenario.mesh.strategy)) return true;
  return Object.values(scenario.services).some((service) =>
    hasProxies(service.mesh?.strategy ?? 'none'),
  );
}

/** Whether each caller (a service name, or undefined for the ingress) has a reporting proxy. */
export class ProxyPresence {
  private readonly known = new Map<string | undefined, boolean>();

  constructor(private readonly scenario: Scenario) {}

  /** Whether the workload has a proxy of any kind (a sidecar, or its node's ztunnel): an mTLS identity. */
  inMesh(serviceName: string | undefined): boolean {
    return hasProxies(meshStrategyOf(this.scenario, serviceName));
  }

  /** Whether the workload's pods are in ambient mode: their node's ztunnel carries their calls. */
  hasZtunnel(serviceName: string): boolean {
    return meshStrategyOf(this.scenario, serviceName) === 'ambient';
  }

  /**
   * Whether the workload's proxy reports HTTP metrics. The ingress (undefined) is a gateway,
   * an Envoy, whenever the scenario's strategy has proxies, ambient included: Istio's ingress
   * gateway reports reporter="source" in ambient mode too.
   */
  has(serviceName: string | undefined): boolean {
    let has = this.known.get(serviceName);
    if (has === undefined) {
      const strategy = meshStrategyOf(this.scenario, serviceName);
      has = serviceName === undefined ? hasProxies(strategy) : reportsHttp(strategy);
      this.known.set(serviceName, has);
    }
    return has;
  }
}
