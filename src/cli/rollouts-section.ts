import type { RolloutResult } from '../metrics/rollout-result.js';
import { count, fixed, renderTable } from './summary-table.js';

/**
 * The run's rollouts (docs/deployments.md): per rollout, how long it took, the most pods
 * and the fewest available at any instant, and the requests that failed meanwhile.
 */
export function rolloutsSection(rollouts: readonly RolloutResult[]): string {
  return `Rollouts (available: ready for minReadySeconds; failed: requests that ended failed during it)\n${renderTable(
    [
      'service',
      'revision',
      'version',
      'strategy',
      'start s',
      'duration s',
      'outcome',
      'peak pods',
      'lowest available',
      'failed',
      'served by new',
    ],
    rollouts.map((r) => [
      r.service,
      `${r.fromRevision} -> ${r.toRevision}`,
      `${r.fromVersion} -> ${r.toVersion}`,
      r.strategy,
      fixed(r.startS, 1),
      fixed(r.durationS, 1),
      r.outcome,
      count(r.peakPods),
      `${count(r.lowestAvailable)}/${count(r.replicas)}`,
      count(r.failedRequests),
      count(r.servedByNew),
    ]),
    2,
  )}${rollouts.map(argoLine).join('')}`;
}

/** An Argo Rollout's steps and analyses, and the requests that met its new version. */
function argoLine(r: RolloutResult): string {
  const a = r.argo;
  if (a === undefined) return '';
  const detected =
    a.detectedS === null
      ? 'no analysis failed'
      : `bad version detected at ${fixed(a.detectedS, 1)} s${failedMetricText(a)}`;
  return `\n  ${r.service} ${r.fromVersion} -> ${r.toVersion} (${r.strategy}): steps ${count(a.stepsReached)}/${count(a.steps)}, analysis runs ${count(a.analysisRuns)} (failed measurements ${count(a.analysisFailures)}), ${detected}; requests to ${r.toVersion} ${count(a.requestsToNewVersion)}, of which failed ${count(a.failedAtNewVersion)}`;
}

/** Which metric ended the analysis, as Argo's message names it: ` by errors (12.5%: failed (2) > failureLimit (1))`. */
function failedMetricText(a: NonNullable<RolloutResult['argo']>): string {
  if (a.failedMetric === null) return '';
  const value = a.failedMetricLastValue === null ? 'no data' : a.failedMetricLastValue;
  return ` by ${a.failedMetric} (${value}: ${a.failedMetricReason})`;
}
