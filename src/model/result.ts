import type { CallStats } from '../metrics/call-stats.js';
import type {
  CostSummary,
  EdgeMetrics,
  EndpointMetrics,
  LatencySummary,
  NodeMetrics,
  PodMetrics,
  RequestOutcomes,
  RunResult,
  ServiceMetrics,
  WindowMetrics,
} from '../metrics/run-result.js';
import type { Scenario } from '../scenario/schema.js';
import { poolCapacity } from './cpu-pool.js';
import type { UtilizationWindow } from './measurement.js';
import type { Service } from './service.js';
import type { Topology } from './topology.js';

export interface RunTotals {
  scenario: Scenario;
  seed: number;
  events: number;
  topology: Topology;
  totals: CallStats;
  outcomes: RequestOutcomes;
  utilization: UtilizationWindow;
  windows: WindowMetrics[];
  cost: CostSummary;
}

/** Turns the model's counters into the RunResult record, in a stable order. */
export function assembleResult(run: RunTotals): RunResult {
  const { scenario, outcomes, topology, utilization } = run;
  const measuredMs = scenario.duration - scenario.warmup;
  const perSec = (count: number) => (measuredMs > 0 ? (count * 1000) / measuredMs : 0);
  return {
    scenario: scenario.name,
    seed: run.seed,
    durationMs: scenario.duration,
    warmupMs: scenario.warmup,
    measuredMs,
    events: run.events,
    requests: outcomes,
    availability: outcomes.total > 0 ? outcomes.succeeded / outcomes.total : 1,
    throughputPerSec: perSec(outcomes.succeeded),
    latency: run.totals.latency.summary(),
    services: serviceMetrics(topology, utilization, perSec),
    endpoints: endpointMetrics(topology, perSec),
    edges: edgeMetrics(topology, perSec),
    pods: podMetrics(topology, utilization),
    nodes: nodeMetrics(topology, utilization),
    cost: run.cost,
    timeseries: run.windows,
  };
}

function serviceMetrics(
  topology: Topology,
  utilization: UtilizationWindow,
  perSec: (n: number) => number,
): ServiceMetrics[] {
  return [...topology.services.values()].map((service) => {
    // CPU used over the capacity of the pools its pods run on (a shared node pool counts once).
    const capacity = poolCapacity(service.pods);
    const coresUsed = service.pods.reduce((sum, pod) => sum + utilization.coresUsed(pod), 0);
    const slots = service.pods.reduce((sum, pod) => sum + pod.concurrency, 0);
    const busySlots = service.pods.reduce(
      (sum, pod) => sum + utilization.workers(pod) * pod.concurrency,
      0,
    );
    return {
      service: service.name,
      requests: service.stats.requests,
      errors: service.stats.errors,
      ratePerSec: perSec(service.stats.requests),
      latency: mergedLatency(service),
      readyPods: service.readyPods.length,
      pendingPods: topology.pendingPods.filter((p) => p.service === service.name).length,
      cpuUtilization: capacity > 0 ? coresUsed / capacity : 0,
      workerUtilization: slots > 0 ? busySlots / slots : 0,
    };
  });
}

/** A service's latency: every call to any of its endpoints (recorded once, per endpoint). */
function mergedLatency(service: Service): LatencySummary {
  const latency = service.stats.latency;
  for (const endpoint of service.endpoints.values()) latency.merge(endpoint.stats.latency);
  return latency.summary();
}

function endpointMetrics(topology: Topology, perSec: (n: number) => number): EndpointMetrics[] {
  return [...topology.services.values()].flatMap((service) =>
    [...service.endpoints.values()].map(({ name, stats }) => ({
      service: service.name,
      endpoint: name,
      requests: stats.requests,
      errors: stats.errors,
      ratePerSec: perSec(stats.requests),
      latency: stats.latency.summary(),
    })),
  );
}

function edgeMetrics(topology: Topology, perSec: (n: number) => number): EdgeMetrics[] {
  return [...topology.edges.values()].map(({ from, to, stats }) => ({
    from,
    to,
    requests: stats.requests,
    errors: stats.errors,
    ratePerSec: perSec(stats.requests),
    latency: stats.latency.summary(),
  }));
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
      cpuUtilization: utilization.cpu(pod),
      workerUtilization: utilization.workers(pod),
    })),
  );
  const pending: PodMetrics[] = topology.pendingPods.map((p) => ({
    pod: p.name,
    service: p.service,
    node: '',
    zone: '',
    phase: 'Pending',
    requests: 0,
    cpuUtilization: 0,
    workerUtilization: 0,
  }));
  return [...running, ...pending];
}

function nodeMetrics(topology: Topology, utilization: UtilizationWindow): NodeMetrics[] {
  const pods = [...topology.services.values()].flatMap((s) => s.pods);
  return topology.nodes.map((node) => {
    const coresUsed = pods
      .filter((pod) => pod.nodeName === node.name)
      .reduce((sum, pod) => sum + utilization.coresUsed(pod), 0);
    return {
      node: node.name,
      pool: node.pool,
      zone: node.zone,
      cpuCores: node.cpuCores,
      cpuRequested: node.cpuRequested,
      pods: node.pods,
      cpuUtilization: coresUsed / node.cpuCores,
    };
  });
}
