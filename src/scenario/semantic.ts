import { createDistribution } from '../engine/distributions/create.js';
import type { DistributionSpec } from '../engine/distributions/spec.js';
import { checkArgoRollouts } from './argo-rollout-checks.js';
import { checkAutoscaling } from './autoscaling-checks.js';
import { drawProblem } from './distribution-draws.js';
import type { PathSegment, Problem } from './errors.js';
import { checkEvents } from './event-checks.js';
import { checkFargate } from './fargate-checks.js';
import { checkFaults } from './fault-checks.js';
import { checkFunctions } from './function-checks.js';
import { functionNames, isFunction } from './function-endpoints.js';
import { FUNCTION_ENDPOINT } from './function-schema.js';
import { checkKubeProxyMode } from './kube-proxy-checks.js';
import { checkDaemonSets, checkReservations, checkSizes, schedulable } from './node-checks.js';
import { checkPipelines } from './pipeline-checks.js';
import { formatCpu, formatMemory, isDistribution } from './print.js';
import { checkQueues, isQueue, queueReferenceProblem } from './queue-checks.js';
import { ASYNC_ENDPOINT } from './queue-schema.js';
import { checkRouting } from './routing-checks.js';
import type { CallConfig, Scenario, ServiceConfig, WorkloadConfig } from './schema.js';
import { suggestFor } from './suggest.js';
import { formatDuration } from './units.js';

/**
 * Checks that need more than one field at a time: references between parts of the
 * scenario, and limits that involve two numbers. They run on a scenario that passed the
 * schema, and each returns every problem it finds, with the path of the field to fix.
 */
export function checkScenario(scenario: Scenario): Problem[] {
  return [
    ...checkHasServices(scenario),
    ...checkCallTargets(scenario),
    ...checkCallCycles(scenario),
    ...checkWorkloads(scenario),
    ...checkWarmup(scenario),
    ...checkNodePools(scenario),
    ...checkReservations(scenario),
    ...checkDaemonSets(scenario),
    ...checkPodsFit(scenario),
    ...checkLimits(scenario),
    ...checkCpuCapacity(scenario),
    ...checkDistributions(scenario),
    ...checkSizes(scenario),
    ...checkThinkTimes(scenario),
    ...checkEvents(scenario),
    ...checkFaults(scenario),
    ...checkKubeProxyMode(scenario),
    ...checkRouting(scenario),
    ...checkFunctions(scenario),
    ...checkQueues(scenario),
    ...checkFargate(scenario),
    ...checkAutoscaling(scenario),
    ...checkPipelines(scenario),
    ...checkArgoRollouts(scenario),
  ];
}

function checkHasServices(scenario: Scenario): Problem[] {
  if (Object.keys(scenario.services).length > 0 || functionNames(scenario).length > 0) return [];
  return [{ path: ['services'], message: 'needs at least one service' }];
}

// ── references: service.endpoint names ─────────────────────────────────────────────────

/** Why `service.endpoint` names nothing in the scenario, or undefined when it names one. */
function referenceProblem(
  scenario: Scenario,
  service: string,
  endpoint: string,
): string | undefined {
  const config = Object.hasOwn(scenario.services, service) ? scenario.services[service] : undefined;
  if (config === undefined && isFunction(scenario, service)) {
    if (endpoint === FUNCTION_ENDPOINT || endpoint === ASYNC_ENDPOINT) return undefined;
    return `function "${service}" has two endpoints: ${FUNCTION_ENDPOINT} (call it as "${service}" or "${service}.${FUNCTION_ENDPOINT}") and ${ASYNC_ENDPOINT} (asynchronous: "${service}.${ASYNC_ENDPOINT}")`;
  }
  if (config === undefined && isQueue(scenario, service))
    return queueReferenceProblem(service, endpoint);
  if (config === undefined) {
    // Listed only here: listing the services for every call made validation quadratic.
    const functions = functionNames(scenario);
    const queues = Object.keys(scenario.queues ?? {});
    const names = [...Object.keys(scenario.services), ...functions, ...queues];
    const kinds = [
      'service',
      ...(functions.length > 0 ? ['function'] : []),
      ...(queues.length > 0 ? ['queue'] : []),
    ];
    const what =
      kinds.length === 1 ? 'service' : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
    const intro = kinds.length === 1 ? 'the services are' : 'known names are';
    return `unknown ${what} "${service}"${suggestFor(service, names, intro)}`;
  }
  if (Object.hasOwn(config.endpoints, endpoint)) return undefined;
  const endpoints = Object.keys(config.endpoints);
  return `service "${service}" has no endpoint "${endpoint}"${suggestFor(endpoint, endpoints, 'its endpoints are')}`;
}

