import type { OptionalHeadlines } from './optional-headlines.js';
import { byName } from './optional-headlines.js';
import type { RunResult, Statistic } from './run-result.js';

/**
 * Issue 14: what a canary or blue/green rollout answers (docs/deployments.md, "Outputs"),
 * only in runs with an Argo Rollout (optional-headlines.ts): the requests that met the new
 * version and those of them that failed (summed over its Argo rollouts), and the first
 * instant an analysis failed (empty if none did: nothing was detected).
 */
export const ARGO_ROLLOUT_HEADLINES: OptionalHeadlines = {
  names: ['rollout_requests_to_new_version', 'rollout_failed_at_new_version', 'rollout_detected_s'],
  has: (result) => result.rollouts?.some((r) => r.argo !== undefined) ?? false,
  metrics: (result) => byName(ARGO_ROLLOUT_HEADLINES.names, argoValues(result)),
  directions: {
    rollout_requests_to_new_version: 'lower',
    rollout_failed_at_new_version: 'lower',
    rollout_detected_s: 'lower',
  },
  compared: [
    'rollout_requests_to_new_version',
    'rollout_failed_at_new_version',
    'rollout_detected_s',
  ],
};

function argoValues(result: RunResult): Statistic[] {
  const argo = (result.rollouts ?? []).flatMap((r) => (r.argo === undefined ? [] : [r.argo]));
  const detected = argo.flatMap((a) => (a.detectedS === null ? [] : [a.detectedS]));
  return [
    argo.reduce((sum, a) => sum + a.requestsToNewVersion, 0),
    argo.reduce((sum, a) => sum + a.failedAtNewVersion, 0),
    detected.length === 0 ? null : Math.min(...detected),
  ];
}
