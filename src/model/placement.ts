import { RandomStreams } from '../engine/random.js';
import type { Scenario } from '../scenario/schema.js';
import { fargateTaskNode, runsOnFargate } from './cluster/fargate-task.js';
import { buildNodes, type ClusterNode, podRequests } from './cluster.js';
import { KubeScheduler } from './kube-scheduler.js';
import { bindMeshDaemonSets, meshedPodRequests } from './mesh/proxy/mesh-requests.js';
import { versionSpecs } from './mesh/routing/versions.js';

/** A replica and where the scheduler put it: undefined when it fits nowhere (Pending). */
export interface PodPlacement {
  readonly name: string;
  readonly service: string;
  readonly node: ClusterNode | undefined;
  /** its version (a service without versions has one: v1) */
  readonly version: string;
}

/** The random stream kube-scheduler's ties are broken from. */
export const SCHEDULER_STREAM = 'cluster:scheduler';

/**
 * Schedules every service's replicas on the nodes (already holding their DaemonSet pods):
 * services in declaration order, each one's replicas in turn, as `kubectl apply` of the
 * file would queue them.
 */
export function placeServices(
  scenario: Scenario,
  nodes: readonly ClusterNode[],
  nextUniform: () => number,
  /** the scheduler that goes on placing pods during the run, if any */
  scheduler = new KubeScheduler(nodes, scenario.cluster.scheduler, nextUniform),
): PodPlacement[] {
  const placements: PodPlacement[] = [];
  for (const [service, config] of Object.entries(scenario.services)) {
    // Each version's replicas in turn, numbered on across versions: <service>-<n>.
    let n = 0;
    for (const version of versionSpecs(config)) {
      const pod = podRequests(
        service,
        meshedPodRequests(scenario, service, version.resources.requests),
      );
      const fargate = runsOnFargate(scenario, service);
      for (let i = 0; i < version.replicas; i++) {
        const name = `${service}-${n}`;
        // A Fargate pod never reaches kube-scheduler: it gets a node of its own.
        const node = fargate
          ? fargateTaskNode(scenario.cluster, name, n, pod)
          : scheduler.schedule(pod);
        n++;
        placements.push({ name, service, node, version: version.name });
      }
    }
  }
  return placements;
}

/**
 * The pods the scheduler leaves Pending, placed exactly as a run with this seed places them
 * but without building the rest of the model: `validate` warns about them, and a topology
 * holds latency histograms (about 96 KB each) that a check has no use for.
 */
export function pendingPods(
  scenario: Scenario,
  seed: number = scenario.seed,
): { name: string; service: string }[] {
  const next = new RandomStreams(seed).stream(SCHEDULER_STREAM).next;
  const nodes = buildNodes(scenario.cluster);
  bindMeshDaemonSets(scenario, nodes);
  return placeServices(scenario, nodes, next)
    .filter((placement) => placement.node === undefined)
    .map(({ name, service }) => ({ name, service }));
}
