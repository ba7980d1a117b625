import type { AnalysisConfig, CanaryConfig } from '../../scenario/argo-rollout-schema.js';
import { AnalysisRun } from './analysis-run.js';
import {
  type ArgoHost,
  type ArgoProgress,
  type ArgoRollout,
  scaleDownOthers,
  scaleTo,
} from './argo-rollout.js';
import {
  approximateWeightedCounts,
  basicCanaryCounts,
  trafficRoutedCounts,
} from './canary-arithmetic.js';
import { resolveFenceposts } from './rolling-arithmetic.js';

type Phase = 'stepping' | 'promoting' | 'promoted' | 'aborted' | 'stopped';

/**
 * Argo Rollouts' canary (argoproj/argo-rollouts rollout/canary.go, utils/replicaset/canary.go):
 * the steps run in order; setWeight scales the canary and, with trafficRouting, sets the
 * mesh's split once the canary has its pods (reconcileTrafficRouting keeps the old weight
 * until AtDesiredReplicaCountsForCanary); a pause waits its duration or a `promote`; an
 * analysis step waits for its run. A background analysis runs from the start. A failed
 * analysis aborts: weight 0, the canary scaled down (after abortScaleDownDelaySeconds with
 * trafficRouting), the Rollout Degraded. After the last step the canary takes every replica
 * and becomes stable: promoted. docs/deployments.md.
 */
export class CanaryRollout implements ArgoRollout {
  readonly progress: ArgoProgress;
  private phase: Phase = 'stepping';
  private step = 0;
  /** the weight the steps have asked for */
  private weight = 0;
  /** the weight the traffic has been given (the last split routed) */
  private routedWeight = -1;
  private waiting: 'pause' | 'promote' | 'analysis' | undefined = undefined;
  private timer = -1;
  private stepRun: AnalysisRun | undefined = undefined;
  private background: AnalysisRun | undefined = undefined;
  /** with trafficRouting, an aborted canary keeps its pods until abortScaleDownDelaySeconds */
  private keepCanary = false;
  /** with trafficRouting, the old stable keeps its pods until scaleDownDelaySeconds */
  private keepStable = false;

  constructor(
    private readonly host: ArgoHost,
    private readonly config: CanaryConfig,
  ) {
    this.progress = {
      stepsReached: 0,
      steps: config.steps.length,
      analysisRuns: 0,
      failedMeasurements: 0,
      detectedAtMs: undefined,
    };
    this.startBackground();
    if (config.trafficRouting !== undefined) this.routeWeight(0);
  }

  sync(): boolean {
    if (this.phase === 'stopped') return false;
    let scaled = this.scale();
    if (this.phase === 'stepping') this.advance();
    if (this.phase === 'promoting') this.tryPromote();
    // A step may have asked for a new weight, or the rollout promoted or aborted: scale to it.
    scaled = this.scale() || scaled;
    return scaled;
  }

  promote(): void {
    if (this.phase !== 'stepping' || this.waiting !== 'promote') return;
    this.waiting = undefined;
    this.nextStep();
  }

  abort(detected: boolean): void {
    if (this.phase !== 'stepping' && this.phase !== 'promoting') return;
    const { host } = this;
    this.phase = 'aborted';
    if (detected) this.progress.detectedAtMs = host.sim.now;
    this.stopRuns();
    this.weight = 0;
    if (this.config.trafficRouting !== undefined) {
      this.routeWeight(0);
      const delay = this.config.abortScaleDownDelaySeconds;
      // 0: the canary is never scaled down (types.go: AbortScaleDownDelaySeconds)
      this.keepCanary = true;
      if (delay > 0) host.sim.schedule(delay * 1000, this.abortDelayEnded, undefined);
    }
    host.finish('aborted');
    host.requeue();
  }

  stop(): void {
    this.stopRuns();
    this.phase = 'stopped';
  }

  /** The ReplicaSets' replicas for the current weight. */
  private scale(): boolean {
    const { host, config } = this;
    const { replicas, canary, stable } = host;
    let scaled = scaleDownOthers(host);
    if (this.phase === 'promoted') {
      if (!this.keepStable) scaled = scaleTo(host, stable, 0) || scaled;
      return scaleTo(host, canary, replicas) || scaled;
    }
    if (config.trafficRouting !== undefined) {
      const weight = this.phase === 'promoting' ? 100 : this.weight;
      const [canaryCount, stableCount] = trafficRoutedCounts(replicas, weight);
      scaled = scaleTo(host, stable, stableCount) || scaled;
      if (this.phase === 'aborted' && this.keepCanary) return scaled;
      return scaleTo(host, canary, this.phase === 'aborted' ? 0 : canaryCount) || scaled;
    }
    const weight = this.phase === 'promoting' ? 100 : this.weight;
    const { surge, unavailable } = resolveFenceposts(
      config.maxSurge,
      config.maxUnavailable,
      replicas,
    );
    const others = host.others().reduce((sum, rs) => sum + rs.desired, 0);
    const [canaryCount, stableCount] = basicCanaryCounts(
      replicas,
      weight,
      surge,
      unavailable,
      { replicas: canary.desired, available: host.available(canary) },
      { replicas: stable.desired, available: host.available(stable) },
      others,
    );
    scaled = scaleTo(host, canary, canaryCount) || scaled;
    return scaleTo(host, stable, stableCount) || scaled;
  }