export interface CallSite {
  from: string;
  call: CallConfig | Omit<CallConfig, 'kind'>;
  path: PathSegment[];
}

/** Every call in the scenario, in file order, with the path of the step that makes it. */
export function callSites(scenario: Scenario): CallSite[] {
  const sites: CallSite[] = [];
  for (const [service, config] of Object.entries(scenario.services)) {
    for (const [endpoint, { calls }] of Object.entries(config.endpoints)) {
      const from = `${service}.${endpoint}`;
      const base = ['services', service, 'endpoints', endpoint, 'calls'];
      calls.forEach((step, index) => {
        if (step.kind === 'call') sites.push({ from, call: step, path: [...base, index] });
        else
          step.branches.forEach((call, branch) => {
            sites.push({ from, call, path: [...base, index, 'parallel', branch] });
          });
      });
    }
  }
  for (const [name, config] of Object.entries(scenario.functions ?? {})) {
    const from = `${name}.${FUNCTION_ENDPOINT}`;
    config.calls.forEach((step, index) => {
      const base = ['functions', name, 'calls', index];
      if (step.kind === 'call') sites.push({ from, call: step, path: base });
      else
        step.branches.forEach((call, branch) => {
          sites.push({ from, call, path: [...base, 'parallel', branch] });
        });
    });
  }
  return sites;
}

function checkCallTargets(scenario: Scenario): Problem[] {
  return callSites(scenario).flatMap(({ call, path }) => {
    const problem = referenceProblem(scenario, call.service, call.endpoint);
    return problem === undefined ? [] : [{ path, message: problem }];
  });
}

/**
 * An endpoint that calls back into one already on the request's way recurses without a
 * bound (or, behind a probability, to a random depth no real service has): the call graph
 * must be acyclic. A depth-first search reports each back edge once, as the cycle it
 * closes, written from the endpoint where the search entered the cycle.
 */
function checkCallCycles(scenario: Scenario): Problem[] {
  const edges = new Map<string, { to: string; path: PathSegment[] }[]>();
  for (const { from, call, path } of callSites(scenario)) {
    if (referenceProblem(scenario, call.service, call.endpoint) !== undefined) continue;
    const list = edges.get(from) ?? [];
    list.push({ to: `${call.service}.${call.endpoint}`, path });
    edges.set(from, list);
  }
  const problems: Problem[] = [];
  const done = new Set<string>();
  // The search keeps its own stack: a chain of 10,000 services is deeper than the call
  // stack of a recursive one. `depthOf` finds a node on the stack in O(1).
  const stack: { node: string; nextEdge: number }[] = [];
  const depthOf = new Map<string, number>();
  const enter = (node: string): void => {
    depthOf.set(node, stack.length);
    stack.push({ node, nextEdge: 0 });
  };
  for (const root of edges.keys()) {
    if (done.has(root)) continue;
    enter(root);
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const edge = edges.get(top.node)?.[top.nextEdge++];
      if (edge === undefined) {
        stack.pop();
        depthOf.delete(top.node);
        done.add(top.node);
        continue;
      }
      const depth = depthOf.get(edge.to);
      if (depth !== undefined) {
        const cycle = [...stack.slice(depth).map((frame) => frame.node), edge.to].join(' → ');
        problems.push({ path: edge.path, message: `call cycle: ${cycle}` });
      } else if (!done.has(edge.to)) {
        enter(edge.to);
      }
    }
  }
  return problems;
}

