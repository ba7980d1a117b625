import { arrivalsOf, times } from './arrival-estimate.js';
import { callGraphSizes, type EndpointCalls } from './call-graph-size.js';
import { type ClusterReach, clusterReach, type Reach } from './cluster-reach.js';
import { formatBytes, formatCount, formatEstimate } from './count-text.js';
import type { PathSegment } from './errors.js';
import { feasibleNodesToFind } from './nodes-to-score.js';
import { pipelineEvents } from './pipeline-work.js';
import type { Scenario, ServiceConfig, WorkloadConfig } from './schema.js';
import { type TimeSeriesSize, timeSeriesSize } from './time-series-size.js';

/**
 * What one run of a scenario will cost, computed from the scenario alone before anything is
 * built: the events the simulation will process (its time: about a million a second on one
 * core) and the memory it will hold. Pure arithmetic over the scenario, linear in its size:
 * a call graph that makes 2^40 calls per request is counted, never expanded.
 *
 * The figures are expectations ("about"), not bounds: arrivals are random. work-limits.ts
 * refuses a scenario above the limits and gives each run an event budget with room to spare.
 */
export interface WorkEstimate {
  /** every part of the run's events, largest first */
  events: Part[];
  totalEvents: number;
  /** every part of the run's memory in bytes, largest first */
  memory: Part[];
  totalMemoryBytes: number;
  /** of which the cluster and services as built (pods, nodes, histograms): what explain builds */
  topologyBytes: number;
  /** expected requests of the whole run */
  requests: number;
  /** the time series: windows from time 0 to the end of the drain, one row per series */
  windows: number;
  series: number;
  /** the windows the run holds: those that do not repeat the window before them */
  heldWindows: number;
  /** calls per request, over the workloads: the largest expected and worst-case figures */
  callsPerRequest: EndpointCalls;
  /**
   * the run's result written out (run --json or --out, a sweep's files): every row of the
   * time series, and a record per service, pod...
   */
  resultBytes: number;
}

/** One contribution to an estimate, with the field that drives it and how to say it. */
export interface Part {
  amount: number;
  path: PathSegment[];
  /** e.g. `36,000 requests from workload "shoppers", 9.4 events each (2.8 calls per request)` */
  what: string;
  /** what would make it smaller, e.g. "lower the rate or the duration" */
  remedy: string;
}

/**
 * Memory of the model's objects, measured on Node 20 (RSS growth per 100,000 objects, or per
 * 2,000 histograms). Latency histograms are hdr-histogram's WebAssembly build at 3
 * significant digits. A time-series row the run holds is one object (190 bytes of heap,
 * 230-250 of RSS, measured over 600,000 rows); one written out is its share of the JSON and
 * CSV text and of the objects made to write them.
 */
export const BYTES_PER = {
  histogram: 96_000,
  pod: 1_500,
  node: 1_000,
  user: 2_500,
  timeSeriesRowHeld: 300,
  timeSeriesRowWritten: 1_000,
  call: 300,
  /** a caller's client for one service (clients: per-caller): two random streams, a view */
  client: 3_500,
  /** a client's connection pool to one pod (connections, a balancer per request) */
  connectionPool: 500,
  traceValue: 16,
  /** a service's, endpoint's, edge's, pod's or node's record in a result */
  resultRecord: 500,
} as const;

/** Events of one call: the network hop there, the end of its CPU burst, the hop back. */
const EVENTS_PER_CALL = 3;
/**
 * A mesh's proxies add a CPU burst per crossing (the request and the response through the
 * caller's and the callee's proxy) and each proxy's telemetry after the response: six.
 */
const PROXY_EVENTS_PER_CALL = 6;

/** Whether any service (or the ingress) runs under a strategy with proxies (docs/mesh/proxy.md). */
function hasMeshProxies(scenario: Scenario): boolean {
  const proxied = (strategy: string | undefined) =>
    strategy === 'sidecar' || strategy === 'sidecar-light' || strategy === 'ambient';
  return (
    proxied(scenario.mesh.strategy) ||
    Object.values(scenario.services).some((service) => proxied(service.mesh?.strategy))
  );
}

