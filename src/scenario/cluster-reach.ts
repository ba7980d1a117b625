import type { Scenario } from './schema.js';

/** How many of something a run holds: the most at once, and how many are made in all. */
export interface Reach {
  mostAtOnce: number;
  made: number;
}

/** Pods per service and nodes per pool that a scenario's `events:` can reach. */
export interface ClusterReach {
  pods: Map<string, Reach>;
  nodes: Map<string, Reach>;
}

/**
 * What the work estimate must count beyond the cluster at the start: a scale event adds the
 * pods above the replicas asked for before it; a deleted or crashed pod is replaced (one more
 * pod made; the gone one's object stays in the run's records); addNodes adds nodes,
 * removeNodes takes them off the count at once. Events are taken in time order, as the run
 * applies them. Not counted: the replacements of pods evicted by removeNodes (which pods a
 * node holds is known only when the run places them).
 *
 * Worked example: web has 3 replicas; scale to 10 at 1 min, to 2 at 2 min, to 8 at 3 min,
 * and deletePod web-0: at most 10 pods at once, 3 + 7 + 6 + 1 = 17 made.
 */
export function clusterReach(scenario: Scenario): ClusterReach {
  const pods = new Map<string, Reach & { desired: number }>();
  for (const [name, service] of Object.entries(scenario.services))
    pods.set(name, {
      desired: service.replicas,
      mostAtOnce: service.replicas,
      made: service.replicas,
    });
  const nodes = new Map<string, Reach & { count: number }>();
  for (const pool of scenario.cluster.nodePools)
    nodes.set(pool.name, { count: pool.count, mostAtOnce: pool.count, made: pool.count });
  const inTimeOrder = [...(scenario.events ?? [])].sort((a, b) => a.at - b.at);
  for (const event of inTimeOrder) {
    if (event.scale !== undefined) {
      const service = pods.get(event.scale.service);
      if (service === undefined) continue;
      service.made += Math.max(0, event.scale.replicas - service.desired);
      service.desired = event.scale.replicas;
      service.mostAtOnce = Math.max(service.mostAtOnce, service.desired);
    }
    // Issue 14: a rollout or rollback makes every replica anew; with surge and terminating
    // pods the service holds at most twice its replicas at once (docs/deployments.md). An
    // Argo canary (the stable at 100% beside a canary growing to 100%) and blue/green (blue
    // kept beside green) hold twice as well, and make the new revision's replicas once.
    const rolled = event.rollout?.service ?? event.rollback?.service;
    if (rolled !== undefined) {
      const service = pods.get(rolled);
      if (service === undefined) continue;
      service.made += service.desired;
      service.mostAtOnce = Math.max(service.mostAtOnce, 2 * service.desired);
    }
    const replaced = event.deletePod ?? event.crashPod;
    if (replaced !== undefined) {
      const service = pods.get(replaced.slice(0, replaced.lastIndexOf('-')));
      if (service !== undefined) service.made++;
    }
    if (event.addNodes !== undefined) {
      const pool = nodes.get(event.addNodes.pool);
      if (pool === undefined) continue;
      pool.count += event.addNodes.count;
      pool.made += event.addNodes.count;
      pool.mostAtOnce = Math.max(pool.mostAtOnce, pool.count);
    }
    if (event.removeNodes !== undefined) {
      const pool = nodes.get(event.removeNodes.pool);
      if (pool !== undefined) pool.count = Math.max(0, pool.count - event.removeNodes.count);
    }
  }
  withAutoscalers(scenario, pods, nodes);
  return { pods: reachOnly(pods), nodes: reachOnly(nodes) };
}

/**
 * Issue 14 (docs/autoscaling.md): an HPA may hold up to maxReplicas pods and a pool's cluster
 * autoscaler up to maxNodes nodes; counted as one climb to them from the start (an HPA that
 * scales up and down repeatedly makes more, which no bound known before the run gives).
 */
function withAutoscalers(
  scenario: Scenario,
  pods: Map<string, Reach & { desired: number }>,
  nodes: Map<string, Reach & { count: number }>,
): void {
  for (const [name, service] of Object.entries(scenario.services)) {
    const hpa = service.autoscaling;
    const reach = pods.get(name);
    if (hpa === undefined || reach === undefined) continue;
    reach.made += Math.max(0, hpa.maxReplicas - service.replicas);
    reach.mostAtOnce = Math.max(reach.mostAtOnce, hpa.maxReplicas);
  }
  for (const pool of scenario.cluster.nodePools) {
    const reach = nodes.get(pool.name);
    if (pool.autoscaling === undefined || reach === undefined) continue;
    reach.made += Math.max(0, pool.autoscaling.maxNodes - pool.count);
    reach.mostAtOnce = Math.max(reach.mostAtOnce, pool.autoscaling.maxNodes);
  }
}

function reachOnly(counts: Map<string, Reach>): Map<string, Reach> {
  return new Map([...counts].map(([name, { mostAtOnce, made }]) => [name, { mostAtOnce, made }]));
}