// ── workload ───────────────────────────────────────────────────────────────────────────

function checkWorkloads(scenario: Scenario): Problem[] {
  const firstIndex = new Map<string, number>();
  return scenario.workload.flatMap((workload, index) => {
    const path = ['workload', index];
    const problems = [...checkEntry(scenario, workload, path), ...checkTrace(workload, path)];
    const first = firstIndex.get(workload.name);
    if (first === undefined) firstIndex.set(workload.name, index);
    else
      problems.push({
        path: [...path, 'name'],
        message: `duplicate workload name "${workload.name}" (also workload[${first}])`,
      });
    return problems;
  });
}

/** Where the workload's requests enter: one target, or a weighted mix, never both. */
function checkEntry(scenario: Scenario, workload: WorkloadConfig, path: PathSegment[]): Problem[] {
  const { mix, target } = workload;
  if (mix !== undefined && target !== undefined) {
    return [{ path, message: 'give either target or mix, not both' }];
  }
  if (target !== undefined) return checkEntryName(scenario, target, [...path, 'target'], 'value');
  if (mix === undefined) {
    return [
      {
        path,
        message:
          'missing the entry endpoint: give target (one endpoint) or mix (several, weighted)',
      },
    ];
  }
  const names = Object.keys(mix);
  if (names.length === 0)
    return [{ path: [...path, 'mix'], message: 'needs at least one endpoint' }];
  return names.flatMap((name) => checkEntryName(scenario, name, [...path, 'mix', name], 'key'));
}

function checkEntryName(
  scenario: Scenario,
  name: string,
  path: PathSegment[],
  at: 'key' | 'value',
): Problem[] {
  const dot = name.indexOf('.');
  if (dot < 1 && isFunction(scenario, name)) {
    return [{ path, at, message: `a function's entry is "${name}.${FUNCTION_ENDPOINT}"` }];
  }
  if (dot < 1) {
    return [
      {
        path,
        at,
        message: `expected "service.endpoint", like ${exampleEndpoint(scenario)}; got "${name}"`,
      },
    ];
  }
  const problem = referenceProblem(scenario, name.slice(0, dot), name.slice(dot + 1));
  return problem === undefined ? [] : [{ path, at, message: problem }];
}

function exampleEndpoint(scenario: Scenario): string {
  for (const [service, config] of Object.entries(scenario.services)) {
    const endpoint = Object.keys(config.endpoints)[0];
    if (endpoint !== undefined) return `${service}.${endpoint}`;
  }
  return 'catalog.get';
}

function checkTrace(workload: WorkloadConfig, path: PathSegment[]): Problem[] {
  if (workload.arrivals !== 'trace') return [];
  const { file, values } = workload.trace;
  const tracePath = [...path, 'trace'];
  if (file !== undefined && values !== undefined) {
    return [{ path: tracePath, message: 'give either file or values, not both' }];
  }
  if (file === undefined && values === undefined) {
    return [{ path: tracePath, message: 'give file (a CSV file) or values (the column inline)' }];
  }
  if (values?.length === 0)
    return [{ path: [...tracePath, 'values'], message: 'needs at least one value' }];
  return [];
}

/**
 * A closed-loop client whose think time is zero on average would, after an instant
 * rejection (a full queue, no ready pod), send again at the same instant forever.
 */
function checkThinkTimes({ workload }: Scenario): Problem[] {
  return workload.flatMap((item, index) => {
    if (item.arrivals !== 'closed') return [];
    if (!isValidDistribution(item.thinkTime) || createDistribution(item.thinkTime).mean > 0)
      return [];
    return [
      {
        path: ['workload', index, 'thinkTime'],
        message: 'a closed-loop think time must be > 0 on average, like exponential(mean=1s)',
      },
    ];
  });
}

