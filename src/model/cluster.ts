import type { Scenario } from '../scenario/schema.js';
import type { FargateTaskSize } from './cost/fargate-billing.js';

/**
 * A node: capacity, what pods may request of it (allocatable), price, and what the
 * scheduler has placed on it. Requests are kept in whole millicores and bytes, as the
 * Kubernetes API holds them, so that the scheduler's integer scores come out as
 * kube-scheduler's do.
 */
export interface ClusterNode {
  readonly name: string;
  readonly pool: string;
  readonly zone: string;
  readonly cpuCores: number;
  readonly memoryBytes: number;
  readonly pricePerHourUsd: number;
  /** capacity less kube-reserved, system-reserved and the eviction threshold (docs/nodes.md) */
  readonly allocatableMilliCpu: number;
  readonly allocatableMemoryBytes: number;
  /** most pods the kubelet admits, DaemonSet pods included */
  readonly maxPods: number;
  /**
   * CPU the DaemonSets' agents use on this node, in cores: a constant background load,
   * recorded here for the CPU model to take off the node's cores.
   */
  daemonCpuCores: number;
  /** requests of every pod on the node (DaemonSet pods included), in cores and bytes */
  cpuRequested: number;
  memoryRequested: number;
  pods: number;
  /** the same requests in whole millicores and bytes, and with kube-scheduler's non-zero defaults */
  milliCpuRequested: number;
  memoryBytesRequested: number;
  nonZeroMilliCpuRequested: number;
  nonZeroMemoryBytesRequested: number;
  /** pods of each service on the node: what topology spreading counts */
  readonly servicePods: Map<string, number>;
  /** a Fargate pod's node: the task size it was given (src/model/cluster/fargate-task.ts) */
  readonly task?: FargateTaskSize;
}

/**
 * Creates the nodes of every pool, each with one pod of every DaemonSet. A pool's nodes go
 * round-robin over its zones (or the cluster's), as managed node groups spread over
 * availability zones. The semantic checks have made sure the DaemonSets fit every pool.
 */
export function buildNodes(cluster: Scenario['cluster']): ClusterNode[] {
  const nodes: ClusterNode[] = [];
  for (const pool of cluster.nodePools) {
    for (let i = 0; i < pool.count; i++) nodes.push(buildNode(cluster, pool, i));
  }
  return nodes;
}

/** What a node is before anything runs on it: every request and pod count at zero. */
type NodeShape = Omit<
  ClusterNode,
  | 'daemonCpuCores'
  | 'cpuRequested'
  | 'memoryRequested'
  | 'pods'
  | 'milliCpuRequested'
  | 'memoryBytesRequested'
  | 'nonZeroMilliCpuRequested'
  | 'nonZeroMemoryBytesRequested'
  | 'servicePods'
>;

/** A node of this shape with nothing on it yet (a pool's node, or a Fargate task's). */
export function emptyNode(shape: NodeShape): ClusterNode {
  return {
    ...shape,
    daemonCpuCores: 0,
    cpuRequested: 0,
    memoryRequested: 0,
    pods: 0,
    milliCpuRequested: 0,
    memoryBytesRequested: 0,
    nonZeroMilliCpuRequested: 0,
    nonZeroMemoryBytesRequested: 0,
    servicePods: new Map(),
  };
}

/** The pool's node number `index` (named `<pool>-<index>`), with its DaemonSet pods. */
export function buildNode(
  cluster: Scenario['cluster'],
  pool: Scenario['cluster']['nodePools'][number],
  index: number,
): ClusterNode {
  const zones = pool.zones ?? cluster.zones;
  const node = emptyNode({
    name: `${pool.name}-${index}`,
    pool: pool.name,
    zone: zones[index % zones.length]!,
    cpuCores: pool.cpuCores,
    memoryBytes: pool.memoryBytes,
    pricePerHourUsd: pool.pricePerHourUsd,
    allocatableMilliCpu: Math.round(pool.allocatable.cpuCores * 1000),
    allocatableMemoryBytes: Math.floor(pool.allocatable.memoryBytes),
    maxPods: pool.maxPods,
  });
  for (const daemon of Object.values(cluster.daemonSets)) {
    bindPod(node, podRequests(undefined, daemon.requests));
    node.daemonCpuCores += daemon.cpuUsage;
  }
  return node;
}

/** A pod as the scheduler sees it: its service (none for a DaemonSet's) and its requests. */
export interface PodRequests {
  readonly service: string | undefined;
  readonly milliCpu: number;
  readonly memoryBytes: number;
}

/** Requests in the API's whole units: CPU has no precision finer than 1m. */
export function podRequests(
  service: string | undefined,
  requests: { cpu: number; memory: number },
): PodRequests {
  return {
    service,
    milliCpu: Math.round(requests.cpu * 1000),
    memoryBytes: Math.round(requests.memory),
  };
}

/**
 * kube-scheduler scores a pod that requests nothing as if it requested 100m CPU and 200 MiB
 * (pkg/scheduler/util: DefaultMilliCPURequest, DefaultMemoryRequest), so that such pods
 * still spread.
 */
export const NON_ZERO_DEFAULT_MILLI_CPU = 100;
export const NON_ZERO_DEFAULT_MEMORY_BYTES = 200 * 2 ** 20;

export function nonZeroMilliCpu(pod: PodRequests): number {
  return pod.milliCpu === 0 ? NON_ZERO_DEFAULT_MILLI_CPU : pod.milliCpu;
}

export function nonZeroMemoryBytes(pod: PodRequests): number {
  return pod.memoryBytes === 0 ? NON_ZERO_DEFAULT_MEMORY_BYTES : pod.memoryBytes;
}

/** Records the pod on its node. */
export function bindPod(node: ClusterNode, pod: PodRequests): void {
  node.milliCpuRequested += pod.milliCpu;
  node.memoryBytesRequested += pod.memoryBytes;
  node.nonZeroMilliCpuRequested += nonZeroMilliCpu(pod);
  node.nonZeroMemoryBytesRequested += nonZeroMemoryBytes(pod);
  node.cpuRequested = node.milliCpuRequested / 1000;
  node.memoryRequested = node.memoryBytesRequested;
  node.pods++;
  if (pod.service !== undefined)
    node.servicePods.set(pod.service, (node.servicePods.get(pod.service) ?? 0) + 1);
}

/** The pod is gone from its node: its requests no longer count against it. */
export function unbindPod(node: ClusterNode, pod: PodRequests): void {
  node.milliCpuRequested -= pod.milliCpu;
  node.memoryBytesRequested -= pod.memoryBytes;
  node.nonZeroMilliCpuRequested -= nonZeroMilliCpu(pod);
  node.nonZeroMemoryBytesRequested -= nonZeroMemoryBytes(pod);
  node.cpuRequested = node.milliCpuRequested / 1000;
  node.memoryRequested = node.memoryBytesRequested;
  node.pods--;
  if (pod.service !== undefined) {
    const left = (node.servicePods.get(pod.service) ?? 0) - 1;
    if (left > 0) node.servicePods.set(pod.service, left);
    else node.servicePods.delete(pod.service);
  }
}

/** NodeResourcesFit's filter: the requests fit in what is left of allocatable, and a pod slot is free. */
export function fits(node: ClusterNode, pod: PodRequests): boolean {
  return (
    node.pods < node.maxPods &&
    node.milliCpuRequested + pod.milliCpu <= node.allocatableMilliCpu &&
    node.memoryBytesRequested + pod.memoryBytes <= node.allocatableMemoryBytes
  );
}
