/**
 * kube-scheduler's constants for how many nodes it looks at per pod (schedule_one.go):
 * at least 100 feasible nodes, and at least 5% of the cluster.
 */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes kube-scheduler finds before it stops filtering and scores them
 * (numFeasibleNodesToFind with percentageOfNodesToScore unset): every node below 100 nodes,
 * else an adaptive 50% − nodes/125 (5% at least) of them, and 100 at least. A cluster of
 * 5,000 nodes scores 500 per pod. The work estimate counts placement with it.
 */
export function feasibleNodesToFind(allNodes: number): number {
  if (allNodes < MIN_FEASIBLE_NODES_TO_FIND) return allNodes;
  const percentage = Math.max(
    MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND,
    50 - Math.trunc(allNodes / 125),
  );
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((allNodes * percentage) / 100));
}
