import type { CostLine, NodeLedgerMetrics, PodLedgerMetrics } from '../../metrics/run-result.js';
import type { Scenario } from '../../scenario/schema.js';
import type { NodePriceSplit } from './prices.js';

const BYTES_PER_GB = 2 ** 30;
const SECONDS_PER_HOUR = 3600;

/** What one pod asked of its node. */
export interface PodRequests {
  cpuCores: number;
  memoryBytes: number;
}

export interface AllocationInputs {
  nodes: readonly NodeLedgerMetrics[];
  pods: readonly PodLedgerMetrics[];
  /** the cores and memory of a pool's nodes (their capacity: what the node's price buys) */
  capacityOf: (pool: string) => PodRequests | undefined;
  /** a pod's requests, by its service and version */
  requestsOf: (service: string, version: string) => PodRequests;
  split: NodePriceSplit;
}

/** What one core-second and one GB-second of a node cost, its bill split as OpenCost does. */
interface NodeRates {
  cpuUsdPerCoreSecond: number;
  memoryUsdPerGBSecond: number;
  cpuUsd: number;
  memoryUsd: number;
}

/**
 * A node's bill split between its cores and its memory in the ratio of their marginal
 * prices, the parts summing to the bill (OpenCost specification, Appendix A). Worked
 * example: an m5.large (2 cores, 8 GiB, 0.096 USD/h) at OpenCost's 0.031611 per core-hour and
 * 0.004237 per GB-hour: CPU 0.063222 / (0.063222 + 0.033896) = 65.1% of the price, so a core
 * costs 0.03125 USD/h and a GB 0.004190 USD/h.
 */
export function nodeRates(
  node: NodeLedgerMetrics,
  capacity: PodRequests,
  split: NodePriceSplit,
): NodeRates {
  const memoryGb = capacity.memoryBytes / BYTES_PER_GB;
  const cpuWeight = capacity.cpuCores * split.cpuPerCoreHour;
  const memoryWeight = memoryGb * split.memoryPerGBHour;
  const cpuUsd = (node.costUsd * cpuWeight) / (cpuWeight + memoryWeight);
  const memoryUsd = node.costUsd - cpuUsd;
  const seconds = node.billedSeconds;
  return {
    cpuUsd,
    memoryUsd,
    cpuUsdPerCoreSecond: seconds > 0 ? cpuUsd / (capacity.cpuCores * seconds) : 0,
    memoryUsdPerGBSecond: seconds > 0 ? memoryUsd / (memoryGb * seconds) : 0,
  };
}

/** Seconds a pod held its node: its CPU request's integral over the request, else its bound phases. */
function secondsHeld(pod: PodLedgerMetrics, requests: PodRequests): number {
  if (requests.cpuCores > 0) return pod.cpuCoreSecondsRequested / requests.cpuCores;
  const { Pending: _pending, ...bound } = pod.phaseSeconds;
  return Object.values(bound).reduce((sum, seconds) => sum + seconds, 0);
}

interface ServiceAllocation {
  cpuCoreSeconds: number;
  cpuUsd: number;
  memoryGbSeconds: number;
  memoryUsd: number;
}

/**
 * The nodes' bills allocated as OpenCost does (its specification, "Workload Costs" and
 * "Idle Costs"): each pod is charged the larger of its request and its use, for CPU and for
 * memory, at its node's per-resource price; what no pod was charged is the cluster's idle
 * cost. Per service, then idle: the lines sum to the nodes' bills. msasim does not model a
 * pod's memory use, so its memory is charged at its request; and the larger of request and
 * use is taken over the measured window, not per sample (a pod that bursts above its
 * request for a minute and idles the rest is charged its request).
 */
