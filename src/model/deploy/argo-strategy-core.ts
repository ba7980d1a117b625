import type { AnalysisConfig } from '../../scenario/argo-rollout-schema.js';
import { type AnalysisPhase, AnalysisRun, type MetricVerdict } from './analysis-run.js';
import type { ArgoHost, ArgoProgress } from './argo-rollout.js';

/** A run's end: Successful, or Failed or Error with the metric that ended it. */
export type RunEnded = (
  phase: Exclude<AnalysisPhase, 'Running'>,
  verdict: MetricVerdict | undefined,
) => void;

/**
 * What canary and blueGreen do alike (argo-rollouts keeps it outside both strategies too:
 * rollout/analysis.go runs the analyses, and an abort goes back to the stable ReplicaSet
 * whichever the strategy): count the rollout's analysis runs and their failed measurements,
 * stop them with the wait the strategy is in (a pause, autoPromotionSeconds), and abort.
 */
export class StrategyCore {
  readonly progress: ArgoProgress;
  /**
   * an aborted new revision keeps its pods until abortScaleDownDelaySeconds; with 0 it keeps
   * them for good (types.go: AbortScaleDownDelaySeconds)
   */
  keepsAbortedPods = false;
  private readonly running = new Set<AnalysisRun>();
  private timer = -1;

  constructor(
    private readonly host: ArgoHost,
    steps: number,
  ) {
    this.progress = {
      stepsReached: 0,
      steps,
      analysisRuns: 0,
      failedMeasurements: 0,
      detectedAtMs: undefined,
      failedMetric: undefined,
    };
  }

  /** A new analysis run; `ended` is told its phase once it ends by itself (not when stopped). */
  startRun(config: AnalysisConfig, ended: RunEnded): AnalysisRun {
    this.progress.analysisRuns++;
    const run = new AnalysisRun(this.host.sim, config, this.host.meter, (phase) => {
      this.running.delete(run);
      this.progress.failedMeasurements += run.failedMeasurements;
      ended(phase, run.verdict);
    });
    this.running.add(run);
    return run;
  }

  /** Waits `ms`, then `then` (a pause step's duration, autoPromotionSeconds). */
  wait(ms: number, then: () => void): void {
    this.timer = this.host.sim.schedule(ms, this.waitEnded, then);
  }

  /** The wait ends early (a promote); nothing if none is under way. */
  cancelWait(): void {
    if (this.timer >= 0) this.host.sim.cancel(this.timer);
    this.timer = -1;
  }

  /** The rollout promoted, aborted or ended: its analyses stop, and so does its wait. */
  stopRuns(): void {
    for (const run of this.running) {
      run.terminate();
      this.progress.failedMeasurements += run.failedMeasurements;
    }
    this.running.clear();
    this.cancelWait();
  }

  /**
   * Aborts (rollout/sync.go: an `abort`, or an analysis run Failed or Error): the analyses
   * stop, traffic goes back to the stable revision, whose pods Argo keeps, and the new
   * revision is scaled down abortScaleDownDelaySeconds later (at once when `routeBack` is
   * undefined: a canary without trafficRouting has no traffic to move, only replicas).
   * `failed`: the metric whose analysis found the bad version (none for an `abort` event).
   */
  abort(
    failed: MetricVerdict | undefined,
    routeBack: (() => void) | undefined,
    delaySeconds: number,
  ): void {
    const { host } = this;
    if (failed !== undefined) {
      this.progress.detectedAtMs = host.sim.now;
      this.progress.failedMetric = failed;
    }
    this.stopRuns();
    if (routeBack !== undefined) {
      routeBack();
      this.keepsAbortedPods = true;
      if (delaySeconds > 0) host.sim.schedule(delaySeconds * 1000, this.abortDelayEnded, undefined);
    }
    host.finish('aborted');
    host.requeue();
  }

  private readonly waitEnded = (then: () => void): void => {
    this.timer = -1;
    then();
  };

  private readonly abortDelayEnded = (): void => {
    this.keepsAbortedPods = false;
    this.host.requeue();
  };
}
