import type { DistributionSpec } from '../../engine/distributions/spec.js';
import type { Scenario } from '../../scenario/schema.js';
import { bindPod, type ClusterNode, emptyNode, type PodRequests } from '../cluster.js';
import { fargateTaskSize } from '../cost/fargate-billing.js';

/**
 * Per-task containers (EKS on Fargate, docs/cost.md): each pod of a `compute: fargate`
 * service runs on capacity of its own, which Kubernetes sees as a node holding that one
 * pod (EKS names them fargate-ip-...). The node is sized as Fargate sizes the task: the
 * pod's requests (its sidecar's included: EKS adds up the pod's containers) plus 256 MB for
 * kubelet, kube-proxy and containerd, rounded up to the next vCPU/memory combination. Its
 * CPU is the task's vCPUs, shared with no other pod; the pod's limit still applies as a CFS
 * quota. It runs no DaemonSet (Fargate runs none), holds no image cache (every task pulls
 * its image), is not one of the cluster's nodes (nodes.csv, node billing, kube-scheduler)
 * and is billed per task (fargate-billing.ts).
 */

const GiB = 2 ** 30;

/**
 * How long a Fargate pod waits for its capacity before its image pull starts, when the
 * scenario does not say (cluster.fargate.provisioning). AWS publishes no figure; users
 * report 30-45 s for the node to be created and registered, then the image pull
 * (aws/containers-roadmap#649).
 */
export const FARGATE_PROVISIONING: DistributionSpec = {
  kind: 'lognormal',
  median: 35_000,
  p99: 60_000,
};

/** The pool name a Fargate pod's node reports (it belongs to no node pool). */
export const FARGATE_POOL = 'fargate';

/** A Fargate pod's node and when its task started (its capacity was there), for its bill. */
export interface FargateTaskRecord {
  readonly node: ClusterNode;
  readonly service: string;
  readonly startMs: number;
}

/** The name of a Fargate pod's node: one node per pod, named after it. */
export function fargateNodeName(podName: string): string {
  return `fargate-${podName}`;
}

/** Whether the service's pods run on Fargate. */
export function runsOnFargate(scenario: Scenario, service: string): boolean {
  return scenario.services[service]?.compute === 'fargate';
}

/**
 * The node a Fargate pod runs on, its pod bound to it; undefined when no task is large
 * enough (the scenario checks refuse that). Zones: EKS places each Fargate pod in one of
 * its profile's subnets; spread over the cluster's zones in turn, by the pod's ordinal.
 */
export function fargateTaskNode(
  cluster: Scenario['cluster'],
  podName: string,
  ordinal: number,
  pod: PodRequests,
): ClusterNode | undefined {
  const size = fargateTaskSize({ cpuCores: pod.milliCpu / 1000, memoryBytes: pod.memoryBytes });
  if (size === undefined) return undefined;
  const memoryBytes = Math.round(size.memoryGb * GiB);
  const node = emptyNode({
    name: fargateNodeName(podName),
    pool: FARGATE_POOL,
    zone: cluster.zones[ordinal % cluster.zones.length]!,
    cpuCores: size.vcpu,
    memoryBytes,
    pricePerHourUsd: 0,
    allocatableMilliCpu: Math.round(size.vcpu * 1000),
    allocatableMemoryBytes: memoryBytes,
    maxPods: 1,
    task: size,
  });
  bindPod(node, pod);
  return node;
}
