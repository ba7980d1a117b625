import type { RandomStreams } from '../engine/random.js';
import { CallStats } from '../metrics/call-stats.js';
import type { CallConfig, Scenario, ServiceConfig } from '../scenario/schema.js';
import { buildNodes, type ClusterNode } from './cluster.js';
import { CpuPool } from './cpu-pool.js';
import type { DistributionCache } from './distribution-cache.js';
import { createPodPicker } from './load-balancer.js';
import { Pod } from './pod.js';
import { placeReplicas } from './scheduler.js';
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

export function buildTopology(
  scenario: Scenario,
  streams: RandomStreams,
  distributions: DistributionCache,
): Topology {
  const nodes = buildNodes(scenario.cluster);
  const services = new Map<string, Service>();
  const pendingPods: { name: string; service: string }[] = [];
  const nodeCpu = new Map(nodes.map((node) => [node, new CpuPool(node.cpuCores)]));
  for (const [name, config] of Object.entries(scenario.services)) {
    const service = new Service(
      name,
      config.holdWorkerWhileWaiting,
      createPodPicker(config.loadBalancer, streams.stream(`svc:${name}:lb`)),
    );
    services.set(name, service);
    addEndpoints(service, config, streams, distributions);
    placePods(service, config, nodes, nodeCpu, scenario.cluster.scheduler, pendingPods);
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

/**
 * Places the service's replicas in order; a pod that fits nowhere stays Pending. A pod with
 * a CPU limit gets a CPU pool of its own; one without shares its node's pool.
 */
function placePods(
  service: Service,
  config: ServiceConfig,
  nodes: ClusterNode[],
  nodeCpu: Map<ClusterNode, CpuPool>,
  strategy: Scenario['cluster']['scheduler'],
  pendingPods: { name: string; service: string }[],
): void {
  const requests = {
    cpu: config.resources.requests.cpu,
    memoryBytes: config.resources.requests.memory,
  };
  const limit = config.resources.limits.cpu;
  const placed = placeReplicas(nodes, requests, config.replicas, strategy);
  for (const [i, node] of placed.entries()) {
    const name = `${service.name}-${i}`;
    if (node === undefined) {
      pendingPods.push({ name, service: service.name });
      continue;
    }
    const pod = new Pod(
      name,
      service.name,
      node.name,
      node.zone,
      config.concurrency,
      config.queueLimit,
      limit === undefined ? nodeCpu.get(node)! : new CpuPool(limit),
      requests.cpu,
      limit,
    );
    service.pods.push(pod);
    service.readyPods.push(pod);
  }
}
