import type { Distribution } from '../engine/distributions/distribution.js';
import { RandomStreams } from '../engine/random.js';
import { Simulation } from '../engine/simulation.js';
import { CallStats } from '../metrics/call-stats.js';
import { FUNCTION_ENDPOINT } from '../scenario/function-schema.js';
import type { CallConfig, Scenario, ServiceConfig } from '../scenario/schema.js';
import { READY } from './cluster/endpoint-slice.js';
import type { FargateTaskRecord } from './cluster/fargate-task.js';
import type { NodeCpuFactory } from './cluster/live-cluster.js';
import { buildNodes, type ClusterNode } from './cluster.js';
import { CfsNodeCpu } from './cpu/cfs-node-cpu.js';
import type { BurstDone } from './cpu/cpu-scheduler.js';
import { FifoCpuPool } from './cpu/fifo-cpu.js';
import { DistributionCache } from './distribution-cache.js';
import { KubeScheduler } from './kube-scheduler.js';
import { createPodPicker, type LoadBalancerPolicy, zoneAwarePicker } from './load-balancer.js';
import { bindMeshDaemonSets } from './mesh/proxy/mesh-requests.js';
import { meshClientSettings } from './mesh/proxy/proxy-settings.js';
import {
  anyCallerAppliesPolicies,
  callerPolicyFactory,
} from './mesh/resilience/caller-policies.js';
import { policyPushOf } from './mesh/routing/policy-push.js';
import { serviceRouting } from './mesh/routing/service-routing.js';
import { routedServices, versionBehavior, versionSpecs } from './mesh/routing/versions.js';
import { meshStrategyOf } from './mesh/strategy.js';
import { type PodPlacement, placeServices, SCHEDULER_STREAM } from './placement.js';
import { Pod } from './pod.js';
import { addAsyncEndpoints, queueServices } from './serverless/events/queue-services.js';
import { functionServices } from './serverless/function-services.js';
import { type CallTarget, Endpoint, Service, type Step } from './service.js';
import { AttemptStats } from './traffic/attempt-stats.js';
import { type ClientSettings, ServiceClients } from './traffic/clients.js';
import type { PoolSettings } from './traffic/connection-pool.js';
import { EdgeTransfer } from './transfers.js';

/** One caller → callee edge: its calls' stats and the bytes it carried. */
export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly stats: CallStats;
  readonly transfer: EdgeTransfer;
  /** its attempts; `stats` counts its logical calls */
  readonly attempts: AttemptStats;
}

/** A pod that fits on no node at the start, of which version of its service. */
export interface PendingPod {
  readonly name: string;
  readonly service: string;
  readonly version: string;
}

/** The compiled system: nodes, services with their placed pods, and every edge's stats. */
export interface Topology {
  readonly nodes: ClusterNode[];
  readonly services: Map<string, Service>;
  /** Issue 13: the functions, each as a service of one endpoint whose pods are its instances */
  readonly functions: Map<string, Service>;
  /** Issue 13: the queues, each as a service of one endpoint, `send` (serverless/events/) */
  readonly queues: Map<string, Service>;
  readonly edges: Map<string, TopologyEdge>;
  /** Pods that fit on no node: they stay Pending and never serve. */
  readonly pendingPods: PendingPod[];
  /** A call target for a client outside the cluster (the workload's entry). */
  entryTarget(serviceName: string, endpointName: string): CallTarget;
  /** A call target from a queue or an asynchronous queue (`from`) to a function. */
  eventTarget(from: string, functionName: string): CallTarget;
  /** kube-scheduler as placement left it, for pods created during the run */
  readonly scheduler: KubeScheduler;
  /** the nodes it places pods on: `nodes` less those removed during the run */
  readonly schedulableNodes: ClusterNode[];
  /** Fargate pods' nodes by name, one per pod and none of `nodes`, with when each task started (fargate-task.ts) */
  readonly fargateNodes: Map<string, FargateTaskRecord>;
  /** the CPU of a pod bound to a node (a node's CFS scheduler is made when first needed) */
  readonly nodeCpu: NodeCpuFactory;
  /** a node's CFS scheduler, for a mesh's proxy containers; undefined under fifo */
  readonly cfsOf: (node: ClusterNode) => CfsNodeCpu | undefined;
}

