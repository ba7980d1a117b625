import type { Statistic } from '../metrics/run-result.js';
import type { RunRecord } from './run-record.js';

/**
 * Issue 14: runs.csv's rollout columns, appended after the headline metrics only when one of
 * its runs rolls a Deployment, so every other sweep's runs.csv keeps its bytes
 * (docs/deployments.md, "Outputs"). A run without a rollout that ended has empty cells.
 */
export const ROLLOUT_RUN_COLUMNS = [
  'rollout_duration_s',
  'rollout_lowest_available_ratio',
  'rollout_failed_requests',
] as const;

export function hasRolloutColumns(records: readonly RunRecord[]): boolean {
  return records.some((record) => record.result.rollouts !== undefined);
}

/** The longest ended rollout, the lowest available share of replicas, the failures during all. */
export function rolloutRunCells(record: RunRecord): Statistic[] {
  const rollouts = record.result.rollouts ?? [];
  const durations = rollouts.flatMap((r) => (r.durationS === null ? [] : [r.durationS]));
  const ratios = rollouts.flatMap((r) => (r.replicas > 0 ? [r.lowestAvailable / r.replicas] : []));
  return [
    durations.length === 0 ? null : Math.max(...durations),
    ratios.length === 0 ? null : Math.min(...ratios),
    rollouts.length === 0 ? null : rollouts.reduce((sum, r) => sum + r.failedRequests, 0),
  ];
}
