import { feasibleNodesToFind } from '../scenario/nodes-to-score.js';
import { bindPod, type ClusterNode, fits, type PodRequests } from './cluster.js';
import { chooseNode, type SchedulerConfig } from './scheduler.js';

/**
 * One scheduling cycle per pod, as kube-scheduler runs it: filter the nodes starting where
 * the last cycle stopped (nextStartNodeIndex, so every node gets its turn), stop once enough
 * feasible nodes are found, score those (scheduler.ts), bind the pod to the winner.
 *
 * Looking at a bounded sample of a large cluster is kube-scheduler's own rule and also what
 * keeps placement near linear in pods: 150,000 pods on 5,000 nodes score 500 nodes each.
 * The pods of each service in each zone are counted as pods are bound, so topology spread
 * does not rescan the cluster.
 */
export class KubeScheduler {
  private nextStartNodeIndex = 0;
  /** service → zone → pods of the service bound there */
  private readonly podsByZone = new Map<string, Map<string, number>>();

  /** `nodes` may change between cycles (nodes added and removed at run time). */
  constructor(
    private readonly nodes: readonly ClusterNode[],
    private readonly config: SchedulerConfig,
    private readonly nextUniform: () => number,
  ) {}

  /** Binds the pod to the chosen node, or returns undefined: it fits nowhere and stays Pending. */
  schedule(pod: PodRequests): ClusterNode | undefined {
    const feasible = this.findFeasibleNodes(pod);
    const zones = this.zonesOf(pod.service);
    const node = chooseNode(feasible, pod, this.config, this.nextUniform, (zone) =>
      zones === undefined ? 0 : (zones.get(zone) ?? 0),
    );
    if (node === undefined) return undefined;
    bindPod(node, pod);
    if (pod.service !== undefined) {
      const counts = zones ?? new Map<string, number>();
      counts.set(node.zone, (counts.get(node.zone) ?? 0) + 1);
      this.podsByZone.set(pod.service, counts);
    }
    return node;
  }

  /** The pod has left its node: topology spread no longer counts it there. */
  forget(pod: PodRequests, node: ClusterNode): void {
    const counts = this.zonesOf(pod.service);
    const left = (counts?.get(node.zone) ?? 0) - 1;
    if (counts !== undefined && left >= 0) counts.set(node.zone, left);
  }

  private zonesOf(service: string | undefined): Map<string, number> | undefined {
    return service === undefined ? undefined : this.podsByZone.get(service);
  }

  /** findNodesThatPassFilters, sequentially: the next `toFind` nodes the pod fits on. */
  private findFeasibleNodes(pod: PodRequests): ClusterNode[] {
    const { nodes } = this;
    const feasible: ClusterNode[] = [];
    const toFind = feasibleNodesToFind(nodes.length);
    let processed = 0;
    while (processed < nodes.length && feasible.length < toFind) {
      const node = nodes[(this.nextStartNodeIndex + processed) % nodes.length]!;
      processed++;
      if (fits(node, pod)) feasible.push(node);
    }
    if (nodes.length > 0)
      this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % nodes.length;
    return feasible;
  }
}