function isValidDistribution(spec: DistributionSpec): boolean {
  try {
    createDistribution(spec);
    return true;
  } catch {
    return false;
  }
}

/** A pod with no CPU could never finish a request. */
function checkCpuCapacity({ services }: Scenario): Problem[] {
  return Object.entries(services).flatMap(([name, config]) => {
    const { requests, limits } = config.resources;
    if ((limits.cpu ?? requests.cpu) > 0) return [];
    const field = limits.cpu === undefined ? 'requests' : 'limits';
    return [
      {
        path: ['services', name, 'resources', field, 'cpu'],
        message:
          'a pod needs CPU > 0 to serve requests (its capacity is limits.cpu, or requests.cpu without a limit)',
      },
    ];
  });
}

function checkWarmup({ warmup, duration }: Scenario): Problem[] {
  if (warmup < duration) return [];
  return [
    {
      path: ['warmup'],
      message: `warmup (${formatDuration(warmup)}) must be shorter than duration (${formatDuration(duration)})`,
    },
  ];
}

// ── cluster and pods ───────────────────────────────────────────────────────────────────

function checkNodePools({ cluster }: Scenario): Problem[] {
  const firstIndex = new Map<string, number>();
  return cluster.nodePools.flatMap((pool, index) => {
    const path = ['cluster', 'nodePools', index];
    const problems: Problem[] = (pool.zones ?? []).flatMap((zone, z) =>
      cluster.zones.includes(zone)
        ? []
        : [
            {
              path: [...path, 'zones', z],
              message: `unknown zone "${zone}"${suggestFor(zone, cluster.zones, "the cluster's zones are")}`,
            },
          ],
    );
    const first = firstIndex.get(pool.name);
    if (first === undefined) firstIndex.set(pool.name, index);
    else
      problems.push({
        path: [...path, 'name'],
        message: `duplicate node pool name "${pool.name}" (also cluster.nodePools[${first}])`,
      });
    return problems;
  });
}

/**
 * A pod that fits on no node type would stay Pending forever. What a node offers pods is
 * its allocatable CPU and memory less its DaemonSets' requests (node-checks.ts).
 */
function checkPodsFit(scenario: Scenario): Problem[] {
  const pools = schedulable(scenario);
  const fits = (cpu: number, memory: number) =>
    pools.some((pool) => cpu <= pool.cpuCores + 1e-9 && memory <= pool.memoryBytes);
  const problems = Object.entries(scenario.services).flatMap(([name, service]) => {
    if (service.compute === 'fargate') return []; // its own task: fargate-checks.ts
    const own = service.resources.requests;
    // An injected sidecar's requests are its pod's too (docs/mesh/proxy.md).
    const sidecar = sidecarOf(scenario, service.mesh?.strategy ?? scenario.mesh.strategy);
    const cpu = own.cpu + (sidecar?.cpu ?? 0);
    const memory = own.memory + (sidecar?.memory ?? 0);
    if (fits(cpu, memory)) return [];
    const included =
      sidecar === undefined
        ? ''
        : ` (its sidecar's ${formatCpu(sidecar.cpu)} CPU and ${formatMemory(sidecar.memory)} included: mesh.${sidecar.section}.resources.requests)`;
    return [{ path: ['services', name], message: podMisfit(cpu, memory, pools, included) }];
  });
  // Ambient's ztunnel is a DaemonSet pod on every node.
  const ambient = [
    scenario.mesh.strategy,
    ...Object.values(scenario.services).map((s) => s.mesh?.strategy),
  ];
  const ztunnel = scenario.mesh.ztunnel.resources.requests;
  if (ambient.includes('ambient') && !fits(ztunnel.cpu, ztunnel.memory))
    problems.push({
      path: ['mesh', 'ztunnel', 'resources', 'requests'],
      message: `ambient's ztunnel runs on every node: ${podMisfit(ztunnel.cpu, ztunnel.memory, pools)}`,
    });
  return problems;
}

