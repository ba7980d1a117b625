import type { Simulation } from '../../engine/simulation.js';
import type { ControlSurface, TemplateChange } from '../cluster/control-surface.js';
import type { LifecycleListener, PodPhase } from '../cluster/lifecycle-listener.js';
import type { ClusterNode } from '../cluster.js';
import type { Pod } from '../pod.js';

/** How a rollout ended: its pods all ready, or a later rollout of the service replaced it. */
export type RolloutOutcome = 'complete' | 'superseded';

/**
 * The seam between a pipeline's deploy stage and the cluster (docs/cicd.md): start rolling
 * `change.version` out on `service`, and be told when its pods are all ready. The
 * Deployment controller (issue 14's `rollout`) will implement it; InterimRollout does now.
 */
export interface RolloutStarter {
  start(
    service: string,
    change: TemplateChange,
    onFinished: (atMs: number, outcome: RolloutOutcome) => void,
  ): void;
}

interface Rollout {
  version: string;
  /** the pods the ReplicaSet keeps: the new version is live when this many are Ready */
  desired: number;
  finished: ((atMs: number, outcome: RolloutOutcome) => void)[];
}

/**
 * The interim deploy, with what the control surface has today: setTemplate, then every pod of
 * another version deleted at once (gracefully: preStop, grace period), its ReplicaSet
 * creating each replacement from the new template at the same moment. It ends when as many
 * pods of the new version are Ready as the service had. Kubernetes' RollingUpdate replaces
 * them a few at a time (maxSurge, maxUnavailable): this one is all at once, so it is as fast
 * as one pod's start and loses the old pods' capacity meanwhile. A rollout started while
 * another runs on the same service supersedes it, as a new Deployment revision does.
 */
export class InterimRollout implements RolloutStarter, LifecycleListener {
  /** live pods by service: name → version and phase */
  private readonly pods = new Map<string, Map<string, { version: string; phase: PodPhase }>>();
  private readonly running = new Map<string, Rollout>();
  surface: ControlSurface | undefined;

  constructor(private readonly sim: Simulation) {}

  start(
    service: string,
    change: TemplateChange,
    onFinished: (atMs: number, outcome: RolloutOutcome) => void,
  ): void {
    const surface = this.surface!;
    const pods = this.podsOf(service);
    const active = [...pods].filter(([, p]) => p.phase !== 'Terminating');
    const previous = this.running.get(service);
    const rollout: Rollout = { version: change.version, desired: active.length, finished: [] };
    if (previous !== undefined)
      rollout.finished.push((atMs) => {
        for (const done of previous.finished) done(atMs, 'superseded');
      });
    rollout.finished.push(onFinished);
    this.running.set(service, rollout);
    surface.setTemplate(service, change);
    for (const [name, pod] of active) if (pod.version !== change.version) surface.deletePod(name);
    this.sim.schedule(0, (name: string) => this.check(name), service);
  }

  podCreated(pod: Pod, phase: PodPhase, version: string): void {
    this.podsOf(pod.serviceName).set(pod.name, { version, phase });
  }

  podPhaseChanged(pod: Pod, phase: PodPhase): void {
    const pods = this.podsOf(pod.serviceName);
    if (phase === 'Gone') {
      pods.delete(pod.name);
      return;
    }
    const known = pods.get(pod.name);
    if (known !== undefined) known.phase = phase;
    if (phase === 'Ready') this.check(pod.serviceName);
  }

  podBound(_pod: Pod, _node: ClusterNode): void {}
  nodeAdded(_node: ClusterNode): void {}
  nodeRemoved(_node: ClusterNode): void {}

  /** no rollout in progress */
  get idle(): boolean {
    return this.running.size === 0;
  }

  private check(service: string): void {
    const rollout = this.running.get(service);
    if (rollout === undefined) return;
    let ready = 0;
    for (const pod of this.podsOf(service).values())
      if (pod.version === rollout.version && pod.phase === 'Ready') ready++;
    if (ready < rollout.desired) return;
    this.running.delete(service);
    for (const done of rollout.finished) done(this.sim.now, 'complete');
  }

  private podsOf(service: string) {
    let pods = this.pods.get(service);
    if (pods === undefined) {
      pods = new Map();
      this.pods.set(service, pods);
    }
    return pods;
  }
}
