import type { RandomStreams } from '../../../engine/random.js';
import type { Simulation } from '../../../engine/simulation.js';
import type { MeshStrategy } from '../../../scenario/mesh-schema.js';
import type { Scenario } from '../../../scenario/schema.js';
import { type ClusterNode, podRequests } from '../../cluster.js';
import { CfsNodeCpu } from '../../cpu/cfs-node-cpu.js';
import type { CpuBurst } from '../../cpu/cpu-scheduler.js';
import type { DistributionCache } from '../../distribution-cache.js';
import type { Pod } from '../../pod.js';
import type { Service } from '../../service.js';
import type { Topology } from '../../topology.js';
import { meshStrategyOf } from '../strategy.js';
import { usesAmbient } from './mesh-requests.js';
import { MeshProxy, type ProxyCpu, type ProxyKind, type ProxySettings } from './proxy.js';
import { ProxyPath, WaypointPool } from './proxy-path.js';
import { hasProxies, proxySettings, sidecarConfigOf } from './proxy-settings.js';

/** A proxy and the node it runs on (none: the ingress gateway, outside the modelled nodes). */
export interface PlacedProxy {
  readonly proxy: MeshProxy;
  readonly node: ClusterNode | undefined;
  /** the pod a sidecar is a container of; none for a proxy that is a pod of its own */
  readonly pod?: Pod;
}

/**
 * The mesh's proxies of one run: every sidecar, ztunnel, waypoint pod and the ingress
 * gateway, the path the request path hands its attempts to, and how a pod bound during the
 * run gets its proxy. Built after the topology (its pods placed), before traffic starts.
 */
export class MeshProxies {
  readonly placed: PlacedProxy[] = [];
  private readonly ztunnels = new Map<string, MeshProxy>();
  /** each pod's own proxy container (a sidecar), while the pod is there */
  private readonly sidecars = new Map<Pod, MeshProxy>();
  private readonly settings = new Map<ProxyKind, ProxySettings>();
  readonly path: ProxyPath;

  constructor(
    private readonly scenario: Scenario,
    private readonly topology: Topology,
    private readonly sim: Simulation,
    private readonly streams: RandomStreams,
    distributions: DistributionCache,
  ) {
    const { mesh } = scenario;
    const kinds: [ProxyKind, Scenario['mesh']['sidecar']][] = [
      ['sidecar', mesh.sidecar],
      ['sidecar-light', mesh.sidecarLight],
      ['ztunnel', mesh.ztunnel],
      ['waypoint', mesh.waypoint],
      ['gateway', mesh.strategy === 'sidecar-light' ? mesh.sidecarLight : mesh.gateway],
    ];
    for (const [kind, config] of kinds)
      this.settings.set(kind, proxySettings(kind, config, mesh, distributions));
    if (usesAmbient(scenario)) for (const node of topology.nodes) this.addZtunnel(node);
    for (const service of topology.services.values())
      for (const pod of service.pods) this.attach(pod);
    this.path = new ProxyPath(sim, this.gateway(), this.waypoints(), mesh.mtls);
  }

  /** The measured window opens (or closes) for every proxy there is. */
  windowOpened(): void {
    for (const { proxy } of this.placed) proxy.windowOpened();
  }

  windowClosed(): void {
    for (const { proxy } of this.placed) proxy.windowClosed();
  }

  /** Gives a pod bound to its node the proxy its service's strategy puts on its calls. */
  attach(pod: Pod): MeshProxy | undefined {
    const strategy = meshStrategyOf(this.scenario, pod.serviceName);
    if (strategy === 'ambient') {
      pod.proxy = this.ztunnels.get(pod.nodeName) ?? this.addZtunnel(this.nodeNamed(pod.nodeName));
      return undefined;
    }
    if (sidecarConfigOf(this.scenario.mesh, strategy) === undefined) return undefined;
    const settings = this.settings.get(strategy as ProxyKind)!;
    const node = this.nodeNamed(pod.nodeName);
    const proxy = this.add(
      `${pod.name}/${settings.container}`,
      `${pod.serviceName}/${settings.container}`,
      settings,
      `svc:${pod.serviceName}:proxy@${pod.name}`,
      node,
      pod,
    );
    pod.proxy = proxy;
    this.sidecars.set(pod, proxy);
    return proxy;
  }