  /** Runs steps that are done, and starts the one that waits. */
  private advance(): void {
    while (this.phase === 'stepping' && this.waiting === undefined) {
      if (this.step >= this.config.steps.length) {
        this.phase = 'promoting';
        return;
      }
      const step = this.config.steps[this.step]!;
      if (step.setWeight !== undefined) {
        this.weight = step.setWeight;
        if (!this.atDesiredCounts()) return;
        if (this.config.trafficRouting !== undefined) this.routeWeight(this.weight);
        this.nextStepNow();
      } else if (step.pause !== undefined) {
        this.waiting = step.pause.duration === undefined ? 'promote' : 'pause';
        if (step.pause.duration !== undefined)
          this.timer = this.host.sim.schedule(step.pause.duration, this.pauseEnded, undefined);
      } else {
        this.waiting = 'analysis';
        this.stepRun = this.startRun(step.analysis!, (phase) => {
          this.stepRun = undefined;
          // rollout/analysis.go: a Failed or Error run aborts the rollout.
          if (phase === 'Successful') this.nextStep();
          else this.abort(true);
        });
      }
    }
  }

  /**
   * AtDesiredReplicaCountsForCanary: the canary and the stable at the counts the weight asks
   * for, all available, and no older ReplicaSet's pod left.
   */
  private atDesiredCounts(): boolean {
    const { host, config } = this;
    const { canary, stable, replicas } = host;
    const { surge } = resolveFenceposts(config.maxSurge, config.maxUnavailable, replicas);
    const [wantCanary, wantStable] =
      config.trafficRouting !== undefined
        ? trafficRoutedCounts(replicas, this.weight)
        : approximateWeightedCounts(replicas, this.weight, surge);
    return (
      canary.desired === wantCanary &&
      canary.active.length === wantCanary &&
      host.available(canary) >= wantCanary &&
      stable.desired === wantStable &&
      host.available(stable) >= wantStable &&
      host.others().every((rs) => rs.active.length === 0)
    );
  }

  /** Full promotion: every replica on the canary, available; then it is the stable. */
  private tryPromote(): void {
    const { host } = this;
    if (host.canary.desired !== host.replicas || host.available(host.canary) < host.replicas)
      return;
    if (this.config.trafficRouting === undefined && host.stable.active.length > 0) return;
    this.phase = 'promoted';
    this.stopRuns();
    this.progress.stepsReached = this.config.steps.length;
    if (this.config.trafficRouting !== undefined) {
      // The stable Service now selects the new ReplicaSet: all traffic to it.
      this.host.route({ [host.canary.template.version]: 1 });
      this.keepStable = true;
      const delay = this.config.scaleDownDelaySeconds * 1000;
      host.sim.schedule(delay, this.stableDelayEnded, undefined);
    }
    host.finish('promoted');
    host.requeue();
  }

  private nextStep(): void {
    this.nextStepNow();
    this.host.requeue();
  }

  private nextStepNow(): void {
    this.step++;
    this.progress.stepsReached = this.step;
    this.startBackground();
  }

  /** The background analysis, from its startingStep (default 0) through every later step. */
  private startBackground(): void {
    const analysis = this.config.analysis;
    if (analysis === undefined || this.background !== undefined) return;
    if (this.step < (analysis.startingStep ?? 0) || this.phase !== 'stepping') return;
    this.background = this.startRun(analysis, (phase) => {
      if (phase !== 'Successful') this.abort(true);
    });
  }

  private readonly pauseEnded = (): void => {
    this.timer = -1;
    if (this.phase !== 'stepping' || this.waiting !== 'pause') return;
    this.waiting = undefined;
    this.nextStep();
  };

  private readonly abortDelayEnded = (): void => {
    this.keepCanary = false;
    this.host.requeue();
  };

  private readonly stableDelayEnded = (): void => {
    this.keepStable = false;
    this.host.requeue();
  };

  private routeWeight(weight: number): void {
    if (weight === this.routedWeight) return;
    this.routedWeight = weight;
    const { stable, canary } = this.host;
    this.host.route({
      [stable.template.version]: (100 - weight) / 100,
      [canary.template.version]: weight / 100,
    });
  }

  private startRun(
    config: AnalysisConfig,
    done: (phase: 'Successful' | 'Failed' | 'Error') => void,
  ): AnalysisRun {
    this.progress.analysisRuns++;
    const run = new AnalysisRun(this.host.sim, config, this.host.meter, (phase) => {
      this.progress.failedMeasurements += run.failedMeasurements;
      if (this.phase === 'stepping' || this.phase === 'promoting') done(phase);
    });
    return run;
  }

  private stopRuns(): void {
    for (const run of [this.stepRun, this.background])
      if (run !== undefined && run.phase === 'Running') {
        run.terminate();
        this.progress.failedMeasurements += run.failedMeasurements;
      }
    this.stepRun = undefined;
    this.background = undefined;
    if (this.timer >= 0) this.host.sim.cancel(this.timer);
    this.timer = -1;
  }
}
