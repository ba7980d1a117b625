import type { RandomStreams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { TimeIntegral } from '../../metrics/time-integral.js';
import type { RoutingConfig } from '../../scenario/routing-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import { buildNode, type ClusterNode, unbindPod } from '../cluster.js';
import type { PodCpu } from '../cpu/cpu-scheduler.js';
import { DeploymentController } from '../deploy/deployment-controller.js';
import type { RolloutListener, RolloutRecord } from '../deploy/rollout-record.js';
import type { DistributionCache } from '../distribution-cache.js';
import {
  NODE_MONITOR_GRACE_PERIOD_MS,
  UNREACHABLE_TOLERATION_MS,
  ZoneTainter,
} from '../faults/node-lifecycle.js';
import { createPodPicker, type LoadBalancerPolicy, zoneAwarePicker } from '../load-balancer.js';
import { bindMeshDaemonSets, withMeshRequests } from '../mesh/proxy/mesh-requests.js';
import { meshClientSettings } from '../mesh/proxy/proxy-settings.js';
import { RouteTable } from '../mesh/routing/route-table.js';
import { versionBehavior, versionSpecs } from '../mesh/routing/versions.js';
import { meshStrategyOf } from '../mesh/strategy.js';
import { Pod } from '../pod.js';
import type { Topology } from '../topology.js';
import type { Attempt } from '../traffic/attempt.js';
import type { ProbeRequest } from '../traffic/probe-request.js';
import type { ControlSurface, TemplateChange } from './control-surface.js';
import { FARGATE_PROVISIONING, fargateTaskNode, runsOnFargate } from './fargate-task.js';
import { Kubelet } from './kubelet.js';
import type { LifecycleListener } from './lifecycle-listener.js';
import { ManagedPod } from './managed-pod.js';
import { PodCalls } from './pod-calls.js';
import { changedTemplate, initialTemplate, versionTemplate } from './pod-template.js';
import { podsToDelete } from './pods-to-delete.js';
import { fanOutListener } from './recording-listener.js';
import { PodOrdinals, ReplicaSet } from './replica-set.js';

/** The CPU a pod placed on `node` runs on, given its request and limit. */
export type NodeCpuFactory = (
  node: ClusterNode,
  request: number,
  limit: number | undefined,
) => PodCpu;

export interface LiveClusterParts {
  readonly sim: Simulation;
  readonly scenario: Scenario;
  readonly topology: Topology;
  readonly streams: RandomStreams;
  readonly distributions: DistributionCache;
  readonly listener: LifecycleListener;
  /** fails a call in a pod that is killed (Traffic.cutCall) */
  readonly cutCall: (attempt: Attempt) => void;
  /** a readiness probe reaches its pod, or leaves it (Traffic.admitProbe, Traffic.dropProbe) */
  readonly admitProbe: (probe: ProbeRequest) => boolean;
  readonly dropProbe: (probe: ProbeRequest) => void;
  /** told of every pod bound during the run (the run's utilization counts it) */
  readonly podBound: (pod: Pod) => void;
  /** told of every pod gone during the run (its node's CPU may forget it, and its sidecar's) */
  readonly podGone?: (pod: Pod) => void;
  /** requests that have ended failed so far (a rollout counts those during it) */
  readonly failedRequests?: () => number;
}

/**
 * The cluster while it runs: its ReplicaSets, the scheduling of pods created during the run
 * (kube-scheduler's rules, kube-scheduler.ts; Pending while nothing fits, tried again when a
 * node joins or a pod's resources are released), nodes joining and leaving, and the kubelet.
 * Built only for a run that can change or that someone listens to: a static run has none.
 */
export class LiveCluster implements ControlSurface {
  private readonly kubelet: Kubelet;
  /** each service's ReplicaSets: one per version, in the order its versions are written */
  private readonly replicaSets = new Map<string, ReplicaSet[]>();
  private readonly byName = new Map<string, ManagedPod>();
  private readonly pending: ManagedPod[] = [];
  /** the nodes kube-scheduler may place pods on (the scheduler reads this array) */
  private readonly schedulable: ClusterNode[];
  private readonly podsOn = new Map<ClusterNode, Set<ManagedPod>>();
  /** removed nodes whose pods are still terminating */
  private readonly draining = new Set<ClusterNode>();
  private readonly nodesMade = new Map<string, number>();
  private readonly parts: LiveClusterParts;
  /** services run by a Deployment: those that have had a rollout or rollback */
  private readonly deployments: DeploymentController;
  /** failed nodes, each with the count of its failures so far (stale timeline steps skip) */
  private readonly failed = new Map<ClusterNode, number>();
  private readonly failures = new Map<ClusterNode, number>();
  private readonly tainter = new ZoneTainter();

  constructor(parts: LiveClusterParts) {
    this.deployments = new DeploymentController(
      {
        sim: parts.sim,
        replicaSetsOf: (service) => this.replicaSets.get(service)!,
        createReplicaSet: (service, from, change) => this.createReplicaSet(service, from, change),
        scaleReplicaSet: (rs, replicas) => {
          rs.desired = replicas;
          this.reconcile(rs);
        },
        oldPodsAlive: (service, except) => this.oldPodsAlive(service, except),
        failedRequests: parts.failedRequests ?? (() => 0),
        // An Argo Rollout's weight keeps the service's own match rules (a preview cohort).
        route: (service, split) =>
          this.setRouting(service, { ...parts.scenario.services[service]!.routing, split }),
      },
      (service) => parts.scenario.services[service]?.strategy,
    );
    this.parts = {
      ...parts,
      listener: fanOutListener(parts.listener, this.deployments.listener),
    };
    this.kubelet = new Kubelet(parts.sim, this.parts.listener, {
      podGone: (m) => this.podGone(m),
      cutCall: parts.cutCall,
      lifecycleDraws: (service) => parts.streams.stream(`pod:${service}:lifecycle`).next,
      admitProbe: parts.admitProbe,
      dropProbe: parts.dropProbe,
      probeDraws: (service) => parts.streams.stream(`pod:${service}:readiness-probe`).next,
      restartDraws: (service) => parts.streams.stream(`fault:${service}:restart`).next,
    });
    this.schedulable = parts.topology.schedulableNodes;
  }

  /** The cluster at t = 0, already running: every node added, every placed pod Ready. */
  start(trackCalls: boolean): void {
    const { topology, scenario, listener, distributions } = this.parts;
    for (const node of topology.nodes) {
      this.podsOn.set(node, new Set());
      listener.nodeAdded(node, 0);
    }
    for (const pool of scenario.cluster.nodePools) this.nodesMade.set(pool.name, pool.count);
    const nodeByName = new Map(topology.nodes.map((node) => [node.name, node]));
    for (const [name, { node }] of topology.fargateNodes) {
      nodeByName.set(name, node);
      this.podsOn.set(node, new Set());
    }
    for (const [name, config] of Object.entries(scenario.services)) {
      const service = topology.services.get(name)!;
      const ordinals = new PodOrdinals();
      const sets = versionSpecs(config).map((version) => {
        const template = withMeshRequests(
          scenario,
          name,
          config.versions === undefined
            ? initialTemplate(service, config, distributions)
            : versionTemplate(
                service,
                config,
                version.name,
                version.resources,
                versionBehavior(service, config, version.name, distributions),
                distributions,
              ),
        );
        return new ReplicaSet(service, config, template, version.replicas, ordinals);
      });
      this.replicaSets.set(name, sets);
      const setOf = (version: string) => sets.find((rs) => rs.template.version === version)!;
      for (const pod of service.pods) {
        if (trackCalls) pod.calls = new PodCalls(pod);
        const rs = setOf(pod.versionName);
        const { template } = rs;
        const m = new ManagedPod(
          pod,
          service,
          template,
          0,
          ordinals.take(ordinalOf(pod.name, name)),
        );
        m.owner = rs;
        m.node = nodeByName.get(pod.nodeName)!;
        m.readyAt = 0;
        rs.active.push(m);
        this.byName.set(pod.name, m);
        this.podsOn.get(m.node)!.add(m);
        this.kubelet.imageCached(m.node, template.image);
        listener.podCreated(pod, 'Ready', template.version, 0);
        listener.podBound(pod, m.node, 0);
        this.kubelet.alreadyReady(m);
      }
      for (const p of topology.pendingPods)
        if (p.service === name)
          this.createPod(setOf(p.version), ordinalOf(p.name, name), trackCalls);
    }
  }

  /** The ReplicaSet of a service's version; a service without versions has one. */
  private replicaSetOf(service: string, version: string | undefined): ReplicaSet {
    const sets = this.replicaSets.get(service)!;
    if (version === undefined) return sets[sets.length - 1]!;
    return sets.find((rs) => rs.template.version === version) ?? sets[sets.length - 1]!;
  }

  scale(service: string, replicas: number, version?: string): void {
    if (this.deployments.manages(service)) {
      this.deployments.scale(service, replicas);
      return;
    }
    const rs = this.replicaSetOf(service, version);
    rs.desired = replicas;
    this.reconcile(rs);
  }

  setTemplate(service: string, change: TemplateChange): void {
    const rs = this.replicaSetOf(service, undefined);
    rs.template = withMeshRequests(
      this.parts.scenario,
      rs.service.name,
      changedTemplate(rs.service, rs.template, change, this.parts.distributions),
    );
  }

  addNodes(pool: string, count: number, provisioningDelayMs: number): void {
    this.parts.sim.schedule(provisioningDelayMs, this.nodesJoin, { pool, count });
  }

  removeNodes(pool: string, count: number): void {
    const newestFirst = this.schedulable.filter((node) => node.pool === pool).reverse();
    for (const node of newestFirst.slice(0, count)) this.removeNode(node);
  }

  deletePod(name: string): boolean {
    return this.stopAndReplace(name, true);
  }

  crashPod(name: string): boolean {
    return this.stopAndReplace(name, false);
  }

  setLoadBalancer(service: string, policy: LoadBalancerPolicy): void {
    const { streams, scenario, topology } = this.parts;
    // Proxies balance by their strategy's default where the policy names kube-proxy, as at
    // the start (meshClientSettings): kube-proxy is not on a proxied path.
    const config = scenario.services[service]!;
    const meshed = meshClientSettings(meshStrategyOf(scenario, service), scenario.mesh, {
      loadBalancer: policy,
      connections: config.connections,
    });
    topology.services.get(service)!.clients?.setPolicy(meshed?.policy ?? policy);
    const picker = createPodPicker(policy, streams.stream(`svc:${service}:lb`));
    topology.services.get(service)!.pickPod = scenario.services[service]!.zoneAwareRouting
      ? zoneAwarePicker(picker, streams.stream(`svc:${service}:zone`).next)
      : picker;
  }

  setRouting(service: string, routing: RoutingConfig): void {
    // Every service a setRouting names is routed from the start (routedServices).
    this.parts.topology.services.get(service)!.routes!.set(new RouteTable(routing));
  }

  breakPod(name: string, errorRate: number): boolean {
    const m = this.byName.get(name);
    if (m === undefined) return false;
    const next = this.parts.streams.stream(`pod:${name}:fault`).next;
    m.pod.fault = errorRate > 0 ? { errorRate, next } : undefined;
    return true;
  }

  drainNode(name: string): boolean {
    const node = this.schedulable.find((n) => n.name === name);
    if (node === undefined) return false;
    this.removeNode(node);
    return true;
  }

  /** The replicas a service's ReplicaSet wants (the HPA's currentReplicas: scale.spec.replicas). */
  replicasOf(service: string): number {
    // A Deployment's replicas, not its newest ReplicaSet's, which a rollout is still growing:
    // the HPA reads the Deployment's scale (horizontal.go: scale.Spec.Replicas).
    return this.deployments.replicasOf(service) ?? this.replicaSetOf(service, undefined).desired;
  }

  /** A service's pods that are not being deleted, as the HPA lists them. */
  podsOf(service: string): readonly ManagedPod[] {
    return this.replicaSets.get(service)!.flatMap((rs) => rs.active);
  }

  /** Pods on no node that kube-scheduler could not place (Fargate pods wait for no node). */
  unschedulablePods(): readonly ManagedPod[] {
    return this.pending;
  }

  /** The nodes kube-scheduler may place pods on (joined, not cordoned), with their pods. */
  schedulableNodes(): readonly { node: ClusterNode; pods: ReadonlySet<ManagedPod> }[] {
    return this.schedulable.map((node) => ({ node, pods: this.podsOn.get(node)! }));
  }

  private stopAndReplace(name: string, graceful: boolean): boolean {
    const m = this.byName.get(name);
    if (m === undefined || m.terminating) return false;
    this.stop(m, graceful);
    this.reconcile(m.owner!);
    return true;
  }

  /** As the ReplicaSet controller: create what is missing, delete what is too many. */
  private reconcile(rs: ReplicaSet): void {
    const missing = rs.desired - rs.active.length;
    if (missing < 0) {
      for (const m of podsToDelete(rs.active, -missing)) this.stop(m, true);
      return;
    }
    for (let i = 0; i < missing; i++) this.createPod(rs, rs.ordinals.next, true);
    if (missing > 0) this.schedulePending();
  }

  private createPod(rs: ReplicaSet, ordinal: number, trackCalls: boolean): void {
    const { service, config, template } = rs;
    rs.ordinals.take(ordinal);
    const pod = new Pod(
      `${service.name}-${ordinal}`,
      service.name,
      '',
      '',
      config.concurrency,
      config.queueLimit,
      UNBOUND_CPU,
      template.cpuRequest,
      template.cpuLimit,
    );
    pod.phase = 'Pending';
    pod.ready = false;
    pod.version = template.behavior;
    pod.versionName = template.version;
    pod.versionStats = service.versionStats?.get(template.version);
    if (trackCalls) pod.calls = new PodCalls(pod);
    const m = new ManagedPod(pod, service, template, this.parts.sim.now, ordinal);
    m.owner = rs;
    rs.active.push(m);
    this.byName.set(pod.name, m);
    this.parts.listener.podCreated(pod, 'Pending', template.version, this.parts.sim.now);
    if (runsOnFargate(this.parts.scenario, service.name)) this.provisionTask(m, ordinal);
    else this.pending.push(m);
  }

  /**
   * A Fargate pod waits for its task's capacity (the provisioning time), then is bound to a
   * node of its own: kube-scheduler never sees it. Drawn from `pod:<service>:fargate`.
   */
  private provisionTask(m: ManagedPod, ordinal: number): void {
    const { sim, scenario, distributions, streams } = this.parts;
    const spec = scenario.cluster.fargate?.provisioning ?? FARGATE_PROVISIONING;
    const next = streams.stream(`pod:${m.service.name}:fargate`).next;
    sim.schedule(distributions.get(spec).sample(next), this.taskReady, { m, ordinal });
  }

  private readonly taskReady = ({ m, ordinal }: { m: ManagedPod; ordinal: number }): void => {
    // Deleted while its task was provisioned: the task is never used.
    if (this.byName.get(m.pod.name) !== m || m.terminating) return;
    const node = fargateTaskNode(
      this.parts.scenario.cluster,
      m.pod.name,
      ordinal,
      m.template.requests,
    );
    if (node === undefined) return;
    this.parts.topology.fargateNodes.set(node.name, {
      node,
      service: m.service.name,
      startMs: this.parts.sim.now,
    });
    this.podsOn.set(node, new Set());
    this.bind(m, node);
  };

  /** One scheduling cycle per Pending pod, oldest first; those that fit nowhere wait. */
  private schedulePending(): void {
    const waiting = this.pending.splice(0);
    for (const m of waiting) {
      const node = this.parts.topology.scheduler.schedule(m.template.requests);
      if (node === undefined) this.pending.push(m);
      else this.bind(m, node);
    }
  }

  private bind(m: ManagedPod, node: ClusterNode): void {
    const { pod, template } = m;
    m.node = node;
    pod.nodeName = node.name;
    pod.zone = node.zone;
    pod.cpu = this.parts.topology.nodeCpu(node, template.cpuRequest, template.cpuLimit);
    m.service.pods.push(pod);
    this.podsOn.get(node)!.add(m);
    this.parts.podBound(pod);
    this.parts.listener.podBound(pod, node, this.parts.sim.now);
    this.kubelet.start(m);
  }

  private stop(m: ManagedPod, graceful: boolean): void {
    m.owner!.release(m);
    if (m.node !== undefined && this.failed.has(m.node)) this.kubelet.evictFromDeadNode(m);
    else this.kubelet.terminate(m, graceful);
  }

  /** Called by the kubelet: the pod is gone; its node gets its requests back. */
  private podGone(m: ManagedPod): void {
    this.byName.delete(m.pod.name);
    this.parts.podGone?.(m.pod);
    for (const service of this.parts.topology.services.values()) service.clients?.forget(m.pod);
    const waiting = this.pending.indexOf(m);
    if (waiting >= 0) this.pending.splice(waiting, 1);
    const node = m.node;
    if (node === undefined) return;
    unbindPod(node, m.template.requests);
    if (node.task !== undefined) {
      // A Fargate pod's node goes with it, and no other pod waits for its capacity.
      this.podsOn.delete(node);
      return;
    }
    this.parts.topology.scheduler.forget(m.template.requests, node);
    const left = this.podsOn.get(node)!;
    left.delete(m);
    if (this.draining.has(node)) {
      if (left.size === 0) this.nodeGone(node);
    } else if (this.pending.length > 0) this.schedulePending();
  }

  private readonly nodesJoin = ({ pool, count }: { pool: string; count: number }): void => {
    const { scenario, topology, listener, sim } = this.parts;
    const config = scenario.cluster.nodePools.find((p) => p.name === pool)!;
    for (let i = 0; i < count; i++) {
      const index = this.nodesMade.get(pool)!;
      this.nodesMade.set(pool, index + 1);
      const node = buildNode(scenario.cluster, config, index);
      bindMeshDaemonSets(scenario, [node]);
      topology.nodes.push(node);
      this.schedulable.push(node);
      this.podsOn.set(node, new Set());
      listener.nodeAdded(node, sim.now);
    }
    this.schedulePending();
  };

  /** Cordon and drain: no new pods; its pods are evicted gracefully and replaced elsewhere. */
  private removeNode(node: ClusterNode): void {
    this.schedulable.splice(this.schedulable.indexOf(node), 1);
    this.draining.add(node);
    const evicted = [...this.podsOn.get(node)!];
    for (const m of evicted) this.stop(m, true);
    const touched = new Set(evicted.map((m) => m.owner!));
    for (const rs of touched) this.reconcile(rs);
    // With pods, the last one to go takes the node with it (podGone).
    if (evicted.length === 0) this.nodeGone(node);
  }

  private nodeGone(node: ClusterNode): void {
    this.draining.delete(node);
    this.parts.listener.nodeRemoved(node, this.parts.sim.now);
  }

  rollout(service: string, change: TemplateChange): void {
    this.deployments.rollout(service, change);
  }

  rollback(service: string): void {
    this.deployments.rollback(service);
  }

  addRolloutListener(listener: RolloutListener): void {
    this.deployments.addListener(listener);
  }

  promoteRollout(service: string): void {
    this.deployments.promote(service);
  }

  abortRollout(service: string): void {
    this.deployments.abort(service);
  }

  /** Every rollout of the run, in order of their start (rollouts.csv). */
  rollouts(): RolloutRecord[] {
    return this.deployments.records();
  }

  /** A Deployment's new revision: a ReplicaSet of 0 replicas, after the service's others. */
  private createReplicaSet(service: string, from: ReplicaSet, change: TemplateChange): ReplicaSet {
    const template = withMeshRequests(
      this.parts.scenario,
      service,
      changedTemplate(from.service, from.template, change, this.parts.distributions),
    );
    const rs = new ReplicaSet(from.service, from.config, template, 0, from.ordinals);
    this.replicaSets.get(service)!.push(rs);
    return rs;
  }

  /** Whether a pod of another of the service's ReplicaSets is still there (Recreate waits). */
  private oldPodsAlive(service: string, except: ReplicaSet): boolean {
    for (const m of this.byName.values())
      if (m.service.name === service && m.owner !== except) return true;
    return false;
  }

  restartContainer(name: string): boolean {
    const m = this.byName.get(name);
    if (m === undefined || (m.node !== undefined && this.failed.has(m.node))) return false;
    return this.kubelet.restartContainer(m);
  }

  failNode(name: string): number | undefined {
    const node = this.parts.topology.nodes.find((n) => n.name === name);
    if (node === undefined || this.failed.has(node) || !this.podsOn.has(node)) return undefined;
    const failure = (this.failures.get(node) ?? 0) + 1;
    this.failures.set(node, failure);
    this.failed.set(node, failure);
    const at = this.schedulable.indexOf(node);
    if (at >= 0) this.schedulable.splice(at, 1);
    const pods = this.podsOn.get(node)!;
    const affected = [...pods].filter((m) => !m.terminating).length;
    this.kubelet.nodeDown(node, pods);
    this.parts.sim.schedule(NODE_MONITOR_GRACE_PERIOD_MS, this.nodeNotReady, { node, failure });
    return affected;
  }

  restoreNode(name: string): boolean {
    const node = this.parts.topology.nodes.find((n) => n.name === name);
    if (node === undefined || !this.failed.has(node)) return false;
    this.failed.delete(node);
    if (!this.draining.has(node)) this.schedulable.push(node);
    this.kubelet.nodeUp(node, this.podsOn.get(node)!);
    if (this.pending.length > 0) this.schedulePending();
    return true;
  }

  /** Step 1 of node-lifecycle.ts: NotReady, its pods out of the endpoints; the taint queued. */
  private readonly nodeNotReady = (down: { node: ClusterNode; failure: number }): void => {
    if (this.failed.get(down.node) !== down.failure) return;
    for (const m of this.podsOn.get(down.node)!) this.kubelet.markNotReady(m);
    const { sim } = this.parts;
    const taintedAt = this.tainter.taintAt(down.node.zone, sim.now);
    sim.scheduleAt(taintedAt + UNREACHABLE_TOLERATION_MS, this.evictUnreachable, down);
  };

  /** Steps 2-3: the pods' toleration of the unreachable taint is over: deleted, replaced. */
  private readonly evictUnreachable = (down: { node: ClusterNode; failure: number }): void => {
    if (this.failed.get(down.node) !== down.failure) return;
    const evicted = [...this.podsOn.get(down.node)!].filter((m) => !m.terminating);
    for (const m of evicted) this.stop(m, true);
    for (const rs of new Set(evicted.map((m) => m.owner!))) this.reconcile(rs);
  };
}

/** A Pending pod's CPU: it runs nothing until it is bound to a node. */
const UNBOUND_CPU: PodCpu = {
  speed: 1,
  busyCores: new TimeIntegral(),
  throttling: undefined,
  run() {
    throw new Error('a pod that is not on a node cannot run work');
  },
  cancel() {
    throw new Error('a pod that is not on a node has no work to cancel');
  },
};

function ordinalOf(podName: string, service: string): number {
  return Number(podName.slice(service.length + 1));
}
