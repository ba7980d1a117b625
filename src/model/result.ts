import type { CallStats } from '../metrics/call-stats.js';
import { FAILURE_CAUSES } from '../metrics/failure-causes.js';
import { NO_SERVICE_LEDGER } from '../metrics/ledger/cluster-ledger.js';
import type { PodSeriesChange } from '../metrics/ledger/pod-series.js';
import { ratio } from '../metrics/ratio.js';
import type {
  CallCounts,
  CfsCounters,
  CostSummary,
  EdgeMetrics,
  EndpointFailures,
  EndpointMetrics,
  NetworkMetrics,
  NodeLedgerMetrics,
  NodeMetrics,
  PodLedgerMetrics,
  PodMetrics,
  ProxyGroupMetrics,
  RequestOutcomes,
  RunResult,
  ServiceKind,
  ServiceLedger,
  ServiceMetrics,
  Statistic,
  VersionMetrics,
} from '../metrics/run-result.js';
import type { TimeSeries } from '../metrics/time-series.js';
import type { WaitStats } from '../metrics/wait-stats.js';
import type { Scenario } from '../scenario/schema.js';
import { crossZoneCostUsd } from './cost.js';
import { cpuUseOf } from './cpu-use.js';
import type { UtilizationWindow } from './measurement.js';
import type { Pod } from './pod.js';
import type { Service } from './service.js';
import type { Topology } from './topology.js';
import type { Transfers } from './transfers.js';

export interface RunTotals {
  scenario: Scenario;
  seed: number;
  events: number;
  topology: Topology;
  totals: CallStats;
  outcomes: RequestOutcomes;
  utilization: UtilizationWindow;
  timeseries: TimeSeries;
  podSeries: PodSeriesChange[];
  transfers: Transfers;
  cost: CostSummary;
  ledger: { pods: PodLedgerMetrics[]; nodes: NodeLedgerMetrics[] };
  serviceLedgers: Map<string, ServiceLedger>;
  /** the mesh's proxies (issue 12, M1); undefined without any */
  proxies?: ProxyGroupMetrics[] | undefined;
  /** Issue 13: the functions' instances, for their rows as services; undefined without any */
  functionInstances?: ((name: string) => FunctionInstancesView) | undefined;
}

/** What a function's service row says of its instances (they are its pods). */
export interface FunctionInstancesView {
  /** instances alive when the run ended (busy, idle or initializing) */
  readonly instancesAtEnd: number;
  /** busy instance-time / alive instance-time over the measured period; null with none alive */
  readonly busyShare: Statistic;
}

/** Turns the model's counters into the RunResult record, in a stable order. */
export function assembleResult(run: RunTotals): RunResult {
  const { scenario, outcomes, topology, utilization } = run;
  const measuredMs = scenario.duration - scenario.warmup;
  const perSec = (count: number) => (measuredMs > 0 ? (count * 1000) / measuredMs : 0);
  const nodes = nodeMetrics(topology, utilization);
  const cpuCoresUsed = sumOf(nodes, (node) => node.cpuCoresUsed);
  return {
    scenario: scenario.name,
    seed: run.seed,
    durationMs: scenario.duration,
    warmupMs: scenario.warmup,
    measuredMs,
    events: run.events,
    requests: outcomes,
    availability: ratio(outcomes.succeeded, outcomes.total),
    throughputPerSec: perSec(outcomes.succeeded),
    latency: run.totals.latency.summary(),
    latencyAll: run.totals.allLatencySummary(),
    cpuCoresUsed,
    nodeCpuUtilization: ratio(
      cpuCoresUsed,
      sumOf(nodes, (node) => node.cpuCores),
    ),
    services: [
      ...serviceMetrics(topology, utilization, perSec, run.serviceLedgers),
      ...functionServiceMetrics(topology, perSec, run.functionInstances),
    ],
    endpoints: endpointMetrics(topology, perSec),
    failures: endpointFailures(topology),
    edges: edgeMetrics(topology, perSec),
    ...versionsIfAny(topology, perSec),
    pods: podMetrics(topology, utilization),
    nodes,
    network: networkMetrics(run),
    cost: run.cost,
    ledger: run.ledger,
    timeseries: run.timeseries,
    podSeries: run.podSeries,
    ...(run.proxies === undefined ? {} : { proxies: run.proxies }),
  };
}

/** A service's or endpoint's calls: counts, latency and waits, measured calls only. */
function callCounts(
  stats: CallStats,
  waits: { workerWait: WaitStats; cpuWait: WaitStats },
  perSec: (n: number) => number,
): CallCounts {
  return {
    requests: stats.requests,
    errors: stats.errors,
    errorsOriginated: stats.errors - stats.errorsPassedOn,
    errorsPassedOn: stats.errorsPassedOn,
    ratePerSec: perSec(stats.requests),
    latency: stats.latency.summary(),
    workerWait: waits.workerWait.summary(),
    cpuWait: waits.cpuWait.summary(),
  };
}

