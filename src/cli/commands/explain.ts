import type { CommandModule } from 'yargs';
import { FAILURE_CAUSE_REGISTRY } from '../../metrics/failure-causes.js';
import type { ClusterNode } from '../../model/cluster.js';
import { sharesFromRequest } from '../../model/cpu/weighted-share.js';
import { placePods, type Topology } from '../../model/topology.js';
import { loadScenarioFile } from '../../runner/load-scenario-file.js';
import { callGraphSizes } from '../../scenario/call-graph-size.js';
import { formatCount } from '../../scenario/count-text.js';
import {
  type CallStep,
  distributionText,
  formatCpu,
  formatDuration,
  formatMemory,
  formatRate,
  type ProfileConfig,
  type Scenario,
  type WorkloadConfig,
} from '../../scenario/index.js';
import { rightSizingLine } from '../../scenario/right-sizing-text.js';
import {
  placementNotShown,
  showsPlacement,
  type WorkVerdict,
  workSection,
  workVerdict,
} from '../explain-work.js';
import { fileLimitsFrom, type LimitArgs, limitsFrom, withLimitOptions } from '../limit-options.js';
import { changeSection } from './explain-change.js';
import { functionsSection } from './explain-functions.js';
import { balancerInForce, meshSection } from './explain-mesh.js';
import { pipelinesSection } from './explain-pipelines.js';
import { eventSourceCallee, queuesSection } from './explain-queues.js';
import { variantOverridesText } from './explain-variant.js';

interface ExplainArgs extends LimitArgs {
  file: string;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain <file>',
  describe: 'Describe the resolved topology, placement, call graphs, workload and metrics',
  builder: (yargs) =>
    withLimitOptions(
      yargs.positional('file', {
        type: 'string',
        demandOption: true,
        describe: 'scenario file (YAML)',
      }),
      false,
    ).example('$0 explain scenarios/checkout-chain.yaml', 'see where pods land and who calls whom'),
  handler: (args) => {
    const scenario = loadScenarioFile(args.file, fileLimitsFrom(args));
    const work = workVerdict(args.file, scenario, limitsFrom(args));
    process.stdout.write(`${explainScenario(scenario, work)}\n`);
  },
};

/**
 * The scenario as the simulator will run it, in words. Pod placement comes from the
 * model's own buildTopology (placement with the run's seed), so what this prints is where
 * the run puts the pods, not a re-implementation that could drift from it. A scenario over
 * the limits is explained too, with the reason `run` would refuse it (explain-work.ts).
 */
export function explainScenario(scenario: Scenario, work: WorkVerdict): string {
  const placement = showsPlacement(work)
    ? placementSections(scenario)
    : [placementNotShown(scenario, work)];
  return [
    headline(scenario),
    timing(scenario),
    ...placement,
    meshSection(scenario),
    functionsSection(scenario),
    queuesSection(scenario),
    pipelinesSection(scenario),
    changeSection(scenario),
    callGraphs(scenario),
    workloads(scenario),
    measured(scenario),
    workSection(work),
    sweepSection(scenario),
    thresholdsSection(scenario),
  ]
    .filter((section) => section !== '')
    .join('\n\n');
}

function placementSections(scenario: Scenario): string[] {
  const topology = placePods(scenario);
  return [cluster(scenario, topology), services(scenario, topology)];
}

/** What `msasim sweep` would compare; empty when the scenario has no sweep. */
function sweepSection({ sweep, seed }: Scenario): string {
  if (sweep === undefined) return '';
  const variants = Object.entries(sweep.variants ?? { base: {} });
  const grid = Object.entries(sweep.grid ?? {});
  const points = grid.reduce((count, [, values]) => count * values.length, 1);
  const runs = variants.length * points * sweep.replications;
  const lines = [
    `Sweep (msasim sweep): ${runs} runs = ${variants.length} variant(s) × ${points} grid point(s) × ${sweep.replications} replication(s)`,
    ...variants.flatMap(([name, overrides]) => {
      const { set, described } = variantOverridesText(overrides);
      return [
        indent(`variant ${name}: ${set.length === 0 ? 'the scenario as written' : set.join(', ')}`),
        ...described.map((line) => indent(indent(line))),
      ];
    }),
    ...grid.map(([path, values]) => indent(`grid ${path}: ${values.map(String).join(', ')}`)),
    indent(
      `seeds from (base seed ${sweep.seed ?? seed}, replication): variants and grid points share random streams`,
    ),
  ];
  return lines.join('\n');
}