/** The requests of the sidecar a strategy injects into every pod, and its section's name. */
function sidecarOf(scenario: Scenario, strategy: string) {
  const section =
    strategy === 'sidecar' ? 'sidecar' : strategy === 'sidecar-light' ? 'sidecarLight' : undefined;
  if (section === undefined) return undefined;
  return { section, ...scenario.mesh[section].resources.requests };
}

function podMisfit(
  cpu: number,
  memory: number,
  pools: readonly { name: string; cpuCores: number; memoryBytes: number }[],
  /** what the requests include beyond the application's container, if anything */
  included = '',
): string {
  const pod = `a pod requests ${formatCpu(cpu)} CPU and ${formatMemory(memory)}${included}`;
  const mostCpu = Math.max(...pools.map((pool) => pool.cpuCores));
  const mostMemory = Math.max(...pools.map((pool) => pool.memoryBytes));
  const offered = "(a node's allocatable, less its DaemonSets' requests)";
  if (cpu > mostCpu + 1e-9)
    return `${pod} but the most a node offers pods is ${formatCpu(mostCpu)} CPU ${offered}`;
  if (memory > mostMemory) {
    return `${pod} but the most a node offers pods is ${formatMemory(mostMemory)} of memory ${offered}`;
  }
  const sizes = pools
    .map(
      (pool) => `${pool.name}: ${formatCpu(pool.cpuCores)} CPU, ${formatMemory(pool.memoryBytes)}`,
    )
    .join('; ');
  return `${pod} but no node offers pods both ${offered} (${sizes})`;
}

/** Kubernetes rejects a pod whose limit is below its request. */
function checkLimits(scenario: Scenario): Problem[] {
  return Object.entries(scenario.services).flatMap(([name, service]) =>
    limitProblems(service, ['services', name, 'resources', 'limits']),
  );
}

function limitProblems(service: ServiceConfig, path: PathSegment[]): Problem[] {
  const { requests, limits } = service.resources;
  const problems: Problem[] = [];
  if (limits.cpu !== undefined && limits.cpu < requests.cpu) {
    problems.push({
      path: [...path, 'cpu'],
      message: `the CPU limit (${formatCpu(limits.cpu)}) is below the request (${formatCpu(requests.cpu)}); it must be at least the request`,
    });
  }
  if (limits.memory !== undefined && limits.memory < requests.memory) {
    problems.push({
      path: [...path, 'memory'],
      message: `the memory limit (${formatMemory(limits.memory)}) is below the request (${formatMemory(requests.memory)}); it must be at least the request`,
    });
  }
  return problems;
}

// ── distributions ──────────────────────────────────────────────────────────────────────

/**
 * The text syntax checks a distribution's form; the engine knows which parameters make
 * sense (a p99 above the median...). Asking the engine's own constructor keeps the two in
 * agreement. Distributions are found by shape, wherever the scenario holds one, so a new
 * field with a distribution is checked without a change here.
 */
function checkDistributions(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    } else if (isDistribution(value)) {
      const message = distributionProblem(value, path);
      if (message !== undefined) problems.push({ path, message });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        // The sweep holds overrides as written, not distributions: they are checked
        // when each overridden scenario is validated.
        if (path.length === 0 && key === 'sweep') continue;
        walk(child, [...path, key]);
      }
    }
  };
  walk(scenario, []);
  return problems;
}

function quantityOf(path: readonly PathSegment[]): 'durations' | 'sizes' {
  const field = path[path.length - 1];
  return field === 'requestSize' || field === 'responseSize' ? 'sizes' : 'durations';
}

function distributionProblem(spec: DistributionSpec, path: PathSegment[]): string | undefined {
  const quantity = quantityOf(path);
  try {
    createDistribution(spec);
    return drawProblem(spec, quantity);
  } catch (error) {
    // The engine's distributions are unit-free; in a scenario they hold durations or sizes.
    if (error instanceof RangeError)
      return `${error.message} (${quantity === 'sizes' ? 'sizes in bytes' : 'durations in ms'})`;
    throw error;
  }
}
