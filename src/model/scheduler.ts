import type { Scenario } from '../scenario/schema.js';
import {
  type ClusterNode,
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
 * Scores the feasible nodes for a pod as kube-scheduler's default profile does
 * (pkg/scheduler/apis/config/v1/default_plugins.go; docs/nodes.md works the numbers), in
 * integers as kube-scheduler does, and weighs them: NodeResourcesFit (LeastAllocated or
 * MostAllocated) × 1, NodeResourcesBalancedAllocation × 1, PodTopologySpread (the default
 * soft constraints) × 2. The highest total wins; a tie goes to one of the tied nodes at
 * random (selectHost's reservoir sampling picks each with equal chance), drawn from
 * `nextUniform`. `podsInZone` counts the pod's service in a zone over every node, feasible
 * or not, as PodTopologySpread's PreScore does.
 */
export function chooseNode(
  feasible: readonly ClusterNode[],
  pod: PodRequests,
  config: SchedulerConfig,
  nextUniform: () => number,
  podsInZone: (zone: string) => number,
): ClusterNode | undefined {
  if (feasible.length <= 1) return feasible[0];
  const { weights } = config;
  const spread = spreadScores(feasible, podsInZone, pod);
  const totals = feasible.map(
    (node, i) =>
      weights.NodeResourcesFit * fitScore(node, pod, config.scoringStrategy) +
      weights.NodeResourcesBalancedAllocation * balancedScore(node, pod) +
      weights.PodTopologySpread * spread[i]!,
  );
  let best = -Infinity;
  for (const total of totals) if (total > best) best = total;
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
  const score = strategy === 'LeastAllocated' ? leastRequested : mostRequested;
  const cpu = score(node.nonZeroMilliCpuRequested + nonZeroMilliCpu(pod), node.allocatableMilliCpu);
  const memory = score(
    node.nonZeroMemoryBytesRequested + nonZeroMemoryBytes(pod),
    node.allocatableMemoryBytes,
  );
  return Math.floor((cpu + memory) / 2);
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
  podsInZone: (zone: string) => number,
  pod: PodRequests,
): number[] {
  if (pod.service === undefined) return feasible.map(() => 0);
  const service = pod.service;
  const zones = new Set(feasible.map((node) => node.zone));
  const raw = feasible.map((node) =>
    Math.round(
      spreadTerm(node.servicePods.get(service) ?? 0, HOSTNAME_MAX_SKEW, feasible.length) +
        spreadTerm(podsInZone(node.zone), ZONE_MAX_SKEW, zones.size),
    ),
  );
  return normalizeSpread(raw);
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
  for (const t of terms) score += spreadTerm(t.matching, t.maxSkew, t.domains);
  return Math.round(score);
}

/** One constraint's part of a node's raw score (spreadScores calls it without allocating). */
function spreadTerm(matching: number, maxSkew: number, domains: number): number {
  return matching * Math.log(domains + 2) + (maxSkew - 1);
}

/**
 * NormalizeScore: the fewest matching pods score 100, the rest 100 × (max + min − s) / max,
 * in integers. kube-scheduler's own test ("system defaulting, nodes don't have zone"): pods
 * spread 4/3/2/1 over four nodes give raw 9, 7, 6, 4 and scores 44, 66, 77, 100.
 */
export function normalizeSpread(raw: readonly number[]): number[] {
  let max = -Infinity;
  let min = Infinity;
  for (const score of raw) {
    if (score > max) max = score;
    if (score < min) min = score;
  }
  if (max === 0) return raw.map(() => MAX_NODE_SCORE);
  return raw.map((score) => Math.floor((MAX_NODE_SCORE * (max + min - score)) / max));
}