/**
 * Where the run puts the pods, for `explain` and `validate`: the same placement code (it
 * uses no randomness), with a CPU no burst will ever reach.
 */
export function placePods(scenario: Scenario): Topology {
  return buildTopology(
    scenario,
    new RandomStreams(scenario.seed),
    new DistributionCache(),
    new Simulation(),
    () => {},
  );
}

export function buildTopology(
  scenario: Scenario,
  streams: RandomStreams,
  distributions: DistributionCache,
  sim: Simulation,
  cpuDone: BurstDone,
): Topology {
  const nodes = buildNodes(scenario.cluster);
  bindMeshDaemonSets(scenario, nodes);
  const services = new Map<string, Service>();
  const pendingPods: PendingPod[] = [];
  const cfsOf = cfsSchedulers(scenario.cluster, sim, cpuDone);
  const nodeCpu = nodeCpuFactory(scenario.cluster, sim, cpuDone, cfsOf);
  const placements = new Map<string, PodPlacement[]>();
  const schedulableNodes = [...nodes];
  const fargateNodes = new Map<string, FargateTaskRecord>();
  const nextUniform = streams.stream(SCHEDULER_STREAM).next;
  const scheduler = new KubeScheduler(schedulableNodes, scenario.cluster.scheduler, nextUniform);
  for (const placement of placeServices(scenario, nodes, nextUniform, scheduler)) {
    if (placement.node?.task !== undefined)
      fargateNodes.set(placement.node.name, {
        node: placement.node,
        service: placement.service,
        startMs: 0,
      });
    const ofService = placements.get(placement.service);
    if (ofService === undefined) placements.set(placement.service, [placement]);
    else ofService.push(placement);
  }
  const policies = anyCallerAppliesPolicies(scenario);
  const routed = routedServices(scenario);
  for (const [name, config] of Object.entries(scenario.services)) {
    const policy = createPodPicker(config.loadBalancer, streams.stream(`svc:${name}:lb`));
    const service = new Service(
      name,
      config.holdWorkerWhileWaiting,
      config.zoneAwareRouting
        ? zoneAwarePicker(policy, streams.stream(`svc:${name}:zone`).next)
        : policy,
      config.onClientGone === 'cancel',
    );
    services.set(name, service);
    addEndpoints(service, config, streams, distributions);
    if (config.versions !== undefined) service.versionStats = versionStatsOf(config.versions);
    addPods(service, config, placements.get(name) ?? [], nodeCpu, pendingPods, distributions);
    // Routing lives in each caller's proxy: a routed service has a client per caller.
    const routing = routed.has(name)
      ? serviceRouting(scenario, name, sim, streams, distributions)
      : undefined;
    service.routes = routing?.routes;
    const meshed = meshClientSettings(meshStrategyOf(scenario, name), scenario.mesh, config);
    if (
      perCaller(config, scenario.cluster.kubeProxyMode) ||
      meshed !== undefined ||
      routing !== undefined
    )
      service.clients = new ServiceClients(
        services.size - 1,
        name,
        service.endpointSlice,
        {
          ...clientSettings(
            config,
            distributions.get(scenario.cluster.endpointPropagation),
            scenario.cluster.kubeProxyMode,
            meshed,
          ),
          policyFor: policies ? callerPolicyFactory(scenario, name, streams, sim) : undefined,
          routing,
          policyPush: policyPushOf(scenario, name, streams, distributions),
        },
        streams,
        sim,
      );
  }
  const functions = functionServices(scenario, streams, distributions);
  addAsyncEndpoints(scenario, functions, streams, distributions);
  const queues = queueServices(scenario, streams, distributions);
  const edges = new Map<string, TopologyEdge>();
  const target = (
    from: string,
    call: Omit<CallConfig, 'kind'>,
    callerPods: readonly Pod[] | undefined,
  ): CallTarget => {
    const service =
      services.get(call.service) ?? functions.get(call.service) ?? queues.get(call.service)!;
    const key = `${from}>${call.service}`;
    let edge = edges.get(key);
    if (edge === undefined) {
      const stats = new CallStats({ windowLatency: false });
      edge = {
        from,
        to: call.service,
        stats,
        transfer: new EdgeTransfer(),
        attempts: new AttemptStats(),
      };
      edges.set(key, edge);
    }
    const endpoint = service.endpoints.get(call.endpoint)!;
    return {
      service,
      endpoint,
      probability: call.probability,
      edge: edge.stats,
      attempts: edge.attempts,
      timeoutMs: call.timeout,
      networkNext: streams.stream(`net:${key}`).next,
      transfer: edge.transfer,
      sizes: endpoint.sizes,
      callerPods,
    };
  };
  for (const [name, config] of Object.entries(scenario.services)) {
    const service = services.get(name)!;
    for (const [endpointName, endpointConfig] of Object.entries(config.endpoints)) {
      service.endpoints.get(endpointName)!.steps = endpointConfig.calls.map(
        (step): Step =>
          step.kind === 'call'
            ? { kind: 'call', target: target(name, step, service.readyPods) }
            : {
                kind: 'parallel',
                branches: step.branches.map((b) => target(name, b, service.readyPods)),
              },
      );
    }
  }
  for (const [name, config] of Object.entries(scenario.functions ?? {})) {
    functions.get(name)!.endpoints.get(FUNCTION_ENDPOINT)!.steps = config.calls.map(
      (step): Step =>
        step.kind === 'call'
          ? { kind: 'call', target: target(name, step, undefined) }
          : { kind: 'parallel', branches: step.branches.map((b) => target(name, b, undefined)) },
    );
  }
  return {
    nodes,
    services,
    functions,
    queues,
    edges,
    pendingPods,
    entryTarget: (service, endpoint) =>
      target('client', { service, endpoint, probability: 1 }, undefined),
    eventTarget: (from, service) =>
      target(from, { service, endpoint: FUNCTION_ENDPOINT, probability: 1 }, undefined),
    scheduler,
    schedulableNodes,
    fargateNodes,
    nodeCpu,
    cfsOf,
  };
}