function serviceMetrics(
  topology: Topology,
  utilization: UtilizationWindow,
  perSec: (n: number) => number,
  ledgers: Map<string, ServiceLedger>,
): ServiceMetrics[] {
  return [...topology.services.values()].map((service) => {
    mergeEndpointsInto(service);
    const slots = sumOf(service.pods, (pod) => pod.concurrency);
    const busySlots = sumOf(service.pods, (pod) => utilization.workersBusy(pod));
    return {
      service: service.name,
      ...kindIn(topology, 'service'),
      ...callCounts(service.stats, service, perSec),
      readyPods: service.readyPods.length,
      pendingPods: topology.pendingPods.filter((p) => p.service === service.name).length,
      ...cpuUseOf(service.pods, utilization.coresUsed),
      workerUtilization: ratio(busySlots, slots),
      cfs: sumCfs(service.pods.map((pod) => utilization.cfs(pod))),
      ledger: ledgers.get(service.name) ?? NO_SERVICE_LEDGER,
    };
  });
}

/**
 * Issue 13: each function as a service of kind `function` (docs/serverless.md, "Metrics"):
 * its calls as any service's; its instances are its pods, on no node, so it has no CPU
 * request, limit, CFS or pod ledger (zeros and nulls, which the CSVs leave empty); ready
 * pods are the instances alive at the end, worker utilization the busy share of their time.
 */
function functionServiceMetrics(
  topology: Topology,
  perSec: (n: number) => number,
  instances: ((name: string) => FunctionInstancesView) | undefined,
): ServiceMetrics[] {
  if (instances === undefined) return [];
  return [...topology.functions.values()].map((fn) => {
    mergeEndpointsInto(fn);
    const view = instances(fn.name);
    return {
      service: fn.name,
      kind: 'function',
      ...callCounts(fn.stats, fn, perSec),
      readyPods: view.instancesAtEnd,
      pendingPods: 0,
      coresUsed: 0,
      requestUtilization: null,
      limitUtilization: null,
      workerUtilization: view.busyShare,
      cfs: null,
      ledger: NO_SERVICE_LEDGER,
    };
  });
}

/** `{ kind }` in a run with functions; nothing otherwise (its outputs stay as they were). */
function kindIn(topology: Topology, kind: ServiceKind): { kind?: ServiceKind } {
  return topology.functions.size === 0 ? {} : { kind };
}

/** Every service, then every function (a service of kind `function`), in scenario order. */
function allServices(topology: Topology): { service: Service; kind: ServiceKind }[] {
  return [
    ...[...topology.services.values()].map((service) => ({ service, kind: 'service' as const })),
    ...[...topology.functions.values()].map((service) => ({ service, kind: 'function' as const })),
  ];
}

/**
 * A service's latency and waits are its endpoints' merged: each call is recorded once,
 * at its endpoint, during the run.
 */
function mergeEndpointsInto(service: Service): void {
  for (const endpoint of service.endpoints.values()) {
    service.stats.latency.merge(endpoint.stats.latency);
    service.workerWait.merge(endpoint.workerWait);
    service.cpuWait.merge(endpoint.cpuWait);
  }
}

function endpointMetrics(topology: Topology, perSec: (n: number) => number): EndpointMetrics[] {
  return allServices(topology).flatMap(({ service, kind }) =>
    [...service.endpoints.values()].map((endpoint) => ({
      service: service.name,
      ...kindIn(topology, kind),
      endpoint: endpoint.name,
      ...callCounts(endpoint.stats, endpoint, perSec),
    })),
  );
}

/** Each endpoint's failures by cause, in registry order; causes it never had are left out. */
function endpointFailures(topology: Topology): EndpointFailures[] {
  return allServices(topology).flatMap(({ service, kind }) =>
    [...service.endpoints.values()].flatMap(({ name, stats }) =>
      FAILURE_CAUSES.flatMap((cause) => {
        const counts = stats.errorsByCause.get(cause);
        if (counts === undefined) return [];
        const of = { service: service.name, ...kindIn(topology, kind) };
        return [{ ...of, endpoint: name, cause, ...counts }];
      }),
    ),
  );
}

