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

/**
 * Places `count` replicas with the same requests, one after another, exactly as calling
 * chooseNode and bindPod for each would, but in O(nodes + count × log nodes) instead of
 * O(count × nodes): 150,000 pods on 5,000 nodes (Kubernetes' documented largest cluster)
 * took 83 s one scan per pod. Placing a replica changes only its node's score, so the nodes
 * sit in a heap ordered as chooseNode prefers them (best score, then declaration order),
 * and only that node moves; a node the requests no longer fit leaves the heap for good
 * (nothing is removed from a node while a service is placed).
 *
 * An index into `nodes` per replica, or undefined for a replica that stays Pending.
 */
export function placeReplicas(
  nodes: readonly ClusterNode[],
  pod: PodRequests,
  count: number,
  strategy: SchedulingStrategy,
): (ClusterNode | undefined)[] {
  // A node without CPU or memory scores NaN, which orders nothing: scan as chooseNode does.
  if (nodes.some((node) => !(node.cpuCores > 0 && node.memoryBytes > 0))) {
    return Array.from({ length: count }, () => {
      const node = chooseNode(nodes, pod, strategy);
      if (node !== undefined) bindPod(node, pod);
      return node;
    });
  }
  const heap = new NodeHeap(nodes, pod, strategy);
  const placed: (ClusterNode | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const node = heap.best();
    placed.push(node);
    if (node === undefined) continue;
    bindPod(node, pod);
    heap.bestChanged();
  }
  return placed;
}

/** The nodes a pod fits on, best first: a binary heap on (score, declaration order). */
class NodeHeap {
  private readonly entries: { node: ClusterNode; order: number; score: number }[];

  constructor(
    nodes: readonly ClusterNode[],
    private readonly pod: PodRequests,
    private readonly strategy: SchedulingStrategy,
  ) {
    this.entries = nodes
      .map((node, order) => ({ node, order, score: allocationAfter(node, pod) }))
      .filter(({ node }) => fits(node, pod));
    for (let i = (this.entries.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  best(): ClusterNode | undefined {
    return this.entries[0]?.node;
  }

  /** The best node just took a pod: rescore it, or drop it if the next one no longer fits. */
  bestChanged(): void {
    const top = this.entries[0]!;
    if (fits(top.node, this.pod)) {
      top.score = allocationAfter(top.node, this.pod);
    } else {
      const last = this.entries.pop()!;
      if (this.entries.length === 0) return;
      this.entries[0] = last;
    }
    this.siftDown(0);
  }

  /** Whether entry a is preferred to entry b, as chooseNode's scan would prefer it. */
  private before(a: number, b: number): boolean {
    const x = this.entries[a]!;
    const y = this.entries[b]!;
    if (x.score !== y.score) {
      return this.strategy === 'LeastAllocated' ? x.score < y.score : x.score > y.score;
    }
    return x.order < y.order;
  }

  private siftDown(start: number): void {
    const { entries } = this;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < entries.length && this.before(left, best)) best = left;
      if (right < entries.length && this.before(right, best)) best = right;
      if (best === i) return;
      [entries[i], entries[best]] = [entries[best]!, entries[i]!];
      i = best;
    }
  }
}