/** Each node's CFS scheduler, made when first needed; none under fifo. */
function cfsSchedulers(
  cluster: Scenario['cluster'],
  sim: Simulation,
  cpuDone: BurstDone,
): (node: ClusterNode) => CfsNodeCpu | undefined {
  const schedulers = new Map<ClusterNode, CfsNodeCpu>();
  return (node) => {
    if (cluster.cpuScheduler !== 'cfs') return undefined;
    let cpu = schedulers.get(node);
    if (cpu === undefined) {
      cpu = new CfsNodeCpu(sim, podCores(node), cluster.cpuCfsQuotaPeriod, cpuDone);
      schedulers.set(node, cpu);
    }
    return cpu;
  };
}

/** Per-version call stats, one per declared version (their latency merged at the end is not needed: each is its own). */
function versionStatsOf(versions: object): Map<string, CallStats> {
  return new Map(Object.keys(versions).map((v) => [v, new CallStats({ windowLatency: false })]));
}

/**
 * A client per caller: asked for (the default), or implied by kube-proxy in IPVS mode (its
 * picks are per caller node).
 */
function perCaller(config: ServiceConfig, kubeProxyMode: 'iptables' | 'ipvs'): boolean {
  if (config.clients === 'per-caller') return true;
  return kubeProxyMode === 'ipvs' && config.loadBalancer === 'kube-proxy';
}

