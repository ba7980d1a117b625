import type { EventHandle } from '../../engine/event-queue.js';
import type { Simulation } from '../../engine/simulation.js';
import type { DeploymentStrategyConfig } from '../../scenario/deployment-schema.js';
import {
  DEFAULT_PROGRESS_DEADLINE_SECONDS,
  DEFAULT_ROLLING_UPDATE,
} from '../../scenario/deployment-schema.js';
import type { TemplateChange } from '../cluster/control-surface.js';
import type { LifecycleListener, PodPhase } from '../cluster/lifecycle-listener.js';
import type { ManagedPod } from '../cluster/managed-pod.js';
import type { ReplicaSet } from '../cluster/replica-set.js';
import type { Pod } from '../pod.js';
import type { ArgoHost, ArgoRollout } from './argo-rollout.js';
import { BlueGreenRollout } from './blue-green.js';
import { CanaryRollout } from './canary-rollout.js';
import { RevisionMeter } from './revision-meter.js';
import {
  newRSNewReplicas,
  type ReplicaCounts,
  reconcileOldReplicaSets,
  resolveFenceposts,
} from './rolling-arithmetic.js';
import type { RolloutListener, RolloutOutcome, RolloutRecord } from './rollout-record.js';

/** What the Deployment controller needs from the cluster (live-cluster.ts). */
export interface DeploymentHost {
  readonly sim: Simulation;
  /** the service's ReplicaSets, oldest first */
  replicaSetsOf(service: string): readonly ReplicaSet[];
  /** a new ReplicaSet of 0 replicas whose template is `from`'s with the change */
  createReplicaSet(service: string, from: ReplicaSet, change: TemplateChange): ReplicaSet;
  /** sets a ReplicaSet's replicas; its controller creates or deletes pods at once */
  scaleReplicaSet(rs: ReplicaSet, replicas: number): void;
  /** whether a pod of one of the service's ReplicaSets other than `except` is not yet Gone */
  oldPodsAlive(service: string, except: ReplicaSet): boolean;
  /** requests that have ended failed so far */
  failedRequests(): number;
  /** the service's calls are split by version from now on (an Argo Rollout's traffic routing) */
  route(service: string, split: Record<string, number>): void;
}

/** Kubernetes' requeue of a stuck Deployment comes a second after its deadline (requeueStuckDeployment). */
const DEADLINE_CHECK_SKEW_MS = 1000;

/** A Deployment's status as util.DeploymentProgressing compares it. */
interface DeploymentStatus {
  replicas: number;
  updated: number;
  ready: number;
  available: number;
}

/** One service's Deployment: its revisions (ReplicaSets) and the rollout going on. */
class Deployment {
  /** revision numbers (the deployment.kubernetes.io/revision annotation) */
  readonly revisions = new Map<ReplicaSet, number>();
  rollout: RolloutRecord | undefined = undefined;
  newPods: Pod[] = [];
  /** what the new revision's pods had served when the rollout began (a rollback's had) */
  servedAtStart = 0;
  failedAtStart = 0;
  status: DeploymentStatus = { replicas: 0, updated: 0, ready: 0, available: 0 };
  progressAt = 0;
  deadline: EventHandle = -1;
  syncQueued = false;
  /** the Argo Rollouts strategy of its last rollout, still scaling what it must */
  argo: ArgoRollout | undefined = undefined;
  /** the new revision's calls under an Argo strategy (its analyses, rollouts.csv) */
  meter: RevisionMeter | undefined = undefined;

  constructor(
    readonly service: string,
    public newRS: ReplicaSet,
    public replicas: number,
    readonly strategy: DeploymentStrategyConfig,
  ) {
    this.revisions.set(newRS, 1);
  }

  get maxRevision(): number {
    return Math.max(...this.revisions.values());
  }
}

/**
 * The Deployment controller (kubernetes/kubernetes pkg/controller/deployment): a rollout
 * makes a new ReplicaSet (a revision) and moves replicas to it by the strategy; it syncs
 * again whenever one of its pods changes phase or becomes available (as the informers
 * requeue it), and after each scaling (its ReplicaSets' update events). docs/deployments.md.
 */
export class DeploymentController {
  private readonly deployments = new Map<string, Deployment>();
  private readonly finished: RolloutRecord[] = [];
  private readonly listeners: RolloutListener[] = [];

  constructor(
    private readonly host: DeploymentHost,
    private readonly strategyOf: (service: string) => DeploymentStrategyConfig | undefined,
  ) {}

  /** Whether the service is run by a Deployment (it has had a rollout or rollback). */
  manages(service: string): boolean {
    return this.deployments.has(service);
  }

