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

/** rollouts.csv: one row per (run, rollout), in order of their start. */
export const rolloutsCsv = perRunTable(
  ROLLOUT_COLUMNS,
  (record) => record.result.rollouts ?? [],
  rolloutFields,
);
