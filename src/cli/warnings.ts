import { feasibleNodesToFind } from '../model/nodes-to-score.js';
import { pendingPods } from '../model/placement.js';
import { formatPath, type Scenario } from '../scenario/index.js';
import { scenarioWarnings } from '../scenario/warnings.js';

/**
 * Prints, on stderr, what a scenario may say but almost surely does not mean (see
 * scenario/warnings.ts), and pods that find no room: the command goes on and its exit
 * code does not change. For a sweep, only what holds in every scenario it runs: a variant
 * that sets 0 replicas to study an outage, or a grid over node counts that starts at 0,
 * is the point of the sweep, not a slip.
 */
export function printWarnings(file: string, scenarios: readonly Scenario[]): void {
  for (const warning of commonWarnings(scenarios)) {
    process.stderr.write(`${file}: warning: ${warning}\n`);
  }
}

function commonWarnings(scenarios: readonly Scenario[]): string[] {
  const [first, ...rest] = [...new Set(scenarios)].map(warningsOf);
  if (first === undefined) return [];
  return first.filter((warning) => rest.every((others) => others.includes(warning)));
}

function warningsOf(scenario: Scenario): string[] {
  return [
    ...scenarioWarnings(scenario).map(({ path, message }) => `${formatPath(path)}: ${message}`),
    ...placementWarnings(scenario),
  ];
}

/**
 * A pod that fits on no node type is an error; one that fits a node type but not the
 * cluster as sized stays Pending: valid, but worth saying before a run.
 */
function placementWarnings(scenario: Scenario): string[] {
  if (placementScores(scenario) > PLACEMENT_CHECK_SCORES) return [];
  // Placement alone (model/placement.ts): no histograms, no pods built for a check.
  const pendingByService = new Map<string, number>();
  for (const pod of pendingPods(scenario))
    pendingByService.set(pod.service, (pendingByService.get(pod.service) ?? 0) + 1);
  return Object.keys(scenario.services).flatMap((service) => {
    const pending = pendingByService.get(service) ?? 0;
    if (pending === 0) return [];
    const replicas = scenario.services[service]!.replicas;
    // "1 of 7 pods finds", "2 of 7 pods find": the verb agrees with the pods that do.
    const verbs =
      pending === 1 ? 'finds no room on the nodes and stays' : 'find no room on the nodes and stay';
    return [
      `services.${service}: ${pending} of ${plural(replicas, 'pod')} ${verbs} Pending (msasim explain shows why)`,
    ];
  });
}

/**
 * Nodes scored to place every pod: validate places the pods only below this (about a
 * second); a larger cluster is placed by the run, whose estimate counts it, and explain.
 */
const PLACEMENT_CHECK_SCORES = 5_000_000;

function placementScores(scenario: Scenario): number {
  let nodes = 0;
  for (const pool of scenario.cluster.nodePools) nodes += pool.count;
  let pods = 0;
  for (const service of Object.values(scenario.services)) pods += service.replicas;
  return pods * feasibleNodesToFind(nodes);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
