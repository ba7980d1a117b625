import { formatEstimate } from './count-text.js';
import { DEPLOY_STAGE } from './pipeline-schema.js';
import type { Scenario } from './schema.js';
import type { Part } from './work-estimate.js';

/**
 * Events of one pipeline run beyond its jobs' two each (start, end): a deploy's rollout,
 * its pods' phases (about 6 per pod: created, bound, pulling, starting, ready, terminating, gone)
 * and a bad release's detection and rollback.
 */
const EVENTS_PER_DEPLOYED_POD = 14;

/** The pipeline runs a scenario's commits start: commits × the services each one builds. */
export function pipelineRuns(scenario: Scenario): number {
  const p = scenario.pipelines;
  if (p === undefined) return 0;
  const services = (p.services ?? Object.keys(scenario.services)).length;
  const perPipeline = p.commits.at?.length ?? (p.commits.rate ?? 0) * (scenario.duration / 1000);
  // monorepo: one commit stream, each commit builds every service; per-service: one stream each
  return perPipeline * services;
}

/** The pipelines' events (docs/cicd.md), for the work estimate: none without `pipelines:`. */
export function pipelineEvents(scenario: Scenario): Part[] {
  const p = scenario.pipelines;
  if (p === undefined) return [];
  const runs = pipelineRuns(scenario);
  const replicas = (p.services ?? Object.keys(scenario.services)).map((name) => {
    const r = scenario.services[name]?.replicas;
    return typeof r === 'number' ? r : 1;
  });
  const podsPerDeploy = replicas.length === 0 ? 0 : Math.max(...replicas);
  const deploys = p.stages.some((s) => s.name === DEPLOY_STAGE) ? 1 : 0;
  const each = 1 + 2 * p.stages.length + deploys * EVENTS_PER_DEPLOYED_POD * podsPerDeploy;
  return [
    {
      amount: runs * each,
      path: ['pipelines', 'commits'],
      what: `${formatEstimate(runs)} pipeline runs, about ${formatEstimate(each)} events each (its jobs, and its rollout's pods)`,
      remedy: 'lower the commit rate or the duration',
    },
  ];
}
