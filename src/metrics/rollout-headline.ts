import type { OptionalHeadlines } from './optional-headlines.js';
import { byName } from './optional-headlines.js';
import type { RunResult, Statistic } from './run-result.js';

/**
 * Issue 14: a run's rollouts as headline metrics (docs/deployments.md, "Outputs"), only in
 * runs that roll a Deployment (optional-headlines.ts): the longest rollout that ended, the
 * lowest share of replicas available during any, and the requests that failed during all.
 */
export const ROLLOUT_HEADLINES: OptionalHeadlines = {
  names: ['rollout_duration_s', 'rollout_lowest_available_ratio', 'rollout_failed_requests'],
  has: (result) => result.rollouts !== undefined,
  metrics: (result) => byName(ROLLOUT_HEADLINES.names, rolloutValues(result)),
  directions: {
    rollout_duration_s: 'lower',
    rollout_lowest_available_ratio: 'higher',
    rollout_failed_requests: 'lower',
  },
  compared: ['rollout_duration_s', 'rollout_lowest_available_ratio', 'rollout_failed_requests'],
};

function rolloutValues(result: RunResult): Statistic[] {
  const rollouts = result.rollouts ?? [];
  const durations = rollouts.flatMap((r) => (r.durationS === null ? [] : [r.durationS]));
  const ratios = rollouts.flatMap((r) => (r.replicas > 0 ? [r.lowestAvailable / r.replicas] : []));
  return [
    durations.length === 0 ? null : Math.max(...durations),
    ratios.length === 0 ? null : Math.min(...ratios),
    rollouts.length === 0 ? null : rollouts.reduce((sum, r) => sum + r.failedRequests, 0),
  ];
}
