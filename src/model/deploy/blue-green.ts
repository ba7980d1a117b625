import type { BlueGreenConfig } from '../../scenario/argo-rollout-schema.js';
import type { MetricVerdict } from './analysis-run.js';
import {
  type ArgoHost,
  type ArgoProgress,
  type ArgoRollout,
  scaleDownOthers,
  scaleTo,
} from './argo-rollout.js';
import { StrategyCore } from './argo-strategy-core.js';

type Phase =
  | 'preview'
  | 'prePromotion'
  | 'paused'
  | 'scalingUp'
  | 'postPromotion'
  | 'promoted'
  | 'aborted'
  | 'stopped';

/**
 * Argo Rollouts' blueGreen (argoproj/argo-rollouts rollout/bluegreen.go, docs/features/bluegreen.md):
 * green (the new ReplicaSet) is scaled to previewReplicaCount or replicas while the active
 * Service still selects blue; once green is fully available, prePromotionAnalysis runs;
 * then it pauses (autoPromotionEnabled false: until `promote`; autoPromotionSeconds: that
 * long), green is scaled to replicas, and the active Service switches to it at once.
 * postPromotionAnalysis then runs; failed, the Rollout aborts and traffic goes back to blue,
 * which is kept scaleDownDelaySeconds after the switch (and until the analysis ends).
 * The switch is a route to green's version, pushed by the control plane (docs/deployments.md).
 */
export class BlueGreenRollout implements ArgoRollout {
  readonly progress: ArgoProgress;
  private readonly core: StrategyCore;
  private phase: Phase = 'preview';
  /** blue keeps its pods until scaleDownDelaySeconds after the switch */
  private keepBlue = true;

  constructor(
    private readonly host: ArgoHost,
    private readonly config: BlueGreenConfig,
  ) {
    // one step: the switch of the active Service
    this.core = new StrategyCore(host, 1);
    this.progress = this.core.progress;
    // The active Service selects blue's pods (rollouts-pod-template-hash) while green starts.
    host.route({ [host.stable.template.version]: 1 });
  }

  sync(): boolean {
    const { host } = this;
    if (this.phase === 'stopped') return false;
    let scaled = scaleDownOthers(host);
    const green = this.greenReplicas();
    scaled = scaleTo(host, host.canary, green) || scaled;
    if (!this.keepBlue && this.phase !== 'aborted')
      scaled = scaleTo(host, host.stable, 0) || scaled;
    if (this.phase === 'aborted') scaled = scaleTo(host, host.stable, host.replicas) || scaled;
    this.advance();
    return scaled;
  }

  promote(): void {
    if (this.phase !== 'paused') return;
    this.core.cancelWait();
    this.phase = 'scalingUp';
    this.host.requeue();
  }

  abort(failed?: MetricVerdict): void {
    if (this.phase === 'promoted' || this.phase === 'aborted' || this.phase === 'stopped') return;
    const { host } = this;
    this.phase = 'aborted';
    // The active Service selects blue again: all traffic back at once.
    const routeBack = () => host.route({ [host.stable.template.version]: 1 });
    this.core.abort(failed, routeBack, this.config.abortScaleDownDelaySeconds);
  }

  stop(): void {
    this.core.stopRuns();
    this.phase = 'stopped';
  }

  private greenReplicas(): number {
    const { host, config } = this;
    if (this.phase === 'aborted') return this.core.keepsAbortedPods ? host.canary.desired : 0;
    const preview =
      this.phase === 'preview' || this.phase === 'prePromotion' || this.phase === 'paused';
    return preview
      ? Math.min(config.previewReplicaCount ?? host.replicas, host.replicas)
      : host.replicas;
  }

  private greenAvailable(): boolean {
    const { canary } = this.host;
    return canary.active.length === canary.desired && this.host.available(canary) >= canary.desired;
  }

  private advance(): void {
    const { config } = this;
    if (this.phase === 'preview' && this.greenAvailable()) {
      this.phase = 'prePromotion';
      if (config.prePromotionAnalysis === undefined) this.prePromotionPassed();
      else
        this.core.startRun(config.prePromotionAnalysis, (phase, verdict) => {
          if (phase === 'Successful') this.prePromotionPassed();
          else this.abort(verdict);
        });
    }
    if (this.phase === 'scalingUp' && this.greenAvailable()) this.switchTraffic();
  }

  private prePromotionPassed(): void {
    const { config, host } = this;
    if (!config.autoPromotionEnabled) {
      this.phase = 'paused';
      return;
    }
    if (config.autoPromotionSeconds !== undefined) {
      this.phase = 'paused';
      this.core.wait(config.autoPromotionSeconds * 1000, this.autoPromote);
      return;
    }
    this.phase = 'scalingUp';
    host.requeue();
  }

  private readonly autoPromote = (): void => this.promote();

  /** The active Service selects green: all traffic at once. */
  private switchTraffic(): void {
    const { host, config } = this;
    host.route({ [host.canary.template.version]: 1 });
    this.progress.stepsReached = 1;
    host.sim.schedule(config.scaleDownDelaySeconds * 1000, this.blueDelayEnded, undefined);
    if (config.postPromotionAnalysis === undefined) {
      this.promoted();
      return;
    }
    this.phase = 'postPromotion';
    this.core.startRun(config.postPromotionAnalysis, (phase, verdict) => {
      if (phase === 'Successful') this.promoted();
      else this.abortAfterSwitch(verdict);
    });
  }

  /** A failed postPromotionAnalysis: back to blue, if blue still has its pods. */
  private abortAfterSwitch(failed: MetricVerdict | undefined): void {
    this.phase = 'postPromotion';
    this.abort(failed);
  }

  private promoted(): void {
    this.phase = 'promoted';
    this.host.finish('promoted');
    this.host.requeue();
  }

  private readonly blueDelayEnded = (): void => {
    if (this.phase === 'postPromotion') {
      // Argo cancels the analysis at scaleDownDelay to scale blue down (bluegreen.md).
      this.core.stopRuns();
      this.promoted();
    }
    this.keepBlue = false;
    this.host.requeue();
  };
}
