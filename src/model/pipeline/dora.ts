import type { DoraRow, PipelineRunRow } from '../../metrics/pipeline-result.js';

/**
 * DORA's four keys (https://dora.dev/guides/dora-metrics-four-keys/) from a run's pipeline
 * rows, over the commits that arrived in the measured window: per service, then `all`.
 * - lead time for changes: commit to its version live (every new pod ready); a monorepo
 *   commit is live when every service it deploys is; a commit whose pipeline failed has
 *   none; one unfinished when the run ended ranks last in the quantiles (Infinity) and is
 *   left out of the mean, which is over the commits that went live;
 * - deployment frequency: deployments per day of the measured window, a deployment being a
 *   commit whose rollouts all completed (a monorepo commit's rollouts are one deployment;
 *   one superseded by a later commit's before it completed is not one);
 * - change failure rate: of those, the share that were bad releases (needed remediation);
 * - time to restore (failed deployment recovery time): from a bad release live to a good
 *   version live again (a rollback or a later deploy).
 * Statistics with no samples are null. Quantiles are nearest-rank.
 */
export function doraRows(
  rows: readonly PipelineRunRow[],
  services: readonly string[],
  days: number,
  deploys: boolean,
): DoraRow[] {
  const measured = rows.filter((row) => row.measured);
  const perService = services.map((service) =>
    doraRow(
      service,
      measured.filter((row) => row.service === service),
      days,
      deploys,
    ),
  );
  return [...perService, doraRow('all', measured, days, deploys)];
}

function doraRow(
  service: string,
  rows: readonly PipelineRunRow[],
  days: number,
  deploys: boolean,
): DoraRow {
  const byCommit = new Map<number, PipelineRunRow[]>();
  for (const row of rows) {
    const list = byCommit.get(row.commit);
    if (list === undefined) byCommit.set(row.commit, [row]);
    else list.push(row);
  }
  const leadTimes: number[] = [];
  let unfinished = 0;
  let pipelineFailures = 0;
  for (const commitRows of byCommit.values()) {
    if (commitRows.some((row) => row.result === 'failed')) {
      pipelineFailures++;
      continue;
    }
    if (deploys && commitRows.some((row) => row.result === 'unfinished')) unfinished++;
    if (!commitRows.every((row) => row.result === 'deployed' || row.result === 'superseded'))
      continue;
    const live = Math.max(...commitRows.map((row) => row.deployEndS!));
    leadTimes.push(live - commitRows[0]!.commitS);
  }
  // A commit still on its way when the run ended took longer than any that arrived: it
  // ranks last (Infinity), so an overloaded pool's p95 says so instead of hiding it.
  const ranked = [...leadTimes, ...Array<number>(unfinished).fill(Number.POSITIVE_INFINITY)];
  // A deployment is a commit's release: every rollout it made completed (a monorepo
  // commit's are one deployment); it failed if one of them was a bad release.
  const deployments = [...byCommit.values()].filter((commitRows) =>
    commitRows.every((row) => row.result === 'deployed'),
  );
  const failedDeploys = deployments.filter((commitRows) => commitRows.some((row) => row.bad));
  const bad = rows.filter((row) => row.result === 'deployed' && row.bad);
  const restore = bad
    .filter((row) => row.restoredS !== null)
    .map((row) => row.restoredS! - row.deployEndS!);
  return {
    service,
    commits: byCommit.size,
    deploys: deployments.length,
    deploysPerDay: days > 0 ? deployments.length / days : null,
    leadTimeP50S: nearestRank(ranked, 0.5),
    leadTimeP95S: nearestRank(ranked, 0.95),
    leadTimeMeanS: mean(leadTimes),
    failedDeploys: failedDeploys.length,
    changeFailureRate: deployments.length === 0 ? null : failedDeploys.length / deployments.length,
    timeToRestoreP50S: nearestRank(restore, 0.5),
    timeToRestoreMeanS: mean(restore),
    pipelineFailures,
  };
}

/** The nearest-rank quantile: the ceil(q × n)-th smallest; null without samples. */
export function nearestRank(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
