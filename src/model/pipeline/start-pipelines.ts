import type { RandomStreams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { Scenario } from '../../scenario/schema.js';
import type { ControlSurface } from '../cluster/control-surface.js';
import type { DistributionCache } from '../distribution-cache.js';
import { PipelineRuns } from './pipeline-runs.js';
import { DeploymentRollout } from './rollout-starter.js';

/** A scenario's pipelines, ready to start once the live cluster exists; none without `pipelines:`. */
export function pipelinesFor(
  scenario: Scenario,
  parts: { sim: Simulation; streams: RandomStreams; distributions: DistributionCache },
): { runs: PipelineRuns; rollouts: DeploymentRollout } | undefined {
  const { pipelines } = scenario;
  if (pipelines === undefined) return undefined;
  const rollouts = new DeploymentRollout();
  const runs = new PipelineRuns({ ...parts, scenario: { ...scenario, pipelines }, rollouts });
  return { runs, rollouts };
}

/** The pipelines' deploys act on the cluster; their commits start arriving. */
export function startPipelines(
  pipelines: { runs: PipelineRuns; rollouts: DeploymentRollout },
  surface: ControlSurface,
): void {
  pipelines.rollouts.surface = surface;
  surface.addRolloutListener(pipelines.rollouts);
  pipelines.runs.start();
}
