import { createDistribution } from '../engine/distributions/create.js';
import { arrivalsOf } from './arrival-estimate.js';
import { calleesOf, callGraphSizes } from './call-graph-size.js';
import type { Problem } from './errors.js';
import type { Scenario, WorkloadConfig } from './schema.js';

/**
 * A Deployment sized for its expected load as the HPA would settle it, without the HPA
 * (issue 14 builds the controller): `replicas: { targetCPUUtilization, min, max }` becomes
 *
 *   replicas = clamp(ceil(demand / (target × request)), min, max)
 *
 * where demand is the CPU per second the workloads ask of the service at their mean rates
 * (each workload's expected requests over the run divided by its duration, times the calls
 * each request makes to each of the service's endpoints through the call graph, times the
 * endpoint's mean CPU time) and request is one pod's CPU request. It is the HPA's own rule,
 * desired = ceil(current × utilization / target) (Kubernetes docs, "Horizontal Pod
 * Autoscaling", algorithm details), at its fixed point: with that many replicas the mean
 * utilization is at or just below the target. A steady-state stand-in: it sees the mean
 * load only, not bursts, ramps or the HPA's reaction time.
 *
 * Worked example: 200 req/s to an endpoint of 12 ms CPU is 2.4 cores; at 60% of a 500m
 * request each pod may use 0.3 cores, so ceil(2.4 / 0.3) = 8 replicas. At 201 req/s,
 * 2.412 cores need ceil(8.04) = 9.
 */
export function resolveRightSizing(scenario: Scenario): {
  scenario: Scenario;
  problems: Problem[];
} {
  const sized = Object.entries(scenario.services).filter(([, s]) => s.replicaSizing !== undefined);
  if (sized.length === 0) return { scenario, problems: [] };
  const problems: Problem[] = [];
  const demand = cpuDemandByService(scenario);
  const services = { ...scenario.services };
  for (const [name, service] of sized) {
    const sizing = service.replicaSizing!;
    const podRequestCores = service.resources.requests.cpu;
    if (!(podRequestCores > 0)) {
      problems.push({
        path: ['services', name, 'resources', 'requests', 'cpu'],
        message:
          'a right-sized service needs a CPU request above 0: the HPA measures utilization against it',
      });
      continue;
    }
    const demandCores = demand.get(name) ?? 0;
    const perPod = (sizing.targetCPUUtilization / 100) * podRequestCores;
    // A hair's tolerance: 2.4 / 0.3 is 8.000000000000002 in floating point, and is 8 pods.
    const unclamped = Math.max(0, Math.ceil(demandCores / perPod - 1e-9));
    const replicas = Math.min(sizing.max, Math.max(sizing.min, unclamped));
    services[name] = {
      ...service,
      replicas,
      replicaSizing: { ...sizing, demandCores, podRequestCores, unclamped },
    };
  }
  return { scenario: { ...scenario, services }, problems };
}

/**
 * The CPU per second (cores) the workloads' mean rates ask of each service: Σ over
 * workloads of rate × the expected calls a request makes to each endpoint × its mean CPU.
 */
export function cpuDemandByService(scenario: Scenario): Map<string, number> {
  const visits = expectedVisits(scenario);
  const demand = new Map<string, number>();
  for (const [key, perSecond] of visits) {
    const dot = key.indexOf('.');
    const service = scenario.services[key.slice(0, dot)];
    const endpoint = service?.endpoints[key.slice(dot + 1)];
    if (endpoint === undefined) continue;
    const cpuMs = createDistribution(endpoint.cpu).mean;
    const name = key.slice(0, dot);
    demand.set(name, (demand.get(name) ?? 0) + (perSecond * cpuMs) / 1000);
  }
  return demand;
}

/** Calls per second to each endpoint (`service.endpoint`) at the workloads' mean rates. */
function expectedVisits(scenario: Scenario): Map<string, number> {
  const visits = new Map<string, number>();
  const seconds = scenario.duration / 1000;
  scenario.workload.forEach((workload, index) => {
    const perSecond = arrivalsOf(scenario, workload, ['workload', index]).requests / seconds;
    const entries = Object.entries(workload.mix ?? { [workload.target ?? '']: 1 });
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [entry, weight] of entries) {
      const attempts = expectedAttempts(scenario, workload, entry);
      visits.set(entry, (visits.get(entry) ?? 0) + (perSecond * weight * attempts) / total);
    }
  });
  // callGraphSizes lists every endpoint after its callees: the reverse has callers first,
  // so an endpoint's visits are complete before they flow on to its callees.
  const order = [...callGraphSizes(scenario).keys()].reverse();
  for (const key of order) {
    const own = visits.get(key) ?? 0;
    if (own === 0) continue;
    for (const { key: callee, probability } of calleesOf(scenario, key))
      visits.set(callee, (visits.get(callee) ?? 0) + own * probability);
  }
  return visits;
}

/**
 * Attempts per request of a workload that retries (`workload[].retry`): 1 + e + ... +
 * e^(maxAttempts − 1) for the entry endpoint's errorRate e, as an HPA would see their CPU.
 * Failures from further down the call graph, timeouts and throttles are left out: a
 * steady-state estimate, like the rest of the right-sizing.
 */
function expectedAttempts(scenario: Scenario, workload: WorkloadConfig, entry: string): number {
  const maxAttempts = workload.retry?.maxAttempts ?? 1;
  const dot = entry.indexOf('.');
  const errorRate =
    scenario.services[entry.slice(0, dot)]?.endpoints[entry.slice(dot + 1)]?.errorRate ?? 0;
  let attempts = 0;
  for (let k = 0; k < maxAttempts; k++) attempts += errorRate ** k;
  return attempts;
}

/**
 * A right-sized service whose mean load needs more than its max: the HPA would stay at max
 * with every pod above the target, which is legal but rarely what the max was meant for.
 */
export function rightSizingWarnings(scenario: Scenario): Problem[] {
  return Object.entries(scenario.services).flatMap(([name, service]) => {
    const sizing = service.replicaSizing;
    if (sizing === undefined || sizing.unclamped <= sizing.max) return [];
    const utilization = (sizing.demandCores / (sizing.max * sizing.podRequestCores)) * 100;
    return [
      {
        path: ['services', name, 'replicas', 'max'],
        message: `the mean load needs ${sizing.unclamped} replicas at ${sizing.targetCPUUtilization}% of the CPU request, but max is ${sizing.max}: its pods run at ${Number(utilization.toPrecision(3))}% of their request`,
      },
    ];
  });
}