  addListener(listener: RolloutListener): void {
    this.listeners.push(listener);
  }

  /** A new revision: the Deployment's template changes (kubectl set image / apply). */
  rollout(service: string, change: TemplateChange): void {
    const d = this.deploymentOf(service);
    const existing = this.host
      .replicaSetsOf(service)
      .find((rs) => rs.template.version === change.version);
    if (existing === d.newRS) return;
    // A template equal to an old revision's adopts its ReplicaSet (FindNewReplicaSet).
    const target = existing ?? this.host.createReplicaSet(service, d.newRS, change);
    this.moveTo(d, target, 'superseded');
  }

  /** kubectl rollout undo: back to the previous revision's template. */
  rollback(service: string): void {
    const d = this.deploymentOf(service);
    const current = d.revisions.get(d.newRS)!;
    let previous: ReplicaSet | undefined;
    for (const [rs, revision] of d.revisions)
      if (revision < current && (previous === undefined || revision > d.revisions.get(previous)!))
        previous = rs;
    // "no rollout history found": nothing to undo.
    if (previous === undefined) return;
    this.moveTo(d, previous, 'rolled-back');
  }

  /** kubectl argo rollouts promote: the rollout's indefinite pause ends. */
  promote(service: string): void {
    this.deployments.get(service)?.argo?.promote();
  }

  /** kubectl argo rollouts abort: back to the stable revision. */
  abort(service: string): void {
    this.deployments.get(service)?.argo?.abort();
  }

  /** A scale of a service run by a Deployment scales the Deployment. */
  /** A Deployment's spec.replicas (what its scale subresource, and so the HPA, reads); undefined if not one. */
  replicasOf(service: string): number | undefined {
    return this.deployments.get(service)?.replicas;
  }

  scale(service: string, replicas: number): void {
    const d = this.deployments.get(service)!;
    d.replicas = replicas;
    this.queueSync(d);
  }

  /** The rollouts so far, those still going marked in-progress, in order of their start. */
  records(): RolloutRecord[] {
    const going = [...this.deployments.values()].flatMap((d) =>
      d.rollout === undefined
        ? []
        : [{ ...d.rollout, servedByNew: served(d.newPods) - d.servedAtStart }],
    );
    return [...this.finished, ...going].sort((a, b) => a.startMs - b.startMs);
  }

  /** Told of every pod transition: a Deployment's pods requeue it (its informer). */
  readonly listener: LifecycleListener = {
    podCreated: (pod, _phase, version) => {
      const d = this.deployments.get(pod.serviceName);
      if (d === undefined) return;
      if (d.rollout !== undefined && version === d.newRS.template.version) d.newPods.push(pod);
      if (d.meter !== undefined && version === d.newRS.template.version) pod.versionStats = d.meter;
      this.observe(d);
    },
    podPhaseChanged: (pod, phase) => this.podChanged(pod, phase),
    podBound: () => {},
    nodeAdded: () => {},
    nodeRemoved: () => {},
  };

  private podChanged(pod: Pod, phase: PodPhase): void {
    const d = this.deployments.get(pod.serviceName);
    if (d === undefined) return;
    this.observe(d);
    this.queueSync(d);
    const minReadyMs = d.newRS.template.minReadySeconds * 1000;
    // The ReplicaSet controller requeues after minReadySeconds to count it available.
    if (phase === 'Ready' && minReadyMs > 0)
      this.host.sim.schedule(minReadyMs, this.becameAvailable, d);
  }

  private readonly becameAvailable = (d: Deployment): void => {
    this.observe(d);
    this.queueSync(d);
  };

  private deploymentOf(service: string): Deployment {
    let d = this.deployments.get(service);
    if (d === undefined) {
      const sets = this.host.replicaSetsOf(service);
      const current = sets[sets.length - 1]!;
      d = new Deployment(service, current, current.desired, this.strategyOf(service) ?? DEFAULTS);
      this.deployments.set(service, d);
    }
    return d;
  }

