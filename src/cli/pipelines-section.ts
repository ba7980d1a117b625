import type { PipelinesResult } from '../metrics/pipeline-result.js';
import type { Statistic } from '../metrics/run-result.js';
import { count, fixed, percent, renderTable } from './summary-table.js';

const minutes = (s: Statistic): Statistic => (s === null ? null : s / 60);

/**
 * The run's CI/CD pipelines (docs/cicd.md): the runner pool, then DORA's four keys per
 * service with a pipeline and for the whole system (`all`), over the measured commits.
 */
export function pipelinesSection(p: PipelinesResult): string {
  const pool =
    `Pipelines (${p.layout}, ${count(p.runners)} runner${p.runners === 1 ? '' : 's'}: busy ${percent(p.runnerUtilization, 1)}; ` +
    `${count(p.jobs)} jobs waited for a runner ${fixed(p.jobWaitMeanS, 1)} s on average, p95 ${fixed(p.jobWaitP95S, 1)} s)`;
  return `${pool}\n${renderTable(
    [
      'service',
      'commits',
      'deploys',
      'deploys/day',
      'lead p50 min',
      'lead p95 min',
      'change failure',
      'restore mean min',
      'pipeline failures',
    ],
    p.dora.map((d) => [
      d.service,
      count(d.commits),
      count(d.deploys),
      fixed(d.deploysPerDay, 2),
      fixed(minutes(d.leadTimeP50S), 1),
      fixed(minutes(d.leadTimeP95S), 1),
      percent(d.changeFailureRate, 1),
      fixed(minutes(d.timeToRestoreMeanS), 1),
      count(d.pipelineFailures),
    ]),
    1,
  )}`;
}