/** The what-if gate; empty when the scenario states no thresholds. */
function thresholdsSection({ thresholds }: Scenario): string {
  if (thresholds === undefined) return '';
  const text = (conditions: readonly { metric: string; text: string }[]) =>
    conditions.map((c) => `${c.metric} ${c.text}`).join(', ');
  const lines = [
    'Thresholds (exit code 3 when one fails; judged on the pessimistic end of the 95% CI)',
  ];
  if (thresholds.all.length > 0) lines.push(indent(`every variant: ${text(thresholds.all)}`));
  for (const [variant, conditions] of Object.entries(thresholds.variants)) {
    lines.push(indent(`${variant}: ${text(conditions)}`));
  }
  return lines.join('\n');
}

function headline(s: Scenario): string {
  const lines = [`Scenario ${s.name} (seed ${s.seed})`];
  if (s.description !== undefined) lines.push(...s.description.trim().split('\n').map(indent));
  return lines.join('\n');
}

function timing(s: Scenario): string {
  const d = formatDuration;
  return [
    'Timing',
    indent(
      `0 ─ warm-up ${d(s.warmup)} ─▶ ${d(s.warmup)} ─ measured ${d(s.duration - s.warmup)} ─▶ ` +
        `${d(s.duration)} ─ drain up to ${d(s.drain)} ─▶ ${d(s.duration + s.drain)}`,
    ),
    indent(`Requests arrive from 0 to ${d(s.duration)}; in-flight requests then get up to`),
    indent(`${d(s.drain)} to finish (the rest count as unfinished).`),
  ].join('\n');
}

// ── cluster: nodes by pool and zone, with the pods placed on each ──────────────────────

function cluster(s: Scenario, topology: Topology): string {
  const c = s.cluster;
  const net = c.network;
  const w = c.scheduler.weights;
  const prices = net.crossZonePricePerGB;
  const lines = [
    `Cluster: zones ${c.zones.join(', ')}; provider ${c.provider} (its node reservations and prices); ` +
      `control plane ${c.controlPlane.pricePerHour} USD/h`,
    indent(
      `scheduler: ${c.scheduler.scoringStrategy} × ${w.NodeResourcesFit}, balanced allocation × ` +
        `${w.NodeResourcesBalancedAllocation}, topology spread × ${w.PodTopologySpread}; ties at random`,
    ),
    indent(
      `network, one way: same zone ${distributionText(net.sameZone)}, cross zone ` +
        `${distributionText(net.crossZone)}, ingress ${distributionText(net.ingress)}; ` +
        `across zones ${prices.out} USD/GB out, ${prices.in} USD/GB in`,
    ),
    ...daemonSetLines(s),
  ];
  const podsByNode = groupBy(
    [...topology.services.values()].flatMap((service) => service.pods),
    (pod) => pod.nodeName,
  );
  for (const pool of c.nodePools) {
    lines.push(
      indent(
        `pool ${pool.name}: ${pool.count} × ${formatCpu(pool.cpuCores)} CPU, ` +
          `${formatMemory(pool.memoryBytes)}, ${pool.pricePerHourUsd} USD/h each; allocatable ` +
          `${formatCpu(pool.allocatable.cpuCores)} CPU, ${formatMemory(pool.allocatable.memoryBytes)}, ` +
          `${pool.maxPods} pods`,
      ),
    );
    const nodes = topology.nodes.filter((node) => node.pool === pool.name);
    for (const [zone, zoneNodes] of groupBy(nodes, (node) => node.zone)) {
      lines.push(indent(indent(`zone ${zone}`)));
      for (const node of zoneNodes) {
        const pods = (podsByNode.get(node.name) ?? []).map((pod) => pod.name);
        lines.push(indent(indent(indent(nodeLine(node, pods)))));
      }
    }
  }
  return lines.join('\n');
}

