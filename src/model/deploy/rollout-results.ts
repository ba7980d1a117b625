import type { ArgoRolloutResult, RolloutResult } from '../../metrics/rollout-result.js';
import type { MetricVerdict } from './analysis-run.js';
import type { RolloutRecord } from './rollout-record.js';

/** Seconds to the microsecond: a time's float noise (136.00200604610598) stays out of the file. */
const seconds = (ms: number) => Math.round(ms * 1000) / 1e6;

/** The run's rollouts as its result holds them (rollouts.csv), times in seconds. */
export function rolloutResults(records: readonly RolloutRecord[]): RolloutResult[] {
  return records.map((r) => ({
    service: r.service,
    fromRevision: r.fromRevision,
    toRevision: r.toRevision,
    fromVersion: r.fromVersion,
    toVersion: r.toVersion,
    strategy: r.strategy,
    replicas: r.replicas,
    startS: seconds(r.startMs),
    endS: r.endMs === undefined ? null : seconds(r.endMs),
    durationS: r.endMs === undefined ? null : seconds(r.endMs - r.startMs),
    outcome: r.outcome,
    peakPods: r.peakPods,
    lowestAvailable: r.lowestAvailable,
    failedRequests: r.failedRequests,
    servedByNew: r.servedByNew,
    ...(r.argo === undefined ? {} : { argo: argoResult(r.argo) }),
  }));
}

function argoResult(argo: NonNullable<RolloutRecord['argo']>): ArgoRolloutResult {
  const { progress, meter, frozen } = argo;
  const detected = progress.detectedAtMs;
  const failed = progress.failedMetric;
  return {
    stepsReached: progress.stepsReached,
    steps: progress.steps,
    analysisRuns: progress.analysisRuns,
    analysisFailures: progress.failedMeasurements,
    detectedS: detected === undefined ? null : seconds(detected),
    failedMetric: failed?.metric ?? null,
    failedMetricLastValue: failed === undefined ? null : lastValueText(failed),
    failedMetricReason: failed?.reason ?? null,
    requestsToNewVersion: frozen?.served ?? meter.served,
    failedAtNewVersion: frozen?.failed ?? meter.failedServed,
  };
}

/**
 * A measurement as its successCondition states it: 0.20512820 as "20.51%" (errorRate), 134.2174
 * ms as "134.217ms" (to the microsecond, as times elsewhere); null when it found no call.
 */
export function lastValueText(verdict: MetricVerdict): string | null {
  const value = verdict.lastValue;
  if (value === undefined) return null;
  if (verdict.measures === 'errorRate') return `${Math.round(value * 10_000) / 100}%`;
  return `${Math.round(value * 1000) / 1000}ms`;
}