function edgeMetrics(topology: Topology, perSec: (n: number) => number): EdgeMetrics[] {
  return [...topology.edges.values()].map(({ from, to, stats, transfer, attempts }) => ({
    from,
    to,
    requests: stats.requests,
    errors: stats.errors,
    ratePerSec: perSec(stats.requests),
    latency: stats.latency.summary(),
    requestBytes: transfer.requestBytes,
    responseBytes: transfer.responseBytes,
    crossZoneCalls: transfer.crossZoneCalls,
    crossZoneBytes: transfer.crossZoneBytes,
    attempts: attempts.attempts,
    attemptsFailed: attempts.failed,
    retries: attempts.resilience.retries,
    retryOverflows: attempts.resilience.retryOverflows,
    retryBudgetRefusals: attempts.resilience.budgetRefusals,
    circuitBreakerOverflows: attempts.resilience.breakerOverflows,
    ejectionsDetected: attempts.resilience.ejectionsDetected,
    ejectionsEnforced: attempts.resilience.ejectionsEnforced,
  }));
}

/** Per-version rows, only where a service declares versions: other results stay as they were. */
function versionsIfAny(
  topology: Topology,
  perSec: (n: number) => number,
): { versions?: VersionMetrics[] } {
  const rows = [...topology.services.values()].flatMap((service) =>
    [...(service.versionStats ?? new Map<string, CallStats>())].map(([version, stats]) => ({
      service: service.name,
      version,
      readyPods: service.readyPods.filter((pod) => pod.versionName === version).length,
      requests: stats.requests,
      errors: stats.errors,
      errorsOriginated: stats.errors - stats.errorsPassedOn,
      ratePerSec: perSec(stats.requests),
      latency: stats.latency.summary(),
    })),
  );
  return rows.length === 0 ? {} : { versions: rows };
}

/** Bytes between zones and what crossing them cost, from the measured requests' calls. */
function networkMetrics({ transfers, outcomes, scenario }: RunTotals): NetworkMetrics {
  const prices = scenario.cluster.network.crossZonePricePerGB;
  return {
    crossZoneCalls: transfers.crossZoneCalls,
    crossZoneCallsPerRequest: ratio(transfers.crossZoneCalls, outcomes.total),
    crossZoneBytes: transfers.crossZoneBytes,
    zonePairs: transfers.zonePairs().map((pair) => ({
      fromZone: pair.from,
      toZone: pair.to,
      calls: pair.calls,
      bytes: pair.bytes,
      costUsd: pair.from === pair.to ? 0 : crossZoneCostUsd(pair.bytes, prices),
    })),
  };
}

function podMetrics(topology: Topology, utilization: UtilizationWindow): PodMetrics[] {
  const running: PodMetrics[] = [...topology.services.values()].flatMap((service) =>
    service.pods.map((pod) => ({
      pod: pod.name,
      service: pod.serviceName,
      node: pod.nodeName,
      zone: pod.zone,
      phase: 'Running' as const,
      requests: pod.served,
      ...cpuUseOf([pod], utilization.coresUsed),
      workerUtilization: utilization.workers(pod),
      cfs: utilization.cfs(pod),
    })),
  );
  const pending: PodMetrics[] = topology.pendingPods.map((p) => ({
    pod: p.name,
    service: p.service,
    node: '',
    zone: '',
    phase: 'Pending',
    requests: 0,
    coresUsed: 0,
    requestUtilization: null,
    limitUtilization: null,
    workerUtilization: null,
    cfs: null,
  }));
  return [...running, ...pending];
}

function nodeMetrics(topology: Topology, utilization: UtilizationWindow): NodeMetrics[] {
  // Grouped once, in pod order (so each sum adds in the same order as before): filtering
  // every pod for every node made 150,000 pods on 5,000 nodes take a minute.
  const podsOnNode = new Map<string, Pod[]>();
  for (const service of topology.services.values()) {
    for (const pod of service.pods) {
      const list = podsOnNode.get(pod.nodeName) ?? [];
      list.push(pod);
      podsOnNode.set(pod.nodeName, list);
    }
  }
  return topology.nodes.map((node) => {
    const cpuCoresUsed = sumOf(podsOnNode.get(node.name) ?? [], utilization.coresUsed);
    return {
      node: node.name,
      pool: node.pool,
      zone: node.zone,
      cpuCores: node.cpuCores,
      allocatableCpuCores: node.allocatableMilliCpu / 1000,
      allocatableMemoryBytes: node.allocatableMemoryBytes,
      maxPods: node.maxPods,
      cpuRequested: node.cpuRequested,
      pods: node.pods,
      daemonCpuCores: node.daemonCpuCores,
      cpuCoresUsed,
      cpuUtilization: cpuCoresUsed / node.cpuCores,
    };
  });
}

/** Pods' CFS counters summed; null when none has a quota. */
function sumCfs(counters: readonly (CfsCounters | null)[]): CfsCounters | null {
  const present = counters.filter((c): c is CfsCounters => c !== null);
  if (present.length === 0) return null;
  return {
    periods: sumOf(present, (c) => c.periods),
    throttledPeriods: sumOf(present, (c) => c.throttledPeriods),
    throttledMs: sumOf(present, (c) => c.throttledMs),
  };
}

function sumOf<T>(items: readonly T[], value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}