export function allocateNodeCost(inputs: AllocationInputs): CostLine[] {
  const rates = new Map<string, NodeRates>();
  for (const node of inputs.nodes) {
    const capacity = inputs.capacityOf(node.pool);
    if (capacity !== undefined) rates.set(node.node, nodeRates(node, capacity, inputs.split));
  }
  const services = new Map<string, ServiceAllocation>();
  for (const pod of inputs.pods) {
    const rate = rates.get(pod.node);
    if (rate === undefined) continue;
    const requests = inputs.requestsOf(pod.service, pod.version);
    const cpuCoreSeconds = Math.max(pod.cpuCoreSecondsRequested, pod.cpuCoreSecondsUsed);
    const memoryGbSeconds = (requests.memoryBytes / BYTES_PER_GB) * secondsHeld(pod, requests);
    const service = services.get(pod.service) ?? {
      cpuCoreSeconds: 0,
      cpuUsd: 0,
      memoryGbSeconds: 0,
      memoryUsd: 0,
    };
    service.cpuCoreSeconds += cpuCoreSeconds;
    service.cpuUsd += cpuCoreSeconds * rate.cpuUsdPerCoreSecond;
    service.memoryGbSeconds += memoryGbSeconds;
    service.memoryUsd += memoryGbSeconds * rate.memoryUsdPerGBSecond;
    services.set(pod.service, service);
  }
  const lines: CostLine[] = [];
  for (const [name, service] of services) {
    lines.push(hourLine('allocation-cpu', name, service.cpuCoreSeconds, 'core-h', service.cpuUsd));
    lines.push(
      hourLine('allocation-memory', name, service.memoryGbSeconds, 'GB-h', service.memoryUsd),
    );
  }
  const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
  const allocated = [...services.values()];
  const idleCpuUsd =
    sum([...rates.values()].map((rate) => rate.cpuUsd)) - sum(allocated.map((s) => s.cpuUsd));
  const idleMemoryUsd =
    sum([...rates.values()].map((rate) => rate.memoryUsd)) - sum(allocated.map((s) => s.memoryUsd));
  lines.push(idleLine('idle-cpu', idleCpuUsd), idleLine('idle-memory', idleMemoryUsd));
  return lines;
}

function hourLine(
  item: string,
  subject: string,
  unitSeconds: number,
  unit: string,
  costUsd: number,
): CostLine {
  const quantity = unitSeconds / SECONDS_PER_HOUR;
  return {
    item,
    subject,
    quantity,
    unit,
    unitPriceUsd: quantity > 0 ? costUsd / quantity : 0,
    costUsd,
  };
}

function idleLine(item: string, costUsd: number): CostLine {
  return { item, subject: 'cluster', quantity: 1, unit: 'cluster', unitPriceUsd: costUsd, costUsd };
}

/**
 * A scenario's pod requests by service and version: the service's resources for its first
 * version, and a setTemplate event's resources for the version it starts.
 */
export function scenarioPodRequests(scenario: Scenario): AllocationInputs['requestsOf'] {
  const byVersion = new Map<string, PodRequests>();
  for (const event of scenario.events ?? []) {
    const template = event.setTemplate;
    if (template?.resources === undefined) continue;
    byVersion.set(`${template.service}\u0000${template.version}`, {
      cpuCores: template.resources.requests.cpu,
      memoryBytes: template.resources.requests.memory,
    });
  }
  return (service, version) => {
    const versioned = byVersion.get(`${service}\u0000${version}`);
    if (versioned !== undefined) return versioned;
    const requests = scenario.services[service]?.resources.requests;
    return { cpuCores: requests?.cpu ?? 0, memoryBytes: requests?.memory ?? 0 };
  };
}

/** The capacity of a scenario's pools, by name. */
export function scenarioPoolCapacity(scenario: Scenario): AllocationInputs['capacityOf'] {
  const pools = new Map(
    scenario.cluster.nodePools.map((pool) => [
      pool.name,
      { cpuCores: pool.cpuCores, memoryBytes: pool.memoryBytes },
    ]),
  );
  return (pool) => pools.get(pool);
}
