import type { Problem } from './errors.js';
import { DEPLOY_STAGE } from './pipeline-schema.js';
import type { Scenario } from './schema.js';
import { suggestFor } from './suggest.js';
import { formatDuration } from './units.js';

/**
 * Checks of `pipelines:` that involve more than one field (docs/cicd.md): its services exist
 * once each and run one ReplicaSet (no `versions`: the deploy replaces the service's pods),
 * stage names are unique, a deploy stage is the last one, commit times fall within duration.
 */
export function checkPipelines(scenario: Scenario): Problem[] {
  const pipelines = scenario.pipelines;
  if (pipelines === undefined) return [];
  const problems: Problem[] = [];
  const names = Object.keys(scenario.services);
  const seen = new Set<string>();
  (pipelines.services ?? []).forEach((service, index) => {
    const path = ['pipelines', 'services', index];
    if (!Object.hasOwn(scenario.services, service))
      problems.push({
        path,
        message: `unknown service "${service}"${suggestFor(service, names, 'the services are')}`,
      });
    else if (seen.has(service)) problems.push({ path, message: `"${service}" is listed twice` });
    seen.add(service);
  });
  for (const service of pipelines.services ?? names) {
    (scenario.events ?? []).forEach((event, index) => {
      const action = event.rollout !== undefined ? 'rollout' : 'rollback';
      if ((event.rollout ?? event.rollback)?.service === service)
        problems.push({
          path: ['events', index, action, 'service'],
          message: `service "${service}" is deployed by its pipeline: a ${action} event would end rollouts its deploy stage waits for (leave it out of pipelines.services, or drop the event)`,
        });
    });
    if (scenario.services[service]?.versions !== undefined)
      problems.push({
        path: ['services', service, 'versions'],
        message: `service "${service}" has a pipeline: its deploy replaces all its pods, so it cannot also run side-by-side versions (remove versions, or leave it out of pipelines.services)`,
      });
  }
  const stageNames = new Set<string>();
  pipelines.stages.forEach((stage, index) => {
    const path = ['pipelines', 'stages', index, 'name'];
    if (stageNames.has(stage.name))
      problems.push({ path, message: `stage "${stage.name}" is listed twice` });
    stageNames.add(stage.name);
    if (stage.name === DEPLOY_STAGE && index !== pipelines.stages.length - 1)
      problems.push({
        path,
        message: `the ${DEPLOY_STAGE} stage must be the last stage (it ends when the new pods are ready)`,
      });
  });
  (pipelines.commits.at ?? []).forEach((at, index) => {
    if (at >= scenario.duration)
      problems.push({
        path: ['pipelines', 'commits', 'at', index],
        message: `must be before duration (${formatDuration(scenario.duration)}): commits arrive while the run's duration lasts`,
      });
  });
  return problems;
}