/** How the pod's CPU work runs: see src/model/cpu/. */
function cpuShape(
  cluster: Scenario['cluster'],
  request: number,
  limit: number | undefined,
): string {
  if (cluster.cpuScheduler === 'fifo') {
    if (limit === undefined)
      return "no CPU limit: queues FIFO for its node's cores with the node's other unlimited pods";
    const cores = Math.max(1, Math.ceil(limit - 1e-9));
    return `CPU limit: ${cores} core(s) of its own at ${round(limit / cores)}× speed (fifo)`;
  }
  const weight = `weight ${sharesFromRequest(request)} (cpu.shares from its request)`;
  if (limit === undefined) return `shares its node's cores, ${weight}; no CPU limit`;
  const period = formatDuration(cluster.cpuCfsQuotaPeriod);
  return `shares its node's cores, ${weight}; limit: ${round(limit * cluster.cpuCfsQuotaPeriod)}ms of CPU per ${period} period, throttled beyond`;
}

/** The agents on every node, and what they take. */
function daemonSetLines(s: Scenario): string[] {
  return Object.entries(s.cluster.daemonSets).map(([name, d]) =>
    indent(
      `DaemonSet ${name} on every node: requests ${formatCpu(d.requests.cpu)} CPU` +
        (d.requests.memory > 0 ? ` and ${formatMemory(d.requests.memory)}` : '') +
        `, uses ${formatCpu(d.cpuUsage)} CPU`,
    ),
  );
}

/** A Fargate pod's CPU: its task's vCPUs, shared with no other pod; a limit is a quota. */
function fargateCpuShape(limit: number | undefined): string {
  const quota =
    limit === undefined ? 'no CPU limit' : `limit ${formatCpu(limit)} CPU as a CFS quota`;
  return `runs alone on its Fargate task's vCPUs (no neighbours); ${quota}`;
}

/** Where a pod runs: its node, or its own Fargate task and that task's size. */
function podPlace(
  pod: { name: string; nodeName: string; zone: string },
  topology: Topology,
): string {
  const task = topology.fargateNodes.get(pod.nodeName)?.node.task;
  if (task === undefined) return `${pod.name} on ${pod.nodeName} (zone ${pod.zone})`;
  return `${pod.name} on Fargate, a task of ${task.vcpu} vCPU and ${task.memoryGb} GB (its requests + 256Mi rounded up; zone ${pod.zone})`;
}

function nodeLine(node: ClusterNode, pods: readonly string[]): string {
  const allocatable = formatCpu(node.allocatableMilliCpu / 1000);
  const requested = `${formatCpu(node.cpuRequested)}/${allocatable} allocatable CPU requested`;
  return `${node.name}: ${pods.length === 0 ? 'no pods' : pods.join(', ')} (${requested})`;
}

// ── services: pod shape, where each pod landed, or why it is Pending ───────────────────

function services(s: Scenario, topology: Topology): string {
  const lines = ['Services'];
  for (const [name, config] of Object.entries(s.services)) {
    const { requests, limits } = config.resources;
    lines.push(
      indent(
        `${name}: ${config.replicas} replica(s), each requests ${formatCpu(requests.cpu)} CPU and ` +
          `${formatMemory(requests.memory)}` +
          (limits.cpu === undefined ? '' : `, limit ${formatCpu(limits.cpu)} CPU`),
      ),
      indent(
        indent(
          `${config.compute === 'fargate' ? fargateCpuShape(limits.cpu) : cpuShape(s.cluster, requests.cpu, limits.cpu)}; ${config.concurrency} ` +
            `worker slots, queue ${config.queueLimit}; ` +
            (config.holdWorkerWhileWaiting
              ? 'a worker is held while waiting on calls (thread per request)'
              : 'workers are freed while waiting on calls (async)') +
            `; load balancer ${balancerInForce(s, name, config)}` +
            (config.zoneAwareRouting ? ', zone-aware' : ''),
        ),
      ),
    );
    if (config.replicaSizing !== undefined)
      lines.push(indent(indent(rightSizingLine('sized', config.replicas, config.replicaSizing))));
    const service = topology.services.get(name);
    for (const pod of service?.pods ?? []) {
      lines.push(indent(indent(podPlace(pod, topology))));
    }
    for (const pod of topology.pendingPods.filter((p) => p.service === name)) {
      lines.push(indent(indent(`${pod.name} Pending: ${whyPending(config, topology.nodes)}`)));
    }
  }
  return lines.join('\n');
}

