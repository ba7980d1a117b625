import { INSTANCE_TYPES } from './instance-types.js';

/**
 * What a managed Kubernetes keeps of each node for itself, so that pods can be scheduled
 * only on the rest: node allocatable = capacity − kube-reserved − system-reserved − the
 * hard eviction threshold (memory.available), and a maximum number of pods per node.
 * The formulas are the providers' own; docs/nodes.md cites each source and works examples.
 *
 * - eks: the EKS AMI's nodeadm (awslabs/amazon-eks-ami, nodeadm/internal/kubelet/config.go
 *   and eni_max_pods.go). Max pods = ENIs × (IPv4 per ENI − 1) + 2 for the instance type
 *   (110 when the type is not in the table); kube-reserved CPU = 6% of the first core, 1%
 *   of the second, 0.5% of the third and fourth, 0.25% of every core above four; kube-reserved
 *   memory = 11 MiB × max pods + 255 MiB; eviction at memory.available < 100Mi; no
 *   system-reserved. An m5.large: 29 pods, 70m CPU and 574 MiB reserved.
 * - gke: GKE's published table as the cluster autoscaler predicts it
 *   (kubernetes/autoscaler, cluster-autoscaler/cloudprovider/gke/reserved.go): the same CPU
 *   brackets; memory 255 MiB under 1 GB, else 25% of the first 4 GB, 20% of the next 4, 10%
 *   of the next 8, 6% of the next 112, 2% above 128 GB, with GKE's "GB" = 1000 MiB; eviction
 *   at 100Mi; 110 pods.
 * - aks: AKS 1.29+ (MicrosoftDocs/azure-aks-docs, articles/aks/node-resource-reservations.md):
 *   kube-reserved CPU from the published table (60m for 1 core, 100m for 2, 140m for 4, 180m
 *   for 8, 260m for 16, 420m for 32, 740m for 64; in between, on the line through the
 *   neighbours); memory = min(20 MiB × max pods + 50 MiB, 25% of the node); eviction at
 *   100Mi; 250 pods (Azure CNI Overlay's default, concepts-network-ip-address-planning.md).
 * - none: the kubelet's own defaults: nothing reserved, no eviction threshold counted, 110
 *   pods: the whole node is allocatable (textbook and self-managed clusters).
 */