export interface EstimateOptions {
  /**
   * The command writes every time-series row (`run --json`, `run --out`): the run then needs
   * memory for every window's rows, not only for those it holds.
   */
  timeSeriesWritten?: boolean;
}

export function estimateWork(scenario: Scenario, options: EstimateOptions = {}): WorkEstimate {
  const calls = callGraphSizes(scenario);
  const events: Part[] = [];
  const memory: Part[] = [];
  let requests = 0;
  const requestsByWorkload: number[] = [];
  let callsPerRequest: EndpointCalls = { expected: 1, worst: 1 };
  scenario.workload.forEach((workload, index) => {
    const work = workloadWork(scenario, workload, index, calls);
    requests += work.requests;
    requestsByWorkload.push(work.requests);
    events.push(...work.events);
    memory.push(...work.memory);
    callsPerRequest = {
      expected: Math.max(callsPerRequest.expected, work.callsPerRequest.expected),
      worst: Math.max(callsPerRequest.worst, work.callsPerRequest.worst),
    };
  });
  const timeSeries = timeSeriesSize(scenario, calls, {
    requestEvents: sum(events),
    requestsByWorkload,
  });
  const { windows, series } = timeSeries;
  // Pods and nodes as the events can take them, not only as the run starts.
  const reach = clusterReach(scenario);
  events.push(windowEvents(windows), ...schedulingEvents(reach), ...probeEvents(scenario, reach));
  events.push(...pipelineEvents(scenario));
  const cluster = clusterMemory(scenario, reach);
  const histograms = histogramMemory(scenario, calls);
  memory.push(
    ...cluster,
    options.timeSeriesWritten ? writtenTimeSeriesMemory(timeSeries) : timeSeriesMemory(timeSeries),
    histograms,
  );
  const records =
    sum([...reach.pods.values()].map((pods) => pods.made)) +
    sum([...reach.nodes.values()].map((nodes) => nodes.made)) +
    series +
    calls.size +
    callEdges(scenario);
  return {
    events: largestFirst(events),
    totalEvents: sum(events),
    memory: largestFirst(memory),
    totalMemoryBytes: sum(memory),
    topologyBytes: sum(cluster) + histograms.amount,
    requests,
    windows,
    series,
    heldWindows: timeSeries.heldWindows,
    callsPerRequest,
    resultBytes:
      windows * series * BYTES_PER.timeSeriesRowWritten + records * BYTES_PER.resultRecord,
  };
}

// ── workloads ──────────────────────────────────────────────────────────────────────────

interface WorkloadWork {
  requests: number;
  callsPerRequest: EndpointCalls;
  events: Part[];
  memory: Part[];
}