/**
 * Why a pod fits on no node. Judged after placement ends, which is what the run sees:
 * either the pod is larger than any node offers pods, or the nodes are full (of requests,
 * DaemonSet pods included, or of pods: maxPods).
 */
function whyPending(config: Scenario['services'][string], nodes: readonly ClusterNode[]): string {
  const { cpu, memory } = config.resources.requests;
  const wants = `it requests ${formatCpu(cpu)} CPU and ${formatMemory(memory)}`;
  const fitsEmpty = nodes.some(
    (n) => n.allocatableMilliCpu >= Math.round(cpu * 1000) && n.allocatableMemoryBytes >= memory,
  );
  if (!fitsEmpty) return `${wants}, more than any node's allocatable`;
  if (nodes.every((n) => n.pods >= n.maxPods))
    return `${wants}; every node holds its maxPods: add nodes or raise maxPods`;
  const freeCpu = Math.max(
    0,
    ...nodes.map((n) => (n.allocatableMilliCpu - n.milliCpuRequested) / 1000),
  );
  const freeMemory = Math.max(
    0,
    ...nodes.map((n) => n.allocatableMemoryBytes - n.memoryBytesRequested),
  );
  return (
    `${wants}; the nodes are full (most free: ${round(freeCpu)} CPU, ` +
    `${formatMemory(freeMemory)} memory): add nodes or lower requests`
  );
}

// ── call graphs: each entry endpoint as a tree ─────────────────────────────────────────

interface TreeNode {
  label: string;
  children: TreeNode[];
}

function callGraphs(s: Scenario): string {
  const entries = unique(s.workload.flatMap(entryRefs));
  const lines = ['Call graphs (steps run in order; a parallel step waits for all its branches)'];
  let sizes: ReturnType<typeof callGraphSizes> | undefined;
  for (const ref of entries) {
    const dot = ref.indexOf('.');
    const budget = { calls: MAX_TREE_CALLS, cut: false };
    const tree = endpointTree(s, ref.slice(0, dot), ref.slice(dot + 1), '', new Set(), budget);
    lines.push(...renderTree(tree).map(indent));
    if (budget.cut) {
      sizes ??= callGraphSizes(s);
      const worst = sizes.get(ref)?.worst ?? 0;
      lines.push(
        indent(
          `… cut at ${formatCount(MAX_TREE_CALLS)} calls: a request to ${ref} makes up to ${formatCount(worst)} calls`,
        ),
      );
    }
  }
  const reached = new Set(entries.flatMap((ref) => reachable(s, ref)));
  const unused = Object.entries(s.services).flatMap(([service, config]) =>
    Object.keys(config.endpoints)
      .map((endpoint) => `${service}.${endpoint}`)
      .filter((ref) => !reached.has(ref)),
  );
  if (unused.length > 0) lines.push(indent(`not reached by any workload: ${unused.join(', ')}`));
  return lines.join('\n');
}

/**
 * The most calls one entry's tree shows. A tree repeats an endpoint wherever it is called,
 * so it can grow as the calls per request do: 40 levels each calling the next twice hold
 * 2^41 calls (msasim validate counts them without expanding them; docs/limits.md).
 */
const MAX_TREE_CALLS = 1000;

/** What is left of an entry's MAX_TREE_CALLS, and whether calls were left out. */
interface TreeBudget {
  calls: number;
  cut: boolean;
}

