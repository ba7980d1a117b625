import { distributionText, formatDuration } from '../../scenario/index.js';
import { DEPLOY_STAGE } from '../../scenario/pipeline-schema.js';
import type { Scenario } from '../../scenario/schema.js';

/**
 * The CI/CD pipelines as the run will have them (docs/cicd.md): which pipelines, their
 * commits, the runner pool, each stage, and the bad releases. Empty without `pipelines:`.
 */
export function pipelinesSection(s: Scenario): string {
  const p = s.pipelines;
  if (p === undefined) return '';
  const services = p.services ?? Object.keys(s.services);
  const commits =
    p.commits.at !== undefined
      ? `${p.commits.at.length} commits at fixed times`
      : `Poisson commits, ${+((p.commits.rate ?? 0) * 86_400).toPrecision(4)} a day`;
  const who =
    p.layout === 'monorepo'
      ? `one monorepo pipeline, ${commits}, each building and deploying ${services.length} services`
      : `${services.length} ${services.length === 1 ? 'pipeline' : 'pipelines'} (one per service), ${commits} each`;
  const stages = p.stages.map((stage) => {
    const fails =
      stage.failureProbability > 0
        ? ` (fails ${+(stage.failureProbability * 100).toFixed(4)}%)`
        : '';
    const rollout = stage.name === DEPLOY_STAGE ? " + the rollout (the Deployment's strategy)" : '';
    return `${stage.name} ${distributionText(stage.duration)}${fails}${rollout}`;
  });
  const lines = [
    'Pipelines (docs/cicd.md)',
    `  ${who}`,
    `  ${p.runners} shared ${p.runners === 1 ? 'runner' : 'runners'}: each stage a job on one runner, jobs waiting FIFO`,
    `  stages: ${stages.join(' → ')}`,
  ];
  const bad = p.badRelease;
  if (bad !== undefined)
    lines.push(
      `  bad releases: ${+(bad.probability * 100).toFixed(4)}% of deploys, found after ${distributionText(bad.detection)}, then ${bad.remediation === 'rollback' ? 'rolled back (no pipeline)' : 'fixed forward (a fix commit)'}`,
    );
  if (s.drain < 3_600_000)
    lines.push(
      `  the drain is ${formatDuration(s.drain)}: commits still in their pipelines when it ends are unfinished`,
    );
  return lines.join('\n');
}