/** What one workload sends: how many requests, through which call graph, by what process. */
function workloadWork(
  scenario: Scenario,
  workload: WorkloadConfig,
  index: number,
  calls: Map<string, EndpointCalls>,
): WorkloadWork {
  const path: PathSegment[] = ['workload', index];
  const label = `workload "${workload.name}"`;
  const arrivals = arrivalsOf(scenario, workload, path);
  const perRequest = entryCalls(workload, calls);
  // The arrival itself, a client timeout that may fire, and each call's events.
  const perCall = EVENTS_PER_CALL + (hasMeshProxies(scenario) ? PROXY_EVENTS_PER_CALL : 0);
  // A client that retries (workload[].retry) is counted at its worst: every attempt fails,
  // each with its back-off; the event budget (4 × the estimate) then holds any error rate.
  const attempts = workload.retry?.maxAttempts ?? 1;
  const eventsEach =
    attempts * (1 + (workload.timeout === undefined ? 0 : 1) + perCall * perRequest.expected);
  const events: Part[] = [
    {
      amount: times(arrivals.requests, eventsEach),
      path: arrivals.path,
      what: `${about(arrivals.requests, 'request')} from ${label}, ${about(eventsEach, 'event')} each (${callsText(perRequest)} per request${attempts > 1 ? `, up to ${attempts} attempts` : ''})`,
      remedy: arrivals.remedy,
    },
  ];
  if (arrivals.extraDraws > 0) {
    events.push({
      amount: arrivals.extraDraws,
      path: arrivals.path,
      what: `${formatEstimate(arrivals.extraDraws)} arrival draws of ${label} beyond its requests (drawn at the profile's peak rate, then thinned)`,
      remedy: arrivals.remedy,
    });
  }
  if (arrivals.profileSteps > 0) {
    events.push({
      amount: arrivals.profileSteps,
      path: [...path, 'profile', 'states'],
      what: `${formatEstimate(arrivals.profileSteps)} MMPP state changes in ${label}`,
      remedy: 'give the MMPP states longer meanDurations',
    });
  }
  const memory: Part[] = [
    {
      // Every call of one request can be in flight at once (a parallel fan-out).
      amount: perRequest.worst * BYTES_PER.call,
      path: entryPath(scenario, workload),
      what: `up to ${formatCount(perRequest.worst)} calls of one request of ${label} in flight at once, about ${formatBytes(BYTES_PER.call)} each`,
      remedy: 'make fewer calls per request',
    },
  ];
  if (workload.arrivals === 'closed') {
    memory.push({
      amount: workload.users * BYTES_PER.user,
      path: [...path, 'users'],
      what: `${formatCount(workload.users)} users of ${label}, about ${formatBytes(BYTES_PER.user)} each`,
      remedy: 'simulate fewer users',
    });
  }
  if (workload.arrivals === 'trace') {
    const values = workload.trace.values?.length ?? 0;
    memory.push({
      amount: values * BYTES_PER.traceValue,
      path: [...path, 'trace'],
      what: `${formatCount(values)} trace values of ${label}`,
      remedy: 'replay a shorter trace',
    });
  }
  return { requests: arrivals.requests, callsPerRequest: perRequest, events, memory };
}

// ── calls ──────────────────────────────────────────────────────────────────────────────

/** Calls per request of a workload: weighted by its mix (expected), largest (worst). */
function entryCalls(workload: WorkloadConfig, calls: Map<string, EndpointCalls>): EndpointCalls {
  const entries = Object.entries(workload.mix ?? { [workload.target ?? '']: 1 });
  const totalWeight = sum(entries.map(([, weight]) => weight));
  let expected = 0;
  let worst = 0;
  for (const [entry, weight] of entries) {
    const size = calls.get(entry) ?? { expected: 1, worst: 1 };
    expected += (size.expected * weight) / totalWeight;
    worst = Math.max(worst, size.worst);
  }
  return { expected, worst };
}

/** Where a workload's call graph begins: the calls of its (first, largest) entry endpoint. */
function entryPath(scenario: Scenario, workload: WorkloadConfig): PathSegment[] {
  const entry = workload.target ?? Object.keys(workload.mix ?? {})[0] ?? '';
  const dot = entry.indexOf('.');
  const service = entry.slice(0, dot);
  const endpoint = entry.slice(dot + 1);
  if (scenario.services[service]?.endpoints[endpoint] === undefined) return ['services'];
  return ['services', service, 'endpoints', endpoint, 'calls'];
}

function callsText({ expected, worst }: EndpointCalls): string {
  const calls = about(expected, 'call');
  return worst > expected * 1.005 ? `${calls}, at most ${formatCount(worst)},` : calls;
}

/** `1 request`, `36,000 requests`, `2.8 calls`: an estimate and its noun. */
function about(value: number, noun: string): string {
  const text = formatEstimate(value);
  return `${text} ${noun}${text === '1' ? '' : 's'}`;
}

// ── the cluster, the time series, the histograms ───────────────────────────────────────

