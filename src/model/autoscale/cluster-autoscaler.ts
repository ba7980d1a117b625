import type { AutoscalingSettings, PoolAutoscaling } from '../../scenario/autoscaling-schema.js';
import type { NodePoolConfig, Scenario } from '../../scenario/schema.js';
import type { ControlSurface } from '../cluster/control-surface.js';
import type { ManagedPod } from '../cluster/managed-pod.js';
import { bindPod, buildNode, type ClusterNode, fits, type PodRequests } from '../cluster.js';
import type { AutoscalingDecision } from './decisions.js';

/** What the cluster autoscaler reads of the cluster (LiveCluster's views). */
export interface ClusterView {
  unschedulablePods(): readonly ManagedPod[];
  schedulableNodes(): readonly { node: ClusterNode; pods: ReadonlySet<ManagedPod> }[];
}

interface AutoscaledPool {
  readonly config: NodePoolConfig;
  readonly limits: PoolAutoscaling;
  /** nodes asked for and not joined yet: when each joins */
  upcoming: number[];
}

/**
 * The cluster autoscaler (kubernetes/autoscaler cluster-autoscaler, FAQ "How does scale-up
 * work?" and "How does scale-down work?"), every --scan-interval:
 * - Scale-up: pods Pending because no node fits them trigger it; the pods are bin-packed
 *   (estimator binpacking) onto the nodes already asked for and then onto new nodes of the
 *   first autoscaled pool whose node would hold them (the expander: msasim takes the first
 *   pool in order where Kubernetes' default `random` picks one at random), up to maxNodes;
 *   the nodes join after the pool's provisioningDelay.
 * - Scale-down: a node of an autoscaled pool whose pods request less than
 *   --scale-down-utilization-threshold of its allocatable CPU and memory (the higher of the
 *   two), and whose pods would all fit on the other nodes, is unneeded; unneeded for
 *   --scale-down-unneeded-time, it is drained and deleted, one node per scan, not below
 *   minNodes, and none within --scale-down-delay-after-add of a scale-up.
 */
