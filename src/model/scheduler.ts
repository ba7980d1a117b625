import type { ClusterNode } from './cluster.js';

export type SchedulingStrategy = 'LeastAllocated' | 'MostAllocated';

export interface PodRequests {
  cpu: number;
  memoryBytes: number;
}

/**
 * Picks a node for a pod the way kube-scheduler's NodeResourcesFit plugin scores them:
 * filter the nodes where the requests still fit, then score each by the mean of its CPU and
 * memory allocation after placement. LeastAllocated prefers the emptiest node (spreading),
 * MostAllocated the fullest (bin packing). Ties go to the first node in declaration order,
 * so placement is deterministic. Returns undefined when the pod fits nowhere (Pending).
 *
 * Worked example: nodes A (2 CPU, 1 requested) and B (2 CPU, 0 requested), same memory;
 * a 500m pod scores A = 0.75, B = 0.25: LeastAllocated picks B, MostAllocated picks A.
 */
export function chooseNode(
  nodes: readonly ClusterNode[],
  pod: PodRequests,
  strategy: SchedulingStrategy,
): ClusterNode | undefined {
  let best: ClusterNode | undefined;
  let bestScore = 0;
  for (const node of nodes) {
    if (!fits(node, pod)) continue;
    const score = allocationAfter(node, pod);
    const better = strategy === 'LeastAllocated' ? score < bestScore : score > bestScore;
    if (best === undefined || better) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}

/** Records the pod's requests on its node. */
export function bindPod(node: ClusterNode, pod: PodRequests): void {
  node.cpuRequested += pod.cpu;
  node.memoryRequested += pod.memoryBytes;
  node.pods++;
}

function fits(node: ClusterNode, pod: PodRequests): boolean {
  // A small epsilon so that 4 × 500m fits exactly on 2 cores despite float rounding.
  const epsilon = 1e-9;
  return (
    node.cpuRequested + pod.cpu <= node.cpuCores + epsilon &&
    node.memoryRequested + pod.memoryBytes <= node.memoryBytes + epsilon
  );
}

function allocationAfter(node: ClusterNode, pod: PodRequests): number {
  const cpu = (node.cpuRequested + pod.cpu) / node.cpuCores;
  const memory = (node.memoryRequested + pod.memoryBytes) / node.memoryBytes;
  return (cpu + memory) / 2;
}
