import { FAILURE_CAUSES, type RunResult } from './run-result.js';

/**
 * A run's headline numbers as flat, unit-suffixed columns: the columns of runs.csv and
 * summary.csv and the names thresholds refer to (`latency_p99_ms: "< 300"`).
 * The order here is the column order.
 */
export function headlineMetrics(result: RunResult): Record<string, number> {
  const { requests, latency, cost } = result;
  const metrics: Record<string, number> = {
    requests_total: requests.total,
    requests_succeeded: requests.succeeded,
    requests_failed: requests.failed,
    availability: result.availability,
    throughput_rps: result.throughputPerSec,
    latency_mean_ms: latency.meanMs,
    latency_p50_ms: latency.p50Ms,
    latency_p90_ms: latency.p90Ms,
    latency_p99_ms: latency.p99Ms,
    latency_p999_ms: latency.p999Ms,
    latency_max_ms: latency.maxMs,
  };
  for (const cause of FAILURE_CAUSES) metrics[`errors_${cause}`] = requests.byCause[cause];
  metrics.cpu_utilization = meanNodeUtilization(result);
  metrics.cost_usd = cost.totalUsd;
  metrics.cost_usd_per_million = cost.perMillionRequestsUsd;
  metrics.events = result.events;
  return metrics;
}

export const HEADLINE_METRIC_NAMES: readonly string[] = Object.keys(
  headlineMetrics(emptyResultForNames()),
);

function meanNodeUtilization(result: RunResult): number {
  let busy = 0;
  let cores = 0;
  for (const node of result.nodes) {
    busy += node.cpuUtilization * node.cpuCores;
    cores += node.cpuCores;
  }
  return cores > 0 ? busy / cores : 0;
}

function emptyResultForNames(): RunResult {
  const latency = { count: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
  const byCause = Object.fromEntries(
    FAILURE_CAUSES.map((c) => [c, 0]),
  ) as RunResult['requests']['byCause'];
  return {
    scenario: '',
    seed: 0,
    durationMs: 0,
    warmupMs: 0,
    measuredMs: 0,
    events: 0,
    requests: { total: 0, succeeded: 0, failed: 0, byCause },
    availability: 0,
    throughputPerSec: 0,
    latency,
    services: [],
    endpoints: [],
    edges: [],
    pods: [],
    nodes: [],
    cost: { nodeUsd: 0, controlPlaneUsd: 0, totalUsd: 0, perMillionRequestsUsd: 0 },
    timeseries: [],
  };
}
