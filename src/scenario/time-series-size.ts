import { createDistribution } from '../engine/distributions/create.js';
import { calleesOf, type EndpointCalls } from './call-graph-size.js';
import type { Scenario, ServiceConfig, WorkloadConfig } from './schema.js';

/** How large a run's time series is: the windows it writes, and those it holds. */
export interface TimeSeriesSize {
  /** windows from time 0 until the drain ends, each written as one row per series */
  windows: number;
  /** all traffic, and each service */
  series: number;
  /**
   * Windows the run is expected to hold in memory: a window that repeats the one before it
   * is counted, not held (metrics/time-series.ts). At most `windows`.
   */
  heldWindows: number;
}

/** Windows from time 0 until the drain ends (the run may end sooner), and series. */
export function timeSeriesWindows(scenario: Scenario): { windows: number; series: number } {
  return {
    windows: Math.ceil((scenario.duration + scenario.drain) / scenario.outputs.window),
    series: 1 + Object.keys(scenario.services).length,
  };
}

/**
 * The time series' size, from the scenario and the estimate of its requests and events.
 *
 * A window can differ from the one before it only where something happened: an event in it
 * or in the window before (an arrival, an end, a burst of CPU starting or ending: the window
 * after a busy one differs from it by being quiet), or a CPU burst running through it (its
 * CPU use, constant over the window, is a sum of floats that need not come out the same
 * twice). So it holds the first window, at most 2 windows per event, and the windows CPU
 * bursts cover:
 *
 *   heldWindows = min(windows, 1 + 2 × requestEvents + CPU busy time / window)
 *
 * 30 days at 1 s windows with 0.001 requests/s (2,600 requests, 10,000 events, 5 ms of CPU
 * each): 21,000 of the 2.6 million windows.
 */
export function timeSeriesSize(
  scenario: Scenario,
  calls: Map<string, EndpointCalls>,
  work: { requestEvents: number; requestsByWorkload: readonly number[] },
): TimeSeriesSize {
  const windowMs = scenario.outputs.window;
  const { windows, series } = timeSeriesWindows(scenario);
  const cpuMs = cpuPerRequest(scenario, calls);
  let busyMs = 0;
  scenario.workload.forEach((workload, index) => {
    busyMs += (work.requestsByWorkload[index] ?? 0) * entryCpuMs(workload, cpuMs);
  });
  const busyWindows = Math.ceil(1 + 2 * work.requestEvents + busyMs / windowMs);
  return {
    windows,
    series,
    // NaN (0 requests × a cyclic graph's Infinity) would say nothing: all windows, to be safe.
    heldWindows: Number.isNaN(busyWindows) ? windows : Math.min(busyWindows, windows),
  };
}

/**
 * The CPU time one request to each endpoint keeps a core busy, its callees' included,
 * each weighted by its probability: cpu(e) = mean(e) / speed + Σ p × cpu(callee). `calls`
 * lists every endpoint after its callees (callGraphSizes' order), so one pass suffices; a
 * callee not yet seen is in a cycle, which counts as Infinity there too.
 */
function cpuPerRequest(scenario: Scenario, calls: Map<string, EndpointCalls>): Map<string, number> {
  const cpuMs = new Map<string, number>();
  for (const key of calls.keys()) {
    const dot = key.indexOf('.');
    const service = scenario.services[key.slice(0, dot)];
    const endpoint = service?.endpoints[key.slice(dot + 1)];
    if (service === undefined || endpoint === undefined) continue;
    let total = createDistribution(endpoint.cpu).mean / slowestCoreSpeed(scenario, service);
    for (const { key: callee, probability } of calleesOf(scenario, key)) {
      if (probability > 0) total += probability * (cpuMs.get(callee) ?? Infinity);
    }
    cpuMs.set(key, total);
  }
  return cpuMs;
}

/** A workload's CPU time per request, weighted by its mix. */
function entryCpuMs(workload: WorkloadConfig, cpuMs: Map<string, number>): number {
  const entries = Object.entries(workload.mix ?? { [workload.target ?? '']: 1 });
  let totalWeight = 0;
  let weighted = 0;
  for (const [entry, weight] of entries) {
    totalWeight += weight;
    weighted += weight * (cpuMs.get(entry) ?? 0);
  }
  return totalWeight > 0 ? weighted / totalWeight : 0;
}

/**
 * The speed of the cores a service's bursts run on: a pod with a CPU limit has its own pool
 * of that many cores, one without shares its node's; either way L cores are served as
 * ceil(L) cores at L / ceil(L) each (model/cpu-pool.ts), so a 500m pod takes twice the CPU
 * time. Without a limit, the slowest pool the pod may be placed in.
 */
function slowestCoreSpeed(scenario: Scenario, service: ServiceConfig): number {
  const limit = service.resources.limits.cpu;
  if (limit !== undefined) return coreSpeed(limit);
  return Math.min(1, ...scenario.cluster.nodePools.map((pool) => coreSpeed(pool.cpuCores)));
}

function coreSpeed(capacityCores: number): number {
  return capacityCores / Math.max(1, Math.ceil(capacityCores - 1e-9));
}
