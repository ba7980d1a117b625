import type { AnalysisConfig, BlueGreenConfig } from '../../scenario/argo-rollout-schema.js';
import { AnalysisRun } from './analysis-run.js';
import {
  type ArgoHost,
  type ArgoProgress,
  type ArgoRollout,
  scaleDownOthers,
  scaleTo,
} from './argo-rollout.js';

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
  readonly progress: ArgoProgress = {
    stepsReached: 0,
    /** one step: the switch of the active Service */
    steps: 1,
    analysisRuns: 0,
    failedMeasurements: 0,
    detectedAtMs: undefined,
  };
  private phase: Phase = 'preview';
  private run: AnalysisRun | undefined = undefined;
  private timer = -1;
  /** blue keeps its pods until scaleDownDelaySeconds after the switch */
  private keepBlue = true;
  /** an aborted green keeps its pods until abortScaleDownDelaySeconds */
  private keepGreen = true;

  constructor(
    private readonly host: ArgoHost,
    private readonly config: BlueGreenConfig,
  ) {
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
    if (this.timer >= 0) this.host.sim.cancel(this.timer);
    this.timer = -1;
    this.phase = 'scalingUp';
    this.host.requeue();
  }

  abort(detected: boolean): void {
    if (this.phase === 'promoted' || this.phase === 'aborted' || this.phase === 'stopped') return;
    const { host } = this;
    if (detected) this.progress.detectedAtMs = host.sim.now;
    this.stopRun();
    this.phase = 'aborted';
    host.route({ [host.stable.template.version]: 1 });
    const delay = this.config.abortScaleDownDelaySeconds;
    if (delay > 0) host.sim.schedule(delay * 1000, this.abortDelayEnded, undefined);
    host.finish('aborted');
    host.requeue();
  }

  stop(): void {
    this.stopRun();
    this.phase = 'stopped';
  }

  private greenReplicas(): number {
    const { host, config } = this;
    if (this.phase === 'aborted') return this.keepGreen ? host.canary.desired : 0;
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
        this.run = this.startRun(config.prePromotionAnalysis, (phase) => {
          if (phase === 'Successful') this.prePromotionPassed();
          else this.abort(true);
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
      this.timer = host.sim.schedule(
        config.autoPromotionSeconds * 1000,
        this.autoPromote,
        undefined,
      );
      return;
    }
    this.phase = 'scalingUp';
    host.requeue();
  }

  private readonly autoPromote = (): void => {
    this.timer = -1;
    this.promote();
  };

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
    this.run = this.startRun(config.postPromotionAnalysis, (phase) => {
      if (phase === 'Successful') this.promoted();
      else this.abortAfterSwitch();
    });
  }

  /** A failed postPromotionAnalysis: back to blue, if blue still has its pods. */
  private abortAfterSwitch(): void {
    this.phase = 'postPromotion';
    this.abort(true);
  }

  private promoted(): void {
    this.phase = 'promoted';
    this.host.finish('promoted');
    this.host.requeue();
  }

  private readonly blueDelayEnded = (): void => {
    if (this.phase === 'postPromotion') {
      // Argo cancels the analysis at scaleDownDelay to scale blue down (bluegreen.md).
      this.stopRun();
      this.promoted();
    }
    this.keepBlue = false;
    this.host.requeue();
  };

  private readonly abortDelayEnded = (): void => {
    this.keepGreen = false;
    this.host.requeue();
  };

  private startRun(
    config: AnalysisConfig,
    done: (phase: 'Successful' | 'Failed' | 'Error') => void,
  ): AnalysisRun {
    this.progress.analysisRuns++;
    const run = new AnalysisRun(this.host.sim, config, this.host.meter, (phase) => {
      this.run = undefined;
      this.progress.failedMeasurements += run.failedMeasurements;
      done(phase);
    });
    return run;
  }

  private stopRun(): void {
    const run = this.run;
    if (run !== undefined && run.phase === 'Running') {
      run.terminate();
      this.progress.failedMeasurements += run.failedMeasurements;
    }
    this.run = undefined;
    if (this.timer >= 0) this.host.sim.cancel(this.timer);
    this.timer = -1;
  }
}
