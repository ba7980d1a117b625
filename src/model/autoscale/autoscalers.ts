import type { Simulation } from '../../engine/simulation.js';
import { DEFAULT_AUTOSCALING_SETTINGS } from '../../scenario/autoscaling-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import type { LifecycleListener, PodPhase } from '../cluster/lifecycle-listener.js';
import type { LiveCluster } from '../cluster/live-cluster.js';
import type { ClusterNode } from '../cluster.js';
import type { Pod } from '../pod.js';
import { ClusterAutoscaler } from './cluster-autoscaler.js';
import type { AutoscalingDecision, CatchUp } from './decisions.js';
import { HpaController } from './hpa-controller.js';
import { MetricsServer } from './metrics-server.js';
import { PodConditionsListener } from './pod-conditions.js';

/** When a pod reached each step of its start (the catch-up's phases read them). */
interface PodTimes {
  createdMs: number;
  boundMs: number | undefined;
  runningMs: number | undefined;
}

interface OpenCatchUp {
  readonly service: string;
  readonly startMs: number;
  readonly replicasFrom: number;
  readonly metricLagMs: number;
  readonly sawItMs: number;
}

/** Whether a scenario has an HPA or an autoscaled node pool. */
export function usesAutoscaling(scenario: Scenario): boolean {
  return (
    Object.values(scenario.services).some((s) => s.autoscaling !== undefined) ||
    scenario.cluster.nodePools.some((p) => p.autoscaling !== undefined)
  );
}

/**
 * The run's autoscalers (docs/autoscaling.md): metrics-server's scrapes, each service's HPA
 * and the cluster autoscaler, each on its own period from t = 0 (a scrape before an HPA sync
 * at the same instant, as the freshest value a sync can read), until the arrivals end. It
 * listens to the lifecycle for the pods' conditions and the catch-ups' phases.
 */
export class Autoscalers implements LifecycleListener {
  private readonly conditions = new PodConditionsListener();
  private readonly metrics = new MetricsServer();
  private readonly hpas = new Map<string, HpaController>();
  private clusterAutoscaler: ClusterAutoscaler | undefined;
  private cluster!: LiveCluster;
  private readonly times = new Map<Pod, PodTimes>();
  private readonly open = new Map<string, OpenCatchUp>();
  /** whether a service's last sync was held below what its metrics asked (rate limits, maxReplicas) */
  private readonly stillWanting = new Map<string, boolean>();
  /** each service's pod that became ready last, and when */
  private readonly lastReady = new Map<string, { pod: Pod; atMs: number }>();
  private lastScrapeMs = 0;
  readonly decisions: AutoscalingDecision[] = [];
  readonly catchUps: CatchUp[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
  ) {}

  /** Starts the loops on the cluster, once it has started (it tells this listener its pods). */
  attach(cluster: LiveCluster): void {
    this.cluster = cluster;
    const { scenario } = this;
    const settings = scenario.cluster.autoscaling ?? DEFAULT_AUTOSCALING_SETTINGS;
    const calculator = {
      tolerance: settings.horizontalPodAutoscalerTolerance,
      cpuInitializationPeriodMs: 300_000,
      delayOfInitialReadinessStatusMs: 30_000,
    };
    for (const [service, config] of Object.entries(scenario.services)) {
      if (config.autoscaling === undefined) continue;
      const target = {
        service,
        replicas: () => cluster.replicasOf(service),
        pods: () => cluster.podsOf(service),
        scale: (replicas: number) => cluster.scale(service, replicas),
      };
      this.hpas.set(
        service,
        new HpaController(config.autoscaling, target, this.metrics, this.conditions, calculator),
      );
    }
    const clusterAutoscaler = new ClusterAutoscaler(scenario, settings, cluster, cluster);
    if (this.hpas.size > 0) {
      this.every(settings.metricResolution, this.scrape, -1);
      this.every(settings.horizontalPodAutoscalerSyncPeriod, this.syncHpas, 0);
    }
    if (clusterAutoscaler.active) {
      this.clusterAutoscaler = clusterAutoscaler;
      this.every(settings.scanInterval, this.scanNodes, 0);
    }
  }

  /** `action` at every multiple of the period from 0 while the arrivals last. */
  private every(periodMs: number, action: () => void, priority: number): void {
    const tick = (k: number) => {
      action();
      const next = (k + 1) * periodMs;
      if (next < this.scenario.duration) this.sim.scheduleAt(next, tick, k + 1, priority);
    };
    this.sim.scheduleAt(0, tick, 0, priority);
  }