export class ClusterAutoscaler {
  private readonly pools: AutoscaledPool[];
  private readonly unneededSince = new Map<string, number>();
  private lastScaleUpMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly scenario: Scenario,
    private readonly settings: AutoscalingSettings,
    private readonly cluster: ClusterView,
    private readonly surface: ControlSurface,
  ) {
    this.pools = scenario.cluster.nodePools.flatMap((config) =>
      config.autoscaling === undefined
        ? []
        : [{ config, limits: config.autoscaling, upcoming: [] }],
    );
  }

  get active(): boolean {
    return this.pools.length > 0;
  }

  scan(nowMs: number): AutoscalingDecision[] {
    for (const pool of this.pools) pool.upcoming = pool.upcoming.filter((at) => at > nowMs);
    const up = this.scaleUp(nowMs);
    if (up.length > 0) return up;
    return this.scaleDown(nowMs);
  }

  private nodesOf(pool: string): ClusterNode[] {
    return this.cluster
      .schedulableNodes()
      .map((n) => n.node)
      .filter((node) => node.pool === pool);
  }

  private scaleUp(nowMs: number): AutoscalingDecision[] {
    const pending = this.cluster.unschedulablePods().map((m) => m.template.requests);
    if (pending.length === 0) return [];
    const decisions: AutoscalingDecision[] = [];
    let left = pending;
    for (const pool of this.pools) {
      const template = buildNode(this.scenario.cluster, pool.config, 0);
      const current = this.nodesOf(pool.config.name).length;
      const room = pool.limits.maxNodes - current - pool.upcoming.length;
      const { nodesNeeded, rest, limited } = binpack(left, template, pool.upcoming.length, room);
      left = rest;
      if (nodesNeeded > 0) {
        const delay = pool.limits.provisioningDelay;
        const before = current + pool.upcoming.length;
        this.surface.addNodes(pool.config.name, nodesNeeded, delay);
        for (let i = 0; i < nodesNeeded; i++) pool.upcoming.push(nowMs + delay);
        this.lastScaleUpMs = nowMs;
        decisions.push({
          timeMs: nowMs,
          controller: 'cluster-autoscaler',
          target: pool.config.name,
          metric: 'pending_pods',
          observed: pending.length,
          // nodes joined or asked for, before and after
          current: before,
          desired: before + nodesNeeded,
          stabilized: undefined,
          replicas: before + nodesNeeded,
          reason: limited ? 'ScaleUpLimitedByMaxNodes' : 'ScaleUp',
        });
      }
      if (left.length === 0) break;
    }
    return decisions;
  }

  private scaleDown(nowMs: number): AutoscalingDecision[] {
    const inCooldown = nowMs - this.lastScaleUpMs < this.settings.scaleDownDelayAfterAdd;
    const nodes = this.cluster.schedulableNodes();
    const candidates = new Set<string>();
    for (const pool of this.pools) {
      for (const { node, pods } of nodes) {
        if (node.pool !== pool.config.name) continue;
        const utilization = requestedShare(node);
        if (utilization >= this.settings.scaleDownUtilizationThreshold) continue;
        const others = nodes.filter((n) => n.node !== node).map((n) => copyOf(n.node));
        if (
          !allFit(
            [...pods].map((m) => m.template.requests),
            others,
          )
        )
          continue;
        candidates.add(node.name);
        if (!this.unneededSince.has(node.name)) this.unneededSince.set(node.name, nowMs);
      }
    }
    for (const name of [...this.unneededSince.keys()])
      if (!candidates.has(name)) this.unneededSince.delete(name);
    if (inCooldown) return [];
    for (const pool of this.pools) {
      const current = this.nodesOf(pool.config.name).length;
      if (current <= pool.limits.minNodes) continue;
      for (const { node } of nodes) {
        if (node.pool !== pool.config.name) continue;
        const since = this.unneededSince.get(node.name);
        if (since === undefined || nowMs - since < this.settings.scaleDownUnneededTime) continue;
        const utilization = requestedShare(node);
        this.surface.drainNode(node.name);
        this.unneededSince.delete(node.name);
        return [
          {
            timeMs: nowMs,
            controller: 'cluster-autoscaler',
            target: pool.config.name,
            metric: 'node_utilization',
            observed: Math.round(utilization * 1000) / 1000,
            current,
            desired: current - 1,
            stabilized: undefined,
            replicas: current - 1,
            reason: 'ScaleDown',
            node: node.name,
          },
        ];
      }
    }
    return [];
  }
}

/**
 * The requests on a node (DaemonSet pods included: --ignore-daemonsets-utilization false)
 * over its allocatable, the higher of CPU's and memory's (the cluster autoscaler's
 * utilization.Calculate).
 */
function requestedShare(node: ClusterNode): number {
  return Math.max(
    node.milliCpuRequested / node.allocatableMilliCpu,
    node.memoryBytesRequested / node.allocatableMemoryBytes,
  );
}

function copyOf(node: ClusterNode): ClusterNode {
  return { ...node, servicePods: new Map(node.servicePods) };
}

function allFit(pods: readonly PodRequests[], nodes: ClusterNode[]): boolean {
  for (const pod of pods) {
    const node = nodes.find((n) => fits(n, pod));
    if (node === undefined) return false;
    bindPod(node, pod);
  }
  return true;
}

/**
 * First-fit of the pending pods onto `upcoming` nodes already asked for, then onto new
 * ones (at most `room`). Pods that fit no node of this pool, or beyond `room`, are left.
 */
function binpack(
  pods: readonly PodRequests[],
  template: ClusterNode,
  upcoming: number,
  room: number,
): { nodesNeeded: number; rest: PodRequests[]; limited: boolean } {
  const nodes = Array.from({ length: upcoming }, () => copyOf(template));
  const rest: PodRequests[] = [];
  let nodesNeeded = 0;
  let limited = false;
  for (const pod of pods) {
    const onExisting = nodes.find((n) => fits(n, pod));
    if (onExisting !== undefined) {
      bindPod(onExisting, pod);
      continue;
    }
    const fresh = copyOf(template);
    if (!fits(fresh, pod) || nodesNeeded >= room) {
      limited ||= nodesNeeded >= room;
      rest.push(pod);
      continue;
    }
    bindPod(fresh, pod);
    nodes.push(fresh);
    nodesNeeded++;
  }
  return { nodesNeeded, rest, limited };
}