  private moveTo(d: Deployment, target: ReplicaSet, endOfCurrent: RolloutOutcome): void {
    const now = this.host.sim.now;
    if (d.rollout !== undefined) this.finish(d, endOfCurrent);
    d.argo?.stop();
    d.argo = undefined;
    d.meter = undefined;
    const from = d.newRS;
    const revision = d.maxRevision + 1;
    d.revisions.set(target, revision);
    d.newRS = target;
    d.newPods = target.active.map((m) => m.pod);
    d.servedAtStart = served(d.newPods);
    d.failedAtStart = this.host.failedRequests();
    const counts = this.counts(d);
    d.rollout = {
      service: d.service,
      fromRevision: d.revisions.get(from)!,
      toRevision: revision,
      fromVersion: from.template.version,
      toVersion: target.template.version,
      strategy: strategyName(d.strategy),
      replicas: d.replicas,
      startMs: now,
      endMs: undefined,
      outcome: 'in-progress',
      peakPods: counts.replicas,
      lowestAvailable: counts.available,
      failedRequests: 0,
      servedByNew: 0,
    };
    d.status = counts;
    if (d.strategy.canary !== undefined || d.strategy.blueGreen !== undefined)
      this.startArgo(d, from, target);
    // Progressing=True, reason NewReplicaSetCreated: the deadline counts from now.
    else this.progressed(d);
    this.sync(d);
  }

  /**
   * An Argo Rollout's new revision: the stable is the revision traffic goes to now; the
   * new one's pods report their calls to a meter its analyses read.
   */
  private startArgo(d: Deployment, stable: ReplicaSet, canary: ReplicaSet): void {
    const meter = new RevisionMeter();
    d.meter = meter;
    for (const m of canary.active) m.pod.versionStats = meter;
    const host: ArgoHost = {
      sim: this.host.sim,
      service: d.service,
      get replicas() {
        return d.replicas;
      },
      stable,
      canary,
      others: () =>
        this.host.replicaSetsOf(d.service).filter((rs) => rs !== stable && rs !== canary),
      scale: (rs, replicas) => this.host.scaleReplicaSet(rs, replicas),
      available: (rs) => this.replicaCounts(rs).available,
      route: (split) => this.host.route(d.service, split),
      meter,
      finish: (outcome) => {
        if (d.rollout === undefined) return;
        this.finish(d, outcome);
        // Aborted, the Rollout stays on its stable revision (status.stableRS).
        if (outcome === 'aborted') d.newRS = stable;
      },
      requeue: () => this.queueSync(d),
    };
    d.argo =
      d.strategy.canary !== undefined
        ? new CanaryRollout(host, d.strategy.canary)
        : new BlueGreenRollout(host, d.strategy.blueGreen!);
    d.rollout!.argo = { progress: d.argo.progress, meter };
  }

  private queueSync(d: Deployment): void {
    if (d.syncQueued) return;
    d.syncQueued = true;
    this.host.sim.schedule(0, this.sync, d);
  }

  /** syncDeployment: one pass of the strategy, then the rollout's status. */
  private readonly sync = (d: Deployment): void => {
    d.syncQueued = false;
    const scaled =
      d.argo !== undefined
        ? d.argo.sync()
        : d.strategy.type === 'Recreate'
          ? this.syncRecreate(d)
          : this.syncRollingUpdate(d);
    if (scaled) this.queueSync(d);
    this.syncRolloutStatus(d);
  };

  /** rolloutRolling: scale the new ReplicaSet up if it may; else the old ones down. */
  private syncRollingUpdate(d: Deployment): boolean {
    const { maxSurge, maxUnavailable } = d.strategy.rollingUpdate ?? DEFAULT_ROLLING_UPDATE;
    const { surge, unavailable } = resolveFenceposts(maxSurge, maxUnavailable, d.replicas);
    const sets = this.host.replicaSetsOf(d.service);
    const counts = new Map(sets.map((rs) => [rs, this.replicaCounts(rs)] as const));
    const newCounts = counts.get(d.newRS)!;
    // reconcileNewReplicaSet
    if (d.newRS.desired !== d.replicas) {
      const target =
        d.newRS.desired > d.replicas
          ? d.replicas
          : newRSNewReplicas(d.replicas, surge, [...counts.values()], newCounts);
      if (target !== d.newRS.desired) {
        this.host.scaleReplicaSet(d.newRS, target);
        return true;
      }
    }
    // reconcileOldReplicaSets, oldest first (ReplicaSetsByCreationTimestamp)
    const olds = sets.filter((rs) => rs !== d.newRS);
    const oldCounts = olds.map((rs) => counts.get(rs)!);
    if (reconcileOldReplicaSets(d.replicas, unavailable, oldCounts, newCounts) === 0) return false;
    olds.forEach((rs, i) => {
      if (oldCounts[i]!.replicas !== rs.desired)
        this.host.scaleReplicaSet(rs, oldCounts[i]!.replicas);
    });
    return true;
  }

  /** rolloutRecreate: old ReplicaSets to 0; the new one only once no old pod runs. */
  private syncRecreate(d: Deployment): boolean {
    let scaled = false;
    for (const rs of this.host.replicaSetsOf(d.service))
      if (rs !== d.newRS && rs.desired > 0) {
        this.host.scaleReplicaSet(rs, 0);
        scaled = true;
      }
    if (scaled || this.host.oldPodsAlive(d.service, d.newRS)) return scaled;
    if (d.newRS.desired === d.replicas) return false;
    this.host.scaleReplicaSet(d.newRS, d.replicas);
    return true;
  }

