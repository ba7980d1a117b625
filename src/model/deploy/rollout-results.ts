import type { ArgoRolloutResult, RolloutResult } from '../../metrics/rollout-result.js';
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
  return {
    stepsReached: progress.stepsReached,
    steps: progress.steps,
    analysisRuns: progress.analysisRuns,
    analysisFailures: progress.failedMeasurements,
    detectedS: detected === undefined ? null : seconds(detected),
    requestsToNewVersion: frozen?.served ?? meter.served,
    failedAtNewVersion: frozen?.failed ?? meter.failedServed,
  };
}
