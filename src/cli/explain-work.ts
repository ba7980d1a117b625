import { checkRunWork } from '../runner/work-check.js';
import { formatBytes, formatCount } from '../scenario/count-text.js';
import type { Scenario } from '../scenario/schema.js';
import type { WorkEstimate } from '../scenario/work-estimate.js';
import { WorkLimitError, type WorkLimits } from '../scenario/work-limits.js';
import { estimateLine } from './commands/validate.js';

/**
 * What `msasim explain` says about the work of a run, and what that lets it show. Explain
 * runs nothing, so a scenario over the limits is still explained, with the refusal `run`
 * would give; but explain builds the run's pods and nodes to show where they land, and that
 * is most of the memory a run holds: over the memory limit it does not build them.
 */
export interface WorkVerdict {
  estimate: WorkEstimate;
  limits: WorkLimits;
  /** why `msasim run` would refuse the scenario, if it would */
  refusal: WorkLimitError | undefined;
}

export function workVerdict(file: string, scenario: Scenario, limits: WorkLimits): WorkVerdict {
  try {
    return { estimate: checkRunWork(file, scenario, limits), limits, refusal: undefined };
  } catch (error) {
    if (!(error instanceof WorkLimitError) || error.estimate === undefined) throw error;
    return { estimate: error.estimate, limits, refusal: error };
  }
}

/**
 * Whether explain may build the run's pods, nodes and histograms to show where pods land:
 * not when they alone take more memory than a run may hold.
 */
export function showsPlacement({ estimate, limits }: WorkVerdict): boolean {
  return estimate.topologyBytes <= limits.memoryBytes;
}

/** The section in place of the cluster's and services' placement, when it is not built. */
export function placementNotShown(scenario: Scenario, { estimate, limits }: WorkVerdict): string {
  const pods = Object.values(scenario.services).reduce((sum, s) => sum + s.replicas, 0);
  const nodes = scenario.cluster.nodePools.reduce((sum, pool) => sum + pool.count, 0);
  return (
    `Cluster and services: ${formatCount(pods)} pods on ${formatCount(nodes)} nodes. Where each pod ` +
    `lands is not shown: building them takes about ${formatBytes(estimate.topologyBytes)}, more than ` +
    `the memory limit of ${formatBytes(limits.memoryBytes)} (see Work below)`
  );
}

/** The estimate and the limits; or the refusal `msasim run` would give, one line per limit. */
export function workSection({ estimate, limits, refusal }: WorkVerdict): string {
  if (refusal === undefined) return `Work\n  ${estimateLine(estimate, false, limits)}`;
  return [
    'Work: msasim run and msasim validate would refuse this scenario, before building anything:',
    ...refusal.message.split('\n').map((line) => `  ${line}`),
  ].join('\n');
}
