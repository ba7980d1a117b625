import type { Scenario } from '../scenario/schema.js';
import {
  type ClusterNode,
  fits,
  nonZeroMemoryBytes,
  nonZeroMilliCpu,
  type PodRequests,
} from './cluster.js';

export type SchedulerConfig = Scenario['cluster']['scheduler'];

/** kube-scheduler's framework.MaxNodeScore: every score plugin scores a node 0-100. */
const MAX_NODE_SCORE = 100;

/**
 * The system default constraints of PodTopologySpread (podtopologyspread/plugin.go):
 * soft (ScheduleAnyway), maxSkew 3 across nodes, 5 across zones.
 */
const HOSTNAME_MAX_SKEW = 3;
const ZONE_MAX_SKEW = 5;

/**
 * Picks a node for a pod as kube-scheduler's default profile does
 * (pkg/scheduler/apis/config/v1/default_plugins.go; docs/nodes.md works the numbers):
 *
 * 1. Filter: the nodes where the pod's requests fit in what is left of their allocatable
 *    CPU and memory and a pod slot is free (NodeResourcesFit, the kubelet's maxPods).
 * 2. Score each remaining node, in integers as kube-scheduler does, and weigh:
 *    NodeResourcesFit (LeastAllocated or MostAllocated) × 1, NodeResourcesBalancedAllocation
 *    × 1, PodTopologySpread (the default soft constraints) × 2.
 * 3. Take the highest total; a tie goes to one of the tied nodes at random (selectHost's
 *    reservoir sampling picks each with equal chance), drawn from `nextUniform`.
 *
 * With one feasible node, kube-scheduler skips scoring and so does this. Returns undefined
 * when the pod fits nowhere: it stays Pending.
 */
export function chooseNode(
  nodes: readonly ClusterNode[],
  pod: PodRequests,
  config: SchedulerConfig,
  nextUniform: () => number,
): ClusterNode | undefined {
  const feasible = nodes.filter((node) => fits(node, pod));
  if (feasible.length <= 1) return feasible[0];
  const { weights } = config;
  const spread = spreadScores(feasible, nodes, pod);
  const totals = feasible.map(
    (node, i) =>
      weights.NodeResourcesFit * fitScore(node, pod, config.scoringStrategy) +
      weights.NodeResourcesBalancedAllocation * balancedScore(node, pod) +
      weights.PodTopologySpread * spread[i]!,
  );
  const best = Math.max(...totals);
  const tied = feasible.filter((_, i) => totals[i] === best);
  return tied.length === 1 ? tied[0] : tied[Math.floor(nextUniform() * tied.length)];
}

/**
 * NodeResourcesFit's score (least_allocated.go, most_allocated.go): per resource, the share
 * of allocatable left free (LeastAllocated) or taken (MostAllocated) once the pod is there,
 * on 0-100 in integer arithmetic, then the mean of CPU and memory (weights 1 and 1).
 * Requests count with their non-zero defaults.
 *
 * Worked example: a 500m / 256Mi pod on an m5.large (EKS allocatable 1930m, 7518Mi) that
 * already holds 1000m and 1Gi: CPU (1930 − 1500) × 100 / 1930 = 22, memory
 * (7518 − 1280) × 100 / 7518 = 82, LeastAllocated score (22 + 82) / 2 = 52.
 */
export function fitScore(
  node: ClusterNode,
  pod: PodRequests,
  strategy: SchedulerConfig['scoringStrategy'],
): number {
  const cpu = [node.nonZeroMilliCpuRequested + nonZeroMilliCpu(pod), node.allocatableMilliCpu];
  const memory = [
    node.nonZeroMemoryBytesRequested + nonZeroMemoryBytes(pod),
    node.allocatableMemoryBytes,
  ];
  const score = strategy === 'LeastAllocated' ? leastRequested : mostRequested;
  return Math.floor((score(cpu[0]!, cpu[1]!) + score(memory[0]!, memory[1]!)) / 2);
}

function leastRequested(requested: number, allocatable: number): number {
  if (allocatable === 0 || requested > allocatable) return 0;
  return Math.floor(((allocatable - requested) * MAX_NODE_SCORE) / allocatable);
}