  /** syncRolloutStatus: progress moves the deadline; complete or past it ends the rollout. */
  private syncRolloutStatus(d: Deployment): void {
    this.observe(d);
    if (d.rollout === undefined || d.argo !== undefined) return;
    const status = this.counts(d);
    if (progressing(d.status, status)) this.progressed(d);
    d.status = status;
    const complete =
      status.updated === d.replicas &&
      status.replicas === d.replicas &&
      status.available === d.replicas &&
      d.newRS.desired === d.replicas;
    if (complete) this.finish(d, 'complete');
  }

  private progressed(d: Deployment): void {
    const { sim } = this.host;
    d.progressAt = sim.now;
    if (d.deadline >= 0) sim.cancel(d.deadline);
    const deadlineMs = d.strategy.progressDeadlineSeconds * 1000 + DEADLINE_CHECK_SKEW_MS;
    d.deadline = sim.schedule(deadlineMs, this.deadlinePassed, d);
  }

  private readonly deadlinePassed = (d: Deployment): void => {
    d.deadline = -1;
    // Progressing=False, reason ProgressDeadlineExceeded; the controller goes on rolling.
    if (d.rollout !== undefined) this.finish(d, 'failed-deadline');
  };

  private finish(d: Deployment, outcome: RolloutOutcome): void {
    const record = d.rollout!;
    const now = this.host.sim.now;
    record.endMs = now;
    record.outcome = outcome;
    record.failedRequests = this.host.failedRequests() - d.failedAtStart;
    record.servedByNew = served(d.newPods) - d.servedAtStart;
    if (record.argo !== undefined && outcome !== 'aborted')
      record.argo.frozen = {
        served: record.argo.meter.served,
        failed: record.argo.meter.failedServed,
      };
    d.rollout = undefined;
    if (d.deadline >= 0) this.host.sim.cancel(d.deadline);
    d.deadline = -1;
    this.finished.push(record);
    for (const listener of this.listeners)
      listener.rolloutFinished(d.service, record.toRevision, outcome, now);
  }

  /** The rollout's peak pods and lowest availability, at this instant. */
  private observe(d: Deployment): void {
    const record = d.rollout;
    if (record === undefined) return;
    const { replicas, available } = this.counts(d);
    record.peakPods = Math.max(record.peakPods, replicas);
    record.lowestAvailable = Math.min(record.lowestAvailable, available);
    record.failedRequests = this.host.failedRequests() - d.failedAtStart;
  }

  private counts(d: Deployment): DeploymentStatus {
    const status = { replicas: 0, updated: 0, ready: 0, available: 0 };
    for (const rs of this.host.replicaSetsOf(d.service)) {
      const now = this.host.sim.now;
      for (const m of rs.active) {
        status.replicas++;
        if (rs === d.newRS) status.updated++;
        if (m.pod.phase === 'Ready') status.ready++;
        if (isAvailable(m, now)) status.available++;
      }
    }
    return status;
  }

  private replicaCounts(rs: ReplicaSet): ReplicaCounts {
    const now = this.host.sim.now;
    return { replicas: rs.desired, available: rs.active.filter((m) => isAvailable(m, now)).length };
  }
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isAvailable(m: ManagedPod, nowMs: number): boolean {
  return m.pod.phase === 'Ready' && m.availableAt <= nowMs;
}

/** util.DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
function progressing(before: DeploymentStatus, after: DeploymentStatus): boolean {
  return (
    after.updated > before.updated ||
    after.replicas - after.updated < before.replicas - before.updated ||
    after.ready > before.ready ||
    after.available > before.available
  );
}

/** rollouts.csv's strategy: the Deployment's type, or the Argo Rollout's (a basic canary has no trafficRouting). */
function strategyName(strategy: DeploymentStrategyConfig): string {
  if (strategy.blueGreen !== undefined) return 'blueGreen';
  if (strategy.canary === undefined) return strategy.type;
  return strategy.canary.trafficRouting === undefined ? 'canary-basic' : 'canary';
}

function served(pods: readonly Pod[]): number {
  return pods.reduce((total, pod) => total + pod.served, 0);
}

const DEFAULTS: DeploymentStrategyConfig = {
  type: 'RollingUpdate',
  rollingUpdate: DEFAULT_ROLLING_UPDATE,
  progressDeadlineSeconds: DEFAULT_PROGRESS_DEADLINE_SECONDS,
};
