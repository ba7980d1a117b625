import { RandomStreams } from '../engine/random.js';
import { Simulation } from '../engine/simulation.js';
import { CallStats } from '../metrics/call-stats.js';
import type { CallConfig, Scenario, ServiceConfig } from '../scenario/schema.js';
import { buildNodes, type ClusterNode } from './cluster.js';
import { CfsNodeCpu } from './cpu/cfs-node-cpu.js';
import type { BurstDone, PodCpu } from './cpu/cpu-scheduler.js';
import { FifoCpuPool } from './cpu/fifo-cpu.js';
import { DistributionCache } from './distribution-cache.js';
import { createPodPicker } from './load-balancer.js';
import { Pod } from './pod.js';
import { bindPod, chooseNode } from './scheduler.js';
import { type CallTarget, Endpoint, Service, type Step } from './service.js';

/** The compiled system: nodes, services with their placed pods, and every edge's stats. */
export interface Topology {
  readonly nodes: ClusterNode[];
  readonly services: Map<string, Service>;
  readonly edges: Map<string, { from: string; to: string; stats: CallStats }>;
  /** Pods that fit on no node: they stay Pending and never serve. */
  readonly pendingPods: { name: string; service: string }[];
  /** A call target for a client outside the cluster (the workload's entry). */
  entryTarget(serviceName: string, endpointName: string): CallTarget;
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
  const services = new Map<string, Service>();
  const pendingPods: { name: string; service: string }[] = [];
  const nodeCpu = nodeCpuFactory(scenario.cluster, nodes, sim, cpuDone);
  for (const [name, config] of Object.entries(scenario.services)) {
    const service = new Service(
      name,
      config.holdWorkerWhileWaiting,
      createPodPicker(config.loadBalancer, streams.stream(`svc:${name}:lb`)),
    );
    services.set(name, service);
    addEndpoints(service, config, streams, distributions);
    placeReplicas(service, config, nodes, nodeCpu, scenario.cluster.scheduler, pendingPods);
  }
  const edges = new Map<string, { from: string; to: string; stats: CallStats }>();
  const target = (from: string, call: Omit<CallConfig, 'kind'>): CallTarget => {
    const service = services.get(call.service)!;
    const key = `${from}>${call.service}`;
    let edge = edges.get(key);
    if (edge === undefined) {
      edge = { from, to: call.service, stats: new CallStats({ windowLatency: false }) };
      edges.set(key, edge);
    }
    return {
      service,
      endpoint: service.endpoints.get(call.endpoint)!,
      probability: call.probability,
      edge: edge.stats,
      networkNext: streams.stream(`net:${key}`).next,
    };
  };
  for (const [name, config] of Object.entries(scenario.services)) {
    const service = services.get(name)!;
    for (const [endpointName, endpointConfig] of Object.entries(config.endpoints)) {
      service.endpoints.get(endpointName)!.steps = endpointConfig.calls.map(
        (step): Step =>
          step.kind === 'call'
            ? { kind: 'call', target: target(name, step) }
            : { kind: 'parallel', branches: step.branches.map((b) => target(name, b)) },
      );
    }
  }
  return {
    nodes,
    services,
    edges,
    pendingPods,
    entryTarget: (service, endpoint) => target('client', { service, endpoint, probability: 1 }),
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
      ),
    );
  }
}

/** The CPU a pod placed on `node` runs on, given its request and limit. */
type NodeCpuFactory = (node: ClusterNode, request: number, limit: number | undefined) => PodCpu;

/**
 * CFS (the default): one scheduler per node that every pod on it shares, weighted by
 * request, limits as quotas. FIFO: a pod with a limit gets a pool of cores of its own, the
 * others share their node's pool.
 */
function nodeCpuFactory(
  cluster: Scenario['cluster'],
  nodes: readonly ClusterNode[],
  sim: Simulation,
  cpuDone: BurstDone,
): NodeCpuFactory {
  if (cluster.cpuScheduler === 'cfs') {
    const schedulers = new Map(
      nodes.map((node) => [
        node,
        new CfsNodeCpu(sim, node.cpuCores, cluster.cpuCfsQuotaPeriod, cpuDone),
      ]),
    );
    return (node, request, limit) => schedulers.get(node)!.addPod(request, limit);
  }
  const pools = new Map(nodes.map((node) => [node, new FifoCpuPool(sim, node.cpuCores, cpuDone)]));
  return (node, _request, limit) =>
    (limit === undefined ? pools.get(node)! : new FifoCpuPool(sim, limit, cpuDone)).addPod();
}

/** Places the service's replicas in order; a pod that fits nowhere stays Pending. */
function placeReplicas(
  service: Service,
  config: ServiceConfig,
  nodes: ClusterNode[],
  nodeCpu: NodeCpuFactory,
  strategy: Scenario['cluster']['scheduler'],
  pendingPods: { name: string; service: string }[],
): void {
  const requests = {
    cpu: config.resources.requests.cpu,
    memoryBytes: config.resources.requests.memory,
  };
  const limit = config.resources.limits.cpu;
  for (let i = 0; i < config.replicas; i++) {
    const name = `${service.name}-${i}`;
    const node = chooseNode(nodes, requests, strategy);
    if (node === undefined) {
      pendingPods.push({ name, service: service.name });
      continue;
    }
    bindPod(node, requests);
    const pod = new Pod(
      name,
      service.name,
      node.name,
      node.zone,
      config.concurrency,
      config.queueLimit,
      nodeCpu(node, requests.cpu, limit),
      requests.cpu,
      limit,
    );
    service.pods.push(pod);
    service.readyPods.push(pod);
  }
}