  /** The pod is gone: so is its sidecar container (a node's ztunnel stays). */
  detach(pod: Pod): void {
    const sidecar = this.sidecars.get(pod);
    if (sidecar === undefined) return;
    this.sidecars.delete(pod);
    sidecar.cpu.retire();
  }

  private addZtunnel(node: ClusterNode): MeshProxy {
    const settings = this.settings.get('ztunnel')!;
    const name = `ztunnel-${node.name}`;
    const proxy = this.add(name, 'ztunnel', settings, `mesh:ztunnel@${node.name}`, node);
    this.ztunnels.set(node.name, proxy);
    return proxy;
  }

  /** The ingress gateway, when the scenario's own strategy has proxies. */
  private gateway(): MeshProxy | undefined {
    if (!hasProxies(this.scenario.mesh.strategy)) return undefined;
    const settings = this.settings.get('gateway')!;
    return this.add('ingress-gateway', 'ingress-gateway', settings, 'mesh:gateway', undefined);
  }

  /**
   * A waypoint Deployment per ambient service that asks for one, its pods scheduled after
   * the services' (as applied after them); a pod that fits on no node is left out, and a
   * service whose waypoint has no pod is called without it.
   */
  private waypoints(): Map<Service, WaypointPool> {
    const pools = new Map<Service, WaypointPool>();
    const settings = this.settings.get('waypoint')!;
    const { requests } = this.scenario.mesh.waypoint.resources;
    for (const [name, config] of Object.entries(this.scenario.services)) {
      if (meshStrategyOf(this.scenario, name) !== 'ambient' || config.mesh?.waypoint !== true)
        continue;
      const group = `${name}-waypoint`;
      const proxies: MeshProxy[] = [];
      for (let i = 0; i < this.scenario.mesh.waypoint.replicas; i++) {
        const node = this.topology.scheduler.schedule(podRequests(group, requests));
        if (node === undefined) continue;
        proxies.push(this.add(`${group}-${i}`, group, settings, `svc:${group}@${i}`, node));
      }
      if (proxies.length > 0)
        pools.set(this.topology.services.get(name)!, new WaypointPool(proxies));
    }
    return pools;
  }

  private add(
    name: string,
    group: string,
    settings: ProxySettings,
    stream: string,
    node: ClusterNode | undefined,
    pod?: Pod,
  ): MeshProxy {
    const next = this.streams.stream(stream).next;
    const proxy = new MeshProxy(name, group, settings, next, (done) =>
      this.cpuOf(node, settings, done),
    );
    this.placed.push(pod === undefined ? { proxy, node } : { proxy, node, pod });
    return proxy;
  }

  /**
   * Its container on its node's CFS scheduler, with its own weight and quota. Under fifo,
   * and for the gateway (no modelled node), it has cores of its own: one per worker.
   */
  private cpuOf(
    node: ClusterNode | undefined,
    settings: ProxySettings,
    done: (burst: CpuBurst) => void,
  ): ProxyCpu {
    const cfs = node === undefined ? undefined : this.topology.cfsOf(node);
    if (cfs !== undefined) return cfs.addPod(settings.cpuRequest, settings.cpuLimit, done);
    const period = this.scenario.cluster.cpuCfsQuotaPeriod;
    const own = new CfsNodeCpu(this.sim, settings.workers, period, () => {});
    return own.addPod(settings.cpuRequest, settings.cpuLimit, done);
  }

  private nodeNamed(name: string): ClusterNode {
    return this.topology.nodes.find((node) => node.name === name)!;
  }
}

/** Whether any caller or callee of the scenario runs under a strategy with proxies. */
export function meshHasProxies(scenario: Scenario): boolean {
  const strategies: MeshStrategy[] = [
    scenario.mesh.strategy,
    ...Object.keys(scenario.services).map((name) => meshStrategyOf(scenario, name)),
  ];
  return strategies.some(hasProxies);
}