function clientSettings(
  config: ServiceConfig,
  propagation: Distribution,
  kubeProxyMode: 'iptables' | 'ipvs',
  /** a mesh's proxies' balancer and connections (mesh/proxy/proxy-settings.ts) */
  meshed: { policy: LoadBalancerPolicy; pool: PoolSettings | undefined } | undefined,
): ClientSettings {
  const { connections } = config;
  return {
    policy: meshed?.policy ?? config.loadBalancer,
    zoneAwareRouting: config.zoneAwareRouting,
    propagation,
    kubeProxyMode,
    connections:
      connections === undefined
        ? meshed?.pool
        : {
            protocol: connections.protocol === 'http1' ? 'http1' : 'http2',
            maxConnections: connections.maxConnections,
            idleTimeoutMs: connections.idleTimeout,
            maxConnectionAgeMs: connections.maxConnectionAge,
            maxConnectionAgeGraceMs: connections.maxConnectionAgeGrace,
          },
  };
}

function addEndpoints(
  service: Service,
  config: ServiceConfig,
  streams: RandomStreams,
  distributions: DistributionCache,
): void {
  for (const [name, endpoint] of Object.entries(config.endpoints)) {
    const stream = (purpose: string) =>
      streams.stream(`svc:${service.name}:${name}:${purpose}`).next;
    service.endpoints.set(
      name,
      new Endpoint(
        service.name,
        name,
        distributions.get(endpoint.cpu),
        endpoint.errorRate,
        stream('cpu'),
        stream('error'),
        stream('calls'),
        {
          request: distributions.get(endpoint.requestSize),
          response: distributions.get(endpoint.responseSize),
          next: stream('size'),
        },
      ),
    );
  }
}

/**
 * CFS (the default): one scheduler per node that every pod on it shares, weighted by
 * request, limits as quotas. FIFO: a pod with a limit gets a pool of cores of its own, the
 * others share their node's pool.
 */
function nodeCpuFactory(
  cluster: Scenario['cluster'],
  sim: Simulation,
  cpuDone: BurstDone,
  cfsOf: (node: ClusterNode) => CfsNodeCpu | undefined,
): NodeCpuFactory {
  if (cluster.cpuScheduler === 'cfs')
    return (node, request, limit) => cfsOf(node)!.addPod(request, limit);
  const pools = new Map<ClusterNode, FifoCpuPool>();
  return (node, _request, limit) => {
    if (limit !== undefined) return new FifoCpuPool(sim, limit, cpuDone).addPod();
    let pool = pools.get(node);
    if (pool === undefined) {
      pool = new FifoCpuPool(sim, node.cpuCores, cpuDone);
      pools.set(node, pool);
    }
    return pool.addPod();
  };
}

/**
 * The cores a node's pods share under cfs: its allocatable CPU (capacity less kube-reserved,
 * system-reserved: what the kubelet gives the kubepods cgroup its weight from) less what its
 * DaemonSets' agents use. No scenario can give pods more cores than the node has.
 */
export function podCores(node: ClusterNode): number {
  return Math.max(0, node.allocatableMilliCpu / 1000 - node.daemonCpuCores);
}

/** Creates the service's pods where the scheduler placed them; a pod that fits nowhere stays Pending. */
function addPods(
  service: Service,
  config: ServiceConfig,
  placed: readonly PodPlacement[],
  nodeCpu: NodeCpuFactory,
  pendingPods: PendingPod[],
  distributions: DistributionCache,
): void {
  const versions = new Map(versionSpecs(config).map((v) => [v.name, v]));
  const behaviors = new Map(
    [...versions.keys()].map((v) => [v, versionBehavior(service, config, v, distributions)]),
  );
  for (const { name, node, version } of placed) {
    if (node === undefined) {
      pendingPods.push({ name, service: service.name, version });
      continue;
    }
    const { requests, limits } = versions.get(version)!.resources;
    const pod = new Pod(
      name,
      service.name,
      node.name,
      node.zone,
      config.concurrency,
      config.queueLimit,
      nodeCpu(node, requests.cpu, limits.cpu),
      requests.cpu,
      limits.cpu,
    );
    pod.versionName = version;
    pod.version = behaviors.get(version);
    pod.versionStats = service.versionStats?.get(version);
    service.pods.push(pod);
    service.readyPods.push(pod);
    service.endpointSlice.set(pod, READY);
  }
}
