import type { AnalysisConfig, CanaryConfig } from '../../scenario/argo-rollout-schema.js';
import type { MetricVerdict } from './analysis-run.js';
import {
  type ArgoHost,
  type ArgoProgress,
  type ArgoRollout,
  scaleDownOthers,
  scaleTo,
} from './argo-rollout.js';
import { type RunEnded, StrategyCore } from './argo-strategy-core.js';
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
  private readonly core: StrategyCore;
  private phase: Phase = 'stepping';
  private step = 0;
  /** the weight the steps have asked for */
  private weight = 0;
  /** the weight the traffic has been given (the last split routed) */
  private routedWeight = -1;
  private waiting: 'pause' | 'promote' | 'analysis' | undefined = undefined;
  private backgroundStarted = false;
  /** with trafficRouting, the old stable keeps its pods until scaleDownDelaySeconds */
  private keepStable = false;

  constructor(
    private readonly host: ArgoHost,
    private readonly config: CanaryConfig,
  ) {
    this.core = new StrategyCore(host, config.steps.length);
    this.progress = this.core.progress;
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

  abort(failed?: MetricVerdict): void {
    if (this.phase !== 'stepping' && this.phase !== 'promoting') return;
    const { config } = this;
    this.phase = 'aborted';
    this.weight = 0;
    // Without trafficRouting the weight is replica counts: the canary goes to 0 at once.
    const routeBack = config.trafficRouting === undefined ? undefined : () => this.routeWeight(0);
    this.core.abort(failed, routeBack, config.abortScaleDownDelaySeconds);
  }

  stop(): void {
    this.core.stopRuns();
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
      if (this.phase === 'aborted' && this.core.keepsAbortedPods) return scaled;
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
        if (step.pause.duration !== undefined) this.core.wait(step.pause.duration, this.pauseEnded);
      } else {
        this.waiting = 'analysis';
        this.startRun(step.analysis!, (phase, verdict) => {
          // rollout/analysis.go: a Failed or Error run aborts the rollout.
          if (phase === 'Successful') this.nextStep();
          else this.abort(verdict);
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
    this.core.stopRuns();
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
    if (analysis === undefined || this.backgroundStarted) return;
    if (this.step < (analysis.startingStep ?? 0) || this.phase !== 'stepping') return;
    this.backgroundStarted = true;
    this.startRun(analysis, (phase, verdict) => {
      if (phase !== 'Successful') this.abort(verdict);
    });
  }

  private readonly pauseEnded = (): void => {
    if (this.phase !== 'stepping' || this.waiting !== 'pause') return;
    this.waiting = undefined;
    this.nextStep();
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

  /** An analysis run whose end counts only while the rollout goes on. */
  private startRun(config: AnalysisConfig, ended: RunEnded): void {
    this.core.startRun(config, (phase, verdict) => {
      if (this.phase === 'stepping' || this.phase === 'promoting') ended(phase, verdict);
    });
  }
}