function mostRequested(requested: number, allocatable: number): number {
  if (allocatable === 0) return 0;
  return Math.floor((Math.min(requested, allocatable) * MAX_NODE_SCORE) / allocatable);
}

/**
 * NodeResourcesBalancedAllocation (balanced_allocation.go): 100 × (1 − the standard
 * deviation of the CPU and memory fractions requested once the pod is there), which for two
 * resources is |cpu − memory| / 2; truncated. A pod that requests nothing skips it (0).
 * Example: fractions 0.78 and 0.17 → 100 × (1 − 0.305) = 69.
 */
export function balancedScore(node: ClusterNode, pod: PodRequests): number {
  if (pod.milliCpu === 0 && pod.memoryBytes === 0) return 0;
  const cpu = fraction(node.milliCpuRequested + pod.milliCpu, node.allocatableMilliCpu);
  const memory = fraction(node.memoryBytesRequested + pod.memoryBytes, node.allocatableMemoryBytes);
  return Math.trunc((1 - Math.abs(cpu - memory) / 2) * MAX_NODE_SCORE);
}

function fraction(requested: number, allocatable: number): number {
  return allocatable === 0 ? 0 : Math.min(1, requested / allocatable);
}

/**
 * PodTopologySpread's score under its system default constraints (scoring.go), for the
 * feasible nodes in order: for each node, the pods of the same service on it (hostname,
 * maxSkew 3) and in its zone (maxSkew 5; every node of the zone counts, feasible or not).
 *
 * Worked example: three nodes in three zones, one frontend pod on node a. Weights: hostname
 * ln(3 + 2) = 1.609, zone ln(3 + 2) = 1.609. Raw: a = round(1.609 + 2 + 1.609 + 4) = 9,
 * b = c = round(0 + 2 + 0 + 4) = 6. Normalized: a = 100 × (9 + 6 − 9) / 9 = 66, b = c = 100.
 */
export function spreadScores(
  feasible: readonly ClusterNode[],
  all: readonly ClusterNode[],
  pod: PodRequests,
): number[] {
  if (pod.service === undefined) return feasible.map(() => 0);
  const service = pod.service;
  const zones = new Set(feasible.map((node) => node.zone));
  const inZone = new Map<string, number>();
  for (const node of all) {
    if (!zones.has(node.zone)) continue;
    const pods = node.servicePods.get(service) ?? 0;
    inZone.set(node.zone, (inZone.get(node.zone) ?? 0) + pods);
  }
  const hostname = { maxSkew: HOSTNAME_MAX_SKEW, domains: feasible.length };
  const zone = { maxSkew: ZONE_MAX_SKEW, domains: zones.size };
  return normalizeSpread(
    feasible.map((node) =>
      rawSpreadScore([
        { ...hostname, matching: node.servicePods.get(service) ?? 0 },
        { ...zone, matching: inZone.get(node.zone)! },
      ]),
    ),
  );
}

/** One soft constraint as a node sees it: matching pods in its domain, of how many domains. */
export interface SpreadTerm {
  matching: number;
  maxSkew: number;
  domains: number;
}

/**
 * A node's raw score: Σ matching × ln(domains + 2) + (maxSkew − 1), rounded (scoreForCount,
 * topologyNormalizingWeight). The weight keeps a topology with few domains from being
 * drowned by one with many; maxSkew − 1 waters down small differences.
 */
export function rawSpreadScore(terms: readonly SpreadTerm[]): number {
  let score = 0;
  for (const t of terms) score += t.matching * Math.log(t.domains + 2) + (t.maxSkew - 1);
  return Math.round(score);
}

/**
 * NormalizeScore: the fewest matching pods score 100, the rest 100 × (max + min − s) / max,
 * in integers. kube-scheduler's own test ("system defaulting, nodes don't have zone"): pods
 * spread 4/3/2/1 over four nodes give raw 9, 7, 6, 4 and scores 44, 66, 77, 100.
 */
export function normalizeSpread(raw: readonly number[]): number[] {
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  if (max === 0) return raw.map(() => MAX_NODE_SCORE);
  return raw.map((score) => Math.floor((MAX_NODE_SCORE * (max + min - score)) / max));
}