function endpointTree(
  s: Scenario,
  service: string,
  endpoint: string,
  prefix: string,
  onPath: ReadonlySet<string>,
  budget: TreeBudget,
): TreeNode {
  budget.calls--;
  const ref = `${service}.${endpoint}`;
  const config = calleeOf(s, service, endpoint);
  if (config === undefined) return { label: `${prefix}${ref} (undefined)`, children: [] };
  if (onPath.has(ref)) return { label: `${prefix}${ref} (cycle)`, children: [] };
  const failing = config.errorRate > 0 ? `, fails ${percentText(config.errorRate)}` : '';
  const path = new Set([...onPath, ref]);
  return {
    label: `${prefix}${ref}  [${config.work}${failing}]`,
    children: withinBudget(config.calls, budget, (step, index) =>
      stepTree(s, step, `${index + 1}. `, path, budget),
    ),
  };
}

/** A service's endpoint, or a function (its one entry, `invoke`), as the call graph shows it. */
function calleeOf(
  s: Scenario,
  service: string,
  endpoint: string,
): { work: string; errorRate: number; calls: readonly CallStep[] } | undefined {
  const config = s.services[service]?.endpoints[endpoint];
  if (config !== undefined)
    return {
      work: `cpu ${distributionText(config.cpu)}`,
      errorRate: config.errorRate,
      calls: config.calls,
    };
  const fn = s.functions?.[service];
  if (fn !== undefined && endpoint === 'invoke')
    return { work: `function, ${fn.memoryMb} MB`, errorRate: fn.errorRate, calls: fn.calls };
  return eventSourceCallee(s, service, endpoint);
}

function stepTree(
  s: Scenario,
  step: CallStep,
  prefix: string,
  onPath: ReadonlySet<string>,
  budget: TreeBudget,
): TreeNode {
  if (step.kind === 'call') return callTree(s, step, prefix, onPath, budget);
  return {
    label: `${prefix}parallel`,
    children: withinBudget(step.branches, budget, (branch) =>
      callTree(s, branch, '', onPath, budget),
    ),
  };
}

function callTree(
  s: Scenario,
  call: { service: string; endpoint: string; probability: number },
  prefix: string,
  onPath: ReadonlySet<string>,
  budget: TreeBudget,
): TreeNode {
  const chance = call.probability < 1 ? `with probability ${percentText(call.probability)}: ` : '';
  return endpointTree(s, call.service, call.endpoint, `${prefix}${chance}`, onPath, budget);
}

/** The children the budget allows. */
function withinBudget<T>(
  items: readonly T[],
  budget: TreeBudget,
  tree: (item: T, index: number) => TreeNode,
): TreeNode[] {
  const children: TreeNode[] = [];
  for (const [index, item] of items.entries()) {
    if (budget.calls <= 0) {
      budget.cut = true;
      break;
    }
    children.push(tree(item, index));
  }
  return children;
}

function renderTree(node: TreeNode): string[] {
  const lines = [node.label];
  node.children.forEach((child, index) => {
    const last = index === node.children.length - 1;
    const [first = '', ...rest] = renderTree(child);
    lines.push(
      `${last ? '└─ ' : '├─ '}${first}`,
      ...rest.map((l) => `${last ? '   ' : '│  '}${l}`),
    );
  });
  return lines;
}

function reachable(s: Scenario, ref: string, seen = new Set<string>()): string[] {
  if (seen.has(ref)) return [];
  seen.add(ref);
  const dot = ref.indexOf('.');
  const calls = calleeOf(s, ref.slice(0, dot), ref.slice(dot + 1))?.calls ?? [];
  for (const step of calls) {
    const targets = step.kind === 'call' ? [step] : step.branches;
    for (const t of targets) reachable(s, `${t.service}.${t.endpoint}`, seen);
  }
  return [...seen];
}

// ── workload ───────────────────────────────────────────────────────────────────────────

function workloads(s: Scenario): string {
  return ['Workload', ...s.workload.flatMap((w) => workloadLines(w).map(indent))].join('\n');
}

function workloadLines(w: WorkloadConfig): string[] {
  const timeout =
    w.timeout === undefined ? 'no client timeout' : `client timeout ${formatDuration(w.timeout)}`;
  const lines = [`${w.name}: ${arrivalText(w)}; ${timeout}`];
  if (w.mix === undefined) lines.push(indent(`every request to ${w.target}`));
  else {
    const total = Object.values(w.mix).reduce((sum, weight) => sum + weight, 0);
    const parts = Object.entries(w.mix).map(
      ([ref, weight]) => `${ref} ${percentText(weight / total)}`,
    );
    lines.push(indent(`mix: ${parts.join(', ')}`));
  }
  return lines;
}