/** Every pod and node the run makes: those of the events too (a gone one's record stays). */
function clusterMemory(scenario: Scenario, reach: ClusterReach): Part[] {
  const pods = Object.entries(scenario.services).map(([name, service]) => {
    const { made } = reach.pods.get(name)!;
    const byEvents = made > service.replicas;
    return {
      amount: made * BYTES_PER.pod,
      path: ['services', name, 'replicas'],
      what: `${formatCount(made)} pods of service "${name}"${byEvents ? ` (${madeByEvents(service.replicas, made)})` : ''}, about ${formatBytes(BYTES_PER.pod)} each`,
      remedy: byEvents ? 'run fewer replicas, or scale up less in events' : 'run fewer replicas',
    };
  });
  const nodes = scenario.cluster.nodePools.map((pool, index) => {
    const { made } = reach.nodes.get(pool.name)!;
    const byEvents = made > pool.count;
    return {
      amount: made * BYTES_PER.node,
      path: ['cluster', 'nodePools', index, 'count'],
      what: `${formatCount(made)} nodes in pool "${pool.name}"${byEvents ? ` (${madeByEvents(pool.count, made)})` : ''}, about ${formatBytes(BYTES_PER.node)} each`,
      remedy: byEvents ? 'use fewer nodes, or add fewer in events' : 'use fewer nodes',
    };
  });
  return [...pods, ...nodes, ...clientMemory(scenario, reach)];
}

/** `3 at the start, 20 more made by events` */
function madeByEvents(atStart: number, made: number): string {
  return `${formatCount(atStart)} at the start, ${formatCount(made - atStart)} more made by events`;
}

/**
 * Per-caller clients: one per caller pod (and the ingress) and callee service, made on first
 * use and dropped when the caller pod is gone; with connections balanced per request, a pool
 * per callee pod each (kept for every callee pod it has called). At most, every pod of every
 * calling service calls, as many at once as the events can reach.
 */
function clientMemory(scenario: Scenario, reach: ClusterReach): Part[] {
  const parts: Part[] = [];
  for (const [name, service] of Object.entries(scenario.services)) {
    const ipvs = scenario.cluster.kubeProxyMode === 'ipvs' && service.loadBalancer === 'kube-proxy';
    if (service.clients !== 'per-caller' && !ipvs) continue;
    let callers = 1;
    for (const [callerName, caller] of Object.entries(scenario.services))
      if (callsService(caller, name)) callers += reach.pods.get(callerName)!.mostAtOnce;
    const pools =
      service.connections !== undefined && service.loadBalancer !== 'kube-proxy'
        ? reach.pods.get(name)!.made
        : 0;
    const each = BYTES_PER.client + pools * BYTES_PER.connectionPool;
    parts.push({
      amount: callers * each,
      path: ['services', name, 'clients'],
      what: `${formatCount(callers)} clients of service "${name}" (a caller pod's each), about ${formatBytes(each)} each`,
      remedy: 'use clients: shared, or fewer caller or callee pods',
    });
  }
  return parts;
}

function callsService(caller: ServiceConfig, callee: string): boolean {
  return Object.values(caller.endpoints).some((endpoint) =>
    endpoint.calls.some((step) =>
      step.kind === 'call'
        ? step.service === callee
        : step.branches.some((branch) => branch.service === callee),
    ),
  );
}

/**
 * Placing a pod scores a sample of the nodes (kube-scheduler's percentageOfNodesToScore);
 * scoring one node costs about what one event does, so it counts as one. Every pod made is
 * placed (those of the events too), among as many nodes as the events can reach.
 */
function schedulingEvents(reach: ClusterReach): Part[] {
  const scored = feasibleNodesToFind(sum([...reach.nodes.values()].map((n) => n.mostAtOnce)));
  if (scored < 2) return [];
  return [...reach.pods].map(([name, { made }]: [string, Reach]) => ({
    amount: made * scored,
    path: ['services', name, 'replicas'],
    what: `placing ${formatCount(made)} pods of service "${name}", scoring ${formatCount(scored)} nodes each`,
    remedy: 'use fewer replicas or nodes',
  }));
}

/**
 * Readiness probes (docs/lifecycle.md): per probed pod and period, the kubelet's tick, the
 * probe's CPU burst (one or two events) and, when it times out, its timeout: four at most.
 */