  private readonly scrape = (): void => {
    const running: Pod[] = [];
    for (const service of this.hpas.keys())
      for (const m of this.cluster.podsOf(service)) if (m.running) running.push(m.pod);
    this.metrics.scrape(running, this.sim.now);
    this.lastScrapeMs = this.sim.now;
  };

  private readonly syncHpas = (): void => {
    const now = this.sim.now;
    const resolution = (this.scenario.cluster.autoscaling ?? DEFAULT_AUTOSCALING_SETTINGS)
      .metricResolution;
    for (const [service, hpa] of this.hpas) {
      const decision = hpa.sync(now);
      this.decisions.push(decision);
      this.stillWanting.set(service, decision.desired > decision.replicas);
      const last = this.lastReady.get(service);
      if (last !== undefined) this.checkCaughtUp(service, last.pod, last.atMs);
      if (decision.desired > decision.current && !this.open.has(service)) {
        // The value the HPA saw averaged the window before the last scrape.
        const startMs = Math.max(0, this.lastScrapeMs - resolution);
        this.open.set(service, {
          service,
          startMs,
          replicasFrom: decision.current,
          metricLagMs: now - startMs,
          sawItMs: now,
        });
      }
    }
  };

  private readonly scanNodes = (): void => {
    this.decisions.push(...this.clusterAutoscaler!.scan(this.sim.now));
  };

  /**
   * A scale-up has caught up when the service's ready pods reach the replicas it wants and
   * its last sync was not held below what its metrics asked: a scale-up that the behavior
   * spreads over several syncs is one catch-up.
   */
  private checkCaughtUp(service: string, pod: Pod, nowMs: number): void {
    const open = this.open.get(service);
    if (open === undefined) return;
    const pods = this.cluster.podsOf(service);
    const ready = pods.filter((m) => m.pod.phase === 'Ready').length;
    const wanted = this.cluster.replicasOf(service);
    if (ready < wanted || this.stillWanting.get(service) === true) return;
    this.open.delete(service);
    const t = this.times.get(pod);
    const started = t !== undefined && t.createdMs >= open.sawItMs;
    this.catchUps.push({
      service: open.service,
      startMs: open.startMs,
      caughtUpMs: nowMs,
      replicasFrom: open.replicasFrom,
      replicasTo: wanted,
      metricLagMs: open.metricLagMs,
      hpaDecisionMs: started ? t.createdMs - open.sawItMs : undefined,
      schedulingMs: started && t.boundMs !== undefined ? t.boundMs - t.createdMs : undefined,
      imagePullAndStartMs:
        started && t.boundMs !== undefined && t.runningMs !== undefined
          ? t.runningMs - t.boundMs
          : undefined,
      readinessMs: started && t.runningMs !== undefined ? nowMs - t.runningMs : undefined,
    });
  }

  /** Scale-ups still catching up when the run ended. */
  finish(): void {
    for (const open of this.open.values())
      this.catchUps.push({
        service: open.service,
        startMs: open.startMs,
        caughtUpMs: undefined,
        replicasFrom: open.replicasFrom,
        replicasTo: this.cluster.replicasOf(open.service),
        metricLagMs: open.metricLagMs,
        hpaDecisionMs: undefined,
        schedulingMs: undefined,
        imagePullAndStartMs: undefined,
        readinessMs: undefined,
      });
    this.open.clear();
  }

  podCreated(pod: Pod, phase: PodPhase, version: string, nowMs: number): void {
    this.conditions.podCreated(pod, phase, version, nowMs);
    if (this.hpas.has(pod.serviceName))
      this.times.set(pod, { createdMs: nowMs, boundMs: undefined, runningMs: undefined });
  }

  podBound(pod: Pod, node: ClusterNode, nowMs: number): void {
    this.conditions.podBound(pod, node, nowMs);
    const t = this.times.get(pod);
    if (t !== undefined) t.boundMs = nowMs;
  }

  podPhaseChanged(pod: Pod, phase: PodPhase, nowMs: number): void {
    this.conditions.podPhaseChanged(pod, phase, nowMs);
    const t = this.times.get(pod);
    if (t === undefined) return;
    if (phase === 'Gone') this.times.delete(pod);
    else if ((phase === 'Running' || phase === 'Ready') && t.runningMs === undefined)
      t.runningMs = nowMs;
    if (phase !== 'Ready') return;
    this.lastReady.set(pod.serviceName, { pod, atMs: nowMs });
    this.checkCaughtUp(pod.serviceName, pod, nowMs);
  }

  nodeAdded(): void {}

  nodeRemoved(): void {}
}