function arrivalText(w: WorkloadConfig): string {
  switch (w.arrivals) {
    case 'poisson':
    case 'constant': {
      const kind = w.arrivals === 'poisson' ? 'Poisson (open loop)' : 'evenly spaced (open loop)';
      const profile = w.profile === undefined ? '' : `, ${profileText(w.profile, w.rate)}`;
      return `${kind} arrivals at ${formatRate(w.rate)}${profile}`;
    }
    case 'closed':
      return `${w.users} closed-loop users, think time ${distributionText(w.thinkTime)}, each starting part-way through a think`;
    case 'trace': {
      const count = w.trace.values?.length ?? 0;
      return w.trace.format === 'timestamps'
        ? `replay of ${count} recorded arrival times`
        : `Poisson arrivals following ${count} recorded per-second rates`;
    }
  }
}

/** The profile's shape in rates a reader can check against capacity. */
function profileText(profile: ProfileConfig, rate: number): string {
  const at = (factor: number) => formatRate(rate * factor);
  const d = formatDuration;
  switch (profile.type) {
    case 'ramp':
      return `ramping from ${at(profile.from)} to ${at(profile.to)} between ${d(profile.start)} and ${d(profile.start + profile.over)}`;
    case 'diurnal':
      return `swinging between ${at(1 - profile.amplitude)} and ${at(1 + profile.amplitude)} every ${d(profile.period)} (lowest at 0)`;
    case 'onoff':
      return `in bursts: ${formatRate(rate)} for ${d(profile.on)}, then ${at(profile.offFactor)} for ${d(profile.off)}`;
    case 'mmpp':
      return `switching in turn between ${profile.states.map((st) => `${at(st.factor)} (mean ${d(st.meanDuration)})`).join(', ')} (MMPP)`;
  }
}

// ── what the run measures ──────────────────────────────────────────────────────────────

function measured(s: Scenario): string {
  const d = formatDuration;
  return [
    `Measured (requests arriving from ${d(s.warmup)} to ${d(s.duration)} count)`,
    '  - end-to-end latency of successful requests, and of all requests with failures at the',
    '    time they failed: mean, p50, p90, p99, p99.9, max (no value when there is no sample)',
    ...failureCauseLines(),
    '  - per service and endpoint: rate, errors begun there and passed on from a callee,',
    '    latency, and the waits for a worker slot and for a core; per edge: rate, errors, latency',
    `  - CPU in cores used, as a share of requests, of limits and of the nodes; worker slots held`,
    `  - cost of the nodes and the control plane over the measured ${d(s.duration - s.warmup)} (${d(s.warmup)} to ${d(s.duration)})`,
    `  - a time series every ${d(s.outputs.window)} from 0, warm-up included, until the last call ends (at most the drain)`,
  ].join('\n');
}

/** The causes from the registry, each with what its caller sees, wrapped to the list's width. */
function failureCauseLines(): string[] {
  const causes = FAILURE_CAUSE_REGISTRY.map(({ id, httpStatus, responseFlag, origin }) => {
    if (origin === 'run') return `${id} (still running after the drain)`;
    const status = httpStatus === 0 ? 'no response,' : String(httpStatus);
    return responseFlag === '-'
      ? `${id} (${status.replace(',', '')})`
      : `${id} (${status} ${responseFlag})`;
  });
  const words = `availability, throughput, failures by cause: ${causes.join(', ')}`.split(' ');
  const lines: string[] = [];
  let line = '  -';
  for (const word of words) {
    if (line.length + 1 + word.length > 92) {
      lines.push(line);
      line = '   ';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

// ── small helpers ──────────────────────────────────────────────────────────────────────

function entryRefs(w: WorkloadConfig): string[] {
  return w.mix === undefined ? [w.target ?? ''] : Object.keys(w.mix);
}

function indent(line: string): string {
  return `  ${line}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function percentText(fraction: number): string {
  return `${round(fraction * 100)}%`;
}