function probeEvents(scenario: Scenario, reach: ClusterReach): Part[] {
  const parts: Part[] = [];
  for (const [name, service] of Object.entries(scenario.services)) {
    const probe = service.lifecycle?.readinessProbe;
    if (probe === undefined) continue;
    const periodMs = (probe.periodSeconds ?? 10) * 1000;
    const pods = reach.pods.get(name)!.mostAtOnce;
    const probes = pods * Math.ceil((scenario.duration + scenario.drain) / periodMs);
    parts.push({
      amount: 4 * probes,
      path: ['services', name, 'lifecycle', 'readinessProbe'],
      what: `${formatCount(probes)} readiness probes of service "${name}", up to 4 events each`,
      remedy: 'use a longer periodSeconds, or fewer replicas',
    });
  }
  return parts;
}

function windowEvents(windows: number): Part {
  return {
    amount: windows,
    path: ['outputs', 'window'],
    what: `${formatCount(windows)} time-series windows`,
    remedy: 'use a longer outputs.window',
  };
}

/** Every row of every window, to be written out: the JSON and CSV text and its objects. */
function writtenTimeSeriesMemory({ windows, series }: TimeSeriesSize): Part {
  const rows = windows * series;
  return {
    amount: rows * BYTES_PER.timeSeriesRowWritten,
    path: ['outputs', 'window'],
    what: `${formatCount(rows)} time-series rows written (${formatCount(windows)} windows × ${series} series: all traffic and each service), about ${formatBytes(BYTES_PER.timeSeriesRowWritten)} each`,
    remedy: 'use a longer outputs.window',
  };
}

/** The rows the run holds: every window's, less those of windows that repeat the one before. */
function timeSeriesMemory({ windows, series, heldWindows }: TimeSeriesSize): Part {
  const rows = heldWindows * series;
  const held =
    heldWindows < windows
      ? `the ${formatCount(heldWindows)} of ${formatCount(windows)} windows in which something happens`
      : `${formatCount(windows)} windows`;
  return {
    amount: rows * BYTES_PER.timeSeriesRowHeld,
    path: ['outputs', 'window'],
    what: `${formatCount(rows)} time-series rows held (${held} × ${series} series: all traffic and each service), about ${formatBytes(BYTES_PER.timeSeriesRowHeld)} each`,
    remedy: 'use a longer outputs.window',
  };
}

/**
 * Latency histograms: all requests (3: successes, failures, the current window); per
 * service (4: latency, window, worker and CPU waits); per endpoint (3: latency, waits);
 * per edge between two services or from a client (1).
 */
function histogramMemory(scenario: Scenario, calls: Map<string, EndpointCalls>): Part {
  const services = Object.keys(scenario.services).length;
  const endpoints = calls.size;
  const edges = callEdges(scenario);
  const histograms = 3 + 4 * services + 3 * endpoints + edges;
  return {
    amount: histograms * BYTES_PER.histogram,
    path: ['services'],
    what: `${formatCount(histograms)} latency histograms (for ${formatCount(services)} services, ${formatCount(endpoints)} endpoints and ${formatCount(edges)} call edges), about ${formatBytes(BYTES_PER.histogram)} each`,
    remedy: 'simulate fewer services and endpoints',
  };
}

/** Distinct caller → callee service pairs, the client's included: one histogram each. */
function callEdges(scenario: Scenario): number {
  const edges = new Set<string>();
  for (const [caller, service] of Object.entries(scenario.services))
    for (const endpoint of Object.values(service.endpoints))
      for (const step of endpoint.calls)
        for (const call of step.kind === 'call' ? [step] : step.branches)
          edges.add(`${caller}>${call.service}`);
  for (const workload of scenario.workload)
    for (const entry of Object.keys(workload.mix ?? { [workload.target ?? '']: 1 }))
      edges.add(`client>${entry.slice(0, entry.indexOf('.'))}`);
  return edges.size;
}

// ── numbers ────────────────────────────────────────────────────────────────────────────

function sum(values: readonly (number | Part)[]): number {
  let total = 0;
  for (const value of values) total += typeof value === 'number' ? value : value.amount;
  return total;
}

function largestFirst(parts: Part[]): Part[] {
  return parts.filter((p) => p.amount > 0).sort((a, b) => b.amount - a.amount);
}
