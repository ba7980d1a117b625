import type { RolloutResult } from '../metrics/rollout-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication (docs/deployments.md, "Outputs"). */
export const ROLLOUT_COLUMNS = [
  'service',
  'from_revision',
  'to_revision',
  'from_version',
  'to_version',
  'strategy',
  'replicas',
  'start_s',
  'end_s',
  'duration_s',
  'outcome',
  'peak_pods',
  'lowest_available',
  'failed_requests',
  'served_by_new',
] as const;

export type RolloutColumn = (typeof ROLLOUT_COLUMNS)[number];

export function rolloutFields(r: RolloutResult): Record<RolloutColumn, Cell> {
  return {
    service: r.service,
    from_revision: r.fromRevision,
    to_revision: r.toRevision,
    from_version: r.fromVersion,
    to_version: r.toVersion,
    strategy: r.strategy,
    replicas: r.replicas,
    start_s: r.startS,
    end_s: r.endS,
    duration_s: r.durationS,
    outcome: r.outcome,
    peak_pods: r.peakPods,
    lowest_available: r.lowestAvailable,
    failed_requests: r.failedRequests,
    served_by_new: r.servedByNew,
  };
}

/** Appended only when a run of the file has an Argo Rollout (other files keep their bytes). */
export const ARGO_ROLLOUT_COLUMNS = [
  'steps_reached',
  'steps',
  'analysis_runs',
  'analysis_failures',
  'detected_s',
  'requests_to_new_version_before_abort',
  'failed_at_new_version',
  'failed_metric',
  'failed_metric_last_value',
  'failed_metric_reason',
] as const;

type ArgoColumn = (typeof ARGO_ROLLOUT_COLUMNS)[number];

function argoFields(r: RolloutResult): Record<RolloutColumn | ArgoColumn, Cell> {
  const a = r.argo;
  return {
    ...rolloutFields(r),
    steps_reached: a?.stepsReached ?? null,
    steps: a?.steps ?? null,
    analysis_runs: a?.analysisRuns ?? null,
    analysis_failures: a?.analysisFailures ?? null,
    detected_s: a?.detectedS ?? null,
    requests_to_new_version_before_abort: a?.requestsToNewVersion ?? null,
    failed_at_new_version: a?.failedAtNewVersion ?? null,
    failed_metric: a?.failedMetric ?? null,
    failed_metric_last_value: a?.failedMetricLastValue ?? null,
    failed_metric_reason: a?.failedMetricReason ?? null,
  };
}

const plainCsv = perRunTable(
  ROLLOUT_COLUMNS,
  (record) => record.result.rollouts ?? [],
  rolloutFields,
);
const argoCsv = perRunTable(
  [...ROLLOUT_COLUMNS, ...ARGO_ROLLOUT_COLUMNS],
  (record) => record.result.rollouts ?? [],
  argoFields,
);

/** rollouts.csv: one row per (run, rollout), in order of their start. */
export const rolloutsCsv: typeof plainCsv = (records, paramNames) =>
  records.some((record) => record.result.rollouts?.some((r) => r.argo !== undefined))
    ? argoCsv(records, paramNames)
    : plainCsv(records, paramNames);
