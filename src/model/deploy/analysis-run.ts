import type { Simulation } from '../../engine/simulation.js';
import type { AnalysisConfig } from '../../scenario/argo-rollout-schema.js';
import { meets, parseSuccessCondition } from '../../scenario/success-condition.js';
import type { MetricWindow, RevisionMeter } from './revision-meter.js';

/** How an analysis run ended (argo-rollouts AnalysisPhase). */
export type AnalysisPhase = 'Running' | 'Successful' | 'Failed' | 'Error';

/** Told once when a run ends, at the instant of its deciding measurement. */
export type AnalysisDone = (phase: Exclude<AnalysisPhase, 'Running'>, atMs: number) => void;

type MetricSpec = AnalysisConfig['metrics'][number];

/**
 * The metric whose failure or error ended a run, and why in Argo's words (analysis/analysis.go,
 * assessMetricFailureInconclusiveOrError; the Rollout's abort message is "Metric \"<name>\"
 * assessed <phase> due to <reason>").
 */
export interface MetricVerdict {
  readonly metric: string;
  readonly phase: 'Failed' | 'Error';
  /** "failed (2) > failureLimit (1)" or "consecutiveErrors (5) > consecutiveErrorLimit (4)" */
  readonly reason: string;
  /** what its successCondition compares: errorRate (a share 0..1) or a latency percentile (ms) */
  readonly measures: 'errorRate' | 'latency';
  /** its last measurement's value; undefined when that found no call to judge (an Error) */
  readonly lastValue: number | undefined;
}

/** One metric's measurements so far (MetricResult: count, failed, consecutiveError). */
class MetricRun {
  count = 0;
  failed = 0;
  consecutiveErrors = 0;
  phase: AnalysisPhase = 'Running';
  /** the last measurement's value (Argo's LastMeasurement); undefined: it found no call */
  lastValue: number | undefined = undefined;
  constructor(
    readonly spec: MetricSpec,
    readonly window: MetricWindow,
  ) {}
}

/**
 * An AnalysisRun of inline metrics (argo-rollouts analysis/analysis.go): each metric is
 * measured every `interval` over the calls the new revision's pods ended since its last
 * measurement; a measurement Failed when the successCondition is not met, Error when no call
 * ended (the query found no data: a statistic with no samples is absent, never 0). A metric
 * fails when its failures exceed failureLimit, errors when its errors in a row exceed
 * consecutiveErrorLimit, and succeeds after `count` measurements. The run ends at the first
 * metric that fails or errors (assessRunStatus terminates it), or when all succeed.
 * msasim's first measurement is one interval after the start (Argo takes one at once over
 * the query's look-back window, which msasim has no history for).
 */
export class AnalysisRun {
  phase: AnalysisPhase = 'Running';
  /** failed measurements, over all its metrics */
  failedMeasurements = 0;
  /** set when the run ends Failed or Error: the metric that ended it */
  verdict: MetricVerdict | undefined = undefined;
  private readonly metrics: MetricRun[];
  private readonly timers: number[] = [];

  constructor(
    private readonly sim: Simulation,
    config: AnalysisConfig,
    private readonly meter: RevisionMeter,
    private readonly done: AnalysisDone,
  ) {
    this.metrics = config.metrics.map((spec) => new MetricRun(spec, meter.window()));
    for (const metric of this.metrics)
      this.timers.push(sim.schedule(metric.spec.interval, this.measure, metric));
  }

  /** The run is stopped (the rollout ended or aborted): no more measurements. */
  terminate(): void {
    for (const timer of this.timers) this.sim.cancel(timer);
    this.timers.length = 0;
    for (const metric of this.metrics) this.meter.close(metric.window);
    if (this.phase === 'Running') this.phase = 'Successful';
  }

  private readonly measure = (metric: MetricRun): void => {
    if (this.phase !== 'Running') return;
    const spec = metric.spec;
    const value = measured(spec, metric.window);
    metric.window.reset();
    metric.count++;
    metric.lastValue = value;
    if (value === undefined) metric.consecutiveErrors++;
    else {
      metric.consecutiveErrors = 0;
      if (!meets(parseSuccessCondition(spec.successCondition)!, value)) {
        metric.failed++;
        this.failedMeasurements++;
      }
    }
    if (metric.failed > spec.failureLimit) metric.phase = 'Failed';
    else if (metric.consecutiveErrors > spec.consecutiveErrorLimit) metric.phase = 'Error';
    else if (spec.count !== undefined && metric.count >= spec.count) metric.phase = 'Successful';
    else {
      const at = this.metrics.indexOf(metric);
      this.timers[at] = this.sim.schedule(spec.interval, this.measure, metric);
      return;
    }
    this.assess();
  };

  /** assessRunStatus: Failed or Error at once; Successful when every metric is. */
  private assess(): void {
    const phases = this.metrics.map((m) => m.phase);
    const ended: Exclude<AnalysisPhase, 'Running'> | undefined = phases.includes('Failed')
      ? 'Failed'
      : phases.includes('Error')
        ? 'Error'
        : phases.every((p) => p === 'Successful')
          ? 'Successful'
          : undefined;
    if (ended === undefined) return;
    const now = this.sim.now;
    this.terminate();
    this.phase = ended;
    if (ended !== 'Successful')
      this.verdict = verdictOf(this.metrics.find((m) => m.phase === ended)!);
    this.done(ended, now);
  }
}

/**
 * Why the metric failed or errored (assessMetricFailureInconclusiveOrError's words). Only the
 * metric just measured can have ended the run: any earlier one would have ended it then.
 */
function verdictOf(metric: MetricRun): MetricVerdict {
  const { spec } = metric;
  const failed = metric.phase === 'Failed';
  return {
    metric: spec.name,
    phase: failed ? 'Failed' : 'Error',
    reason: failed
      ? `failed (${metric.failed}) > failureLimit (${spec.failureLimit})`
      : `consecutiveErrors (${metric.consecutiveErrors}) > consecutiveErrorLimit (${spec.consecutiveErrorLimit})`,
    measures: parseSuccessCondition(spec.successCondition)!.metric,
    lastValue: metric.lastValue,
  };
}

/** The metric's value over its window; undefined with no calls. */
function measured(spec: MetricSpec, window: MetricWindow): number | undefined {
  if (window.ended === 0) return undefined;
  const condition = parseSuccessCondition(spec.successCondition)!;
  if (condition.metric === 'errorRate') return window.failed / window.ended;
  return window.latency.quantileMs(condition.percentile) ?? undefined;
}