export const PROVIDERS = ['eks', 'gke', 'aks', 'none'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** A node's capacity, as the instance type or the pool gives it. */
export interface NodeCapacity {
  cpuCores: number;
  memoryBytes: number;
  /** the instance type's name, when the pool names one (EKS's max pods depend on it) */
  instanceType?: string;
}

/** CPU in cores and memory in bytes. */
export interface ResourceAmounts {
  cpu: number;
  memory: number;
}

/** What a node keeps from pods, by its kubelet's names. */
export interface NodeReservations {
  maxPods: number;
  kubeReserved: ResourceAmounts;
  systemReserved: ResourceAmounts;
  /** the hard eviction threshold on memory.available, in bytes */
  evictionHard: number;
}

const MiB = 2 ** 20;
/** The kubelet's default maxPods (KubeletConfiguration), and EKS's fallback. */
const KUBELET_DEFAULT_MAX_PODS = 110;
/** Azure CNI Overlay's default max pods per node. */
const AKS_DEFAULT_MAX_PODS = 250;
/** memory.available < 100Mi: the hard eviction threshold EKS, GKE and AKS (1.29+) set. */
const EVICTION_HARD_100Mi = 100 * MiB;
const NOTHING: ResourceAmounts = { cpu: 0, memory: 0 };

/** The provider's reservations for a node; `maxPods` overrides its default and feeds its formulas. */
export function providerReservations(
  provider: Provider,
  node: NodeCapacity,
  maxPods?: number,
): NodeReservations {
  const pods = maxPods ?? defaultMaxPods(provider, node);
  const millicores = Math.round(node.cpuCores * 1000);
  switch (provider) {
    case 'eks':
      return {
        maxPods: pods,
        kubeReserved: {
          cpu: eksReservedMillicores(millicores) / 1000,
          memory: eksReservedMiB(pods) * MiB,
        },
        systemReserved: NOTHING,
        evictionHard: EVICTION_HARD_100Mi,
      };
    case 'gke':
      return {
        maxPods: pods,
        kubeReserved: {
          cpu: gkeReservedMillicores(millicores) / 1000,
          memory: gkeReservedMiB(Math.floor(node.memoryBytes / MiB)) * MiB,
        },
        systemReserved: NOTHING,
        evictionHard: EVICTION_HARD_100Mi,
      };
    case 'aks':
      return {
        maxPods: pods,
        kubeReserved: {
          cpu: aksReservedMillicores(node.cpuCores) / 1000,
          memory: aksReservedMiB(pods, node.memoryBytes) * MiB,
        },
        systemReserved: NOTHING,
        evictionHard: EVICTION_HARD_100Mi,
      };
    case 'none':
      return { maxPods: pods, kubeReserved: NOTHING, systemReserved: NOTHING, evictionHard: 0 };
  }
}

/** What pods may request of a node: capacity less everything the node keeps. */
export function allocatableOf(capacity: NodeCapacity, reserved: NodeReservations) {
  return {
    cpuCores: capacity.cpuCores - reserved.kubeReserved.cpu - reserved.systemReserved.cpu,
    memoryBytes:
      capacity.memoryBytes -
      reserved.kubeReserved.memory -
      reserved.systemReserved.memory -
      reserved.evictionHard,
  };
}

function defaultMaxPods(provider: Provider, node: NodeCapacity): number {
  if (provider === 'aks') return AKS_DEFAULT_MAX_PODS;
  if (provider !== 'eks' || node.instanceType === undefined) return KUBELET_DEFAULT_MAX_PODS;
  const type = INSTANCE_TYPES[node.instanceType];
  return type === undefined ? KUBELET_DEFAULT_MAX_PODS : eksMaxPods(type.enis, type.ipv4PerEni);
}

/** nodeadm's calculateStandardMaxPods: each ENI keeps its primary address; +2 host-network pods. */
export function eksMaxPods(enis: number, ipv4PerEni: number): number {
  return enis * (ipv4PerEni - 1) + 2;
}

/**
 * nodeadm's getCPUMillicoresToReserve, in integer millicores as it computes them:
 * 2000m → 60 + 10 = 70m; 4000m → 80m; 8000m → 90m; 16000m → 110m.
 */
export function eksReservedMillicores(capacityMillicores: number): number {
  const edges = [0, 1000, 2000, 4000, capacityMillicores];
  const hundredthsOfPercent = [600, 100, 50, 25];
  let reserved = 0;
  hundredthsOfPercent.forEach((rate, i) => {
    const start = edges[i]!;
    if (capacityMillicores <= start) return;
    const end = Math.min(capacityMillicores, edges[i + 1]!);
    reserved += Math.floor(((end - start) * rate) / 10000);
  });
  return reserved;
}

/** nodeadm's getMemoryMebibytesToReserve: 29 pods (m5.large) → 574 MiB. */
export function eksReservedMiB(maxPods: number): number {
  return 11 * maxPods + 255;
}

/** The autoscaler's cpuReservedMillicores for GKE: marginal rates, truncated at the end. */
export function gkeReservedMillicores(capacityMillicores: number): number {
  return bracketed(capacityMillicores, [
    [0, 0.06],
    [1000, 0.01],
    [2000, 0.005],
    [4000, 0.0025],
  ]);
}

/**
 * The autoscaler's memoryReservedMiB for GKE, with its "GB" of 1000 MiB (it duplicates
 * GKE's own rounding so that its predictions match real nodes): 8 GiB = 8192 MiB →
 * 1000 + 800 + 19.2 = 1819 MiB.
 */
export function gkeReservedMiB(capacityMiB: number): number {
  const GB = 1000;
  if (capacityMiB <= 0) return 0;
  if (capacityMiB <= GB) return 255;
  return bracketed(capacityMiB, [
    [0, 0.25],
    [4 * GB, 0.2],
    [8 * GB, 0.1],
    [16 * GB, 0.06],
    [128 * GB, 0.02],
  ]);
}

/** Each rate applies to the capacity between its threshold and the next; the sum is truncated. */
function bracketed(capacity: number, brackets: readonly (readonly [number, number])[]): number {
  let reserved = 0;
  brackets.forEach(([threshold, rate], i) => {
    const next = brackets[i + 1]?.[0];
    const top = next !== undefined && next < capacity ? next : capacity;
    if (top > threshold) reserved += (top - threshold) * rate;
  });
  return Math.trunc(reserved);
}

/** AKS's published kube-reserved CPU (millicores) by core count. */
const AKS_CPU_TABLE: readonly (readonly [number, number])[] = [
  [1, 60],
  [2, 100],
  [4, 140],
  [8, 180],
  [16, 260],
  [32, 420],
  [64, 740],
];

/**
 * AKS's table, read on the line through the two neighbouring rows (above 4 cores the table
 * is exactly 100m + 10m per core, so the line reproduces it), and extended by that line
 * beyond 64 cores; below one core, 60m.
 */
export function aksReservedMillicores(cores: number): number {
  if (cores <= 1) return 60;
  for (let i = 1; i < AKS_CPU_TABLE.length; i++) {
    const [upperCores, upperMilli] = AKS_CPU_TABLE[i]!;
    if (cores > upperCores) continue;
    const [lowerCores, lowerMilli] = AKS_CPU_TABLE[i - 1]!;
    const slope = (upperMilli - lowerMilli) / (upperCores - lowerCores);
    return Math.round(lowerMilli + slope * (cores - lowerCores));
  }
  return Math.round(100 + 10 * cores);
}

/** AKS 1.29+: the lesser of 20 MiB per pod + 50 MiB and 25% of the node's memory. */
export function aksReservedMiB(maxPods: number, memoryBytes: number): number {
  return Math.min(20 * maxPods + 50, Math.floor((0.25 * memoryBytes) / MiB));
}
