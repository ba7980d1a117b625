import { ARGO_ROLLOUT_HEADLINES } from './argo-rollout-headline.js';
import { AUTOSCALING_HEADLINES } from './autoscaling-headline.js';
import { CAUSES_IN_FIRST_LAYOUT, FAILURE_CAUSES } from './failure-causes.js';
import type { OptionalHeadlines } from './optional-headlines.js';
import { PIPELINE_HEADLINES } from './pipeline-headline.js';
import { QUEUE_HEADLINES } from './queue-headline.js';
import { ROLLOUT_HEADLINES } from './rollout-headline.js';
import { type LatencySummary, NO_LATENCY, type RunResult, type Statistic } from './run-result.js';
import { STEADY_STATE_HEADLINES } from './steady-state-headline.js';

/** The retries clients sent (`workload[].retry`), in runs where a workload retries. */
export const CLIENT_RETRIES_METRIC = 'client_retries';

const CLIENT_RETRY_HEADLINES: OptionalHeadlines = {
  names: [CLIENT_RETRIES_METRIC],
  has: (result) => result.clientRetries !== undefined,
  metrics: (result) => ({ [CLIENT_RETRIES_METRIC]: result.clientRetries! }),
  directions: { [CLIENT_RETRIES_METRIC]: 'lower' },
  // The comparison table's default columns gain it (comparison-table.ts).
  compared: [],
};

/** The groups of headline metrics only some runs have, in column order (optional-headlines.ts). */
export const OPTIONAL_HEADLINES: readonly OptionalHeadlines[] = [
  QUEUE_HEADLINES,
  CLIENT_RETRY_HEADLINES,
  ROLLOUT_HEADLINES,
  AUTOSCALING_HEADLINES,
  STEADY_STATE_HEADLINES,
  PIPELINE_HEADLINES,
  ARGO_ROLLOUT_HEADLINES,
];

/**
 * A run's headline numbers as flat, unit-suffixed columns: the columns of runs.csv and
 * summary.csv and the names thresholds refer to (`latency_p99_ms: "< 300"`). A metric with
 * no samples is null (an empty cell), never 0. The order here is the column order.
 *
 * Failure causes come from the registry (failure-causes.ts): the first five causes' errors_<id>
 * columns sit where they always did, and every later cause's column is appended at the end
 * of the row in registry order, so adding a cause moves no other column. A cause a run
 * (or an older run file) has no count for is 0: a count, not a statistic. `causes` is the
 * registry's ids; tests pass a longer list to see where a new cause's column goes.
 */
export function headlineMetrics(
  result: RunResult,
  causes: readonly string[] = FAILURE_CAUSES,
): Record<string, Statistic> {
  const { requests, cost } = result;
  const metrics: Record<string, Statistic> = {
    requests_total: requests.total,
    requests_succeeded: requests.succeeded,
    requests_failed: requests.failed,
    availability: result.availability,
    throughput_rps: result.throughputPerSec,
    ...latencyColumns('latency', result.latency),
    ...latencyColumns('latency_all', result.latencyAll),
  };
  const byCause: Partial<Record<string, number>> = requests.byCause;
  const causeColumns = (ids: readonly string[]) => {
    for (const cause of ids) metrics[`errors_${cause}`] = byCause[cause] ?? 0;
  };
  causeColumns(causes.slice(0, CAUSES_IN_FIRST_LAYOUT));
  metrics.cpu_cores_used = result.cpuCoresUsed;
  metrics.node_cpu_utilization = result.nodeCpuUtilization;
  metrics.cross_zone_calls_per_request = result.network.crossZoneCallsPerRequest;
  metrics.cross_zone_bytes = result.network.crossZoneBytes;
  metrics.cost_usd = cost.totalUsd;
  metrics.cost_cross_zone_usd = cost.crossZoneUsd;
  metrics.cost_usd_per_million = cost.perMillionRequestsUsd;
  metrics.cost_usd_per_million_succeeded = cost.perMillionSucceededUsd;
  metrics.events = result.events;
  causeColumns(causes.slice(CAUSES_IN_FIRST_LAYOUT));
  // Last, and only in a run that has them: every other run keeps its columns.
  for (const group of OPTIONAL_HEADLINES)
    if (group.has(result)) Object.assign(metrics, group.metrics(result));
  return metrics;
}

/** The quantile columns and the percentile each one reads. */
export const LATENCY_QUANTILES = [
  { suffix: 'p50', field: 'p50Ms', percentile: 50 },
  { suffix: 'p90', field: 'p90Ms', percentile: 90 },
  { suffix: 'p99', field: 'p99Ms', percentile: 99 },
  { suffix: 'p999', field: 'p999Ms', percentile: 99.9 },
] as const;

function latencyColumns(prefix: string, latency: LatencySummary): Record<string, Statistic> {
  const columns: Record<string, Statistic> = { [`${prefix}_mean_ms`]: latency.meanMs };
  for (const { suffix, field } of LATENCY_QUANTILES)
    columns[`${prefix}_${suffix}_ms`] = latency[field];
  columns[`${prefix}_max_ms`] = latency.maxMs;
  return columns;
}

/**
 * For a quantile column, the percentile it reads and how many samples it was read from:
 * latency_* are over successful requests (requests_succeeded), latency_all_* over every
 * request that ended (requests_total − errors_unfinished). Undefined for other columns.
 */
export function quantileSamples(
  metrics: Record<string, Statistic>,
  name: string,
): { percentile: number; samples: number } | undefined {
  const succeeded = metrics.requests_succeeded ?? 0;
  const ended = (metrics.requests_total ?? 0) - (metrics.errors_unfinished ?? 0);
  for (const [prefix, samples] of [
    ['latency', succeeded],
    ['latency_all', ended],
  ] as const) {
    for (const { suffix, percentile } of LATENCY_QUANTILES) {
      if (name === `${prefix}_${suffix}_ms`) return { percentile, samples };
    }
  }
  return undefined;
}

/** Every run's headline metrics, in column order (a run with queues has more: below). */
export const HEADLINE_METRIC_NAMES: readonly string[] = Object.keys(
  headlineMetrics(emptyResultForNames()),
);

/** Every name a threshold, a table column or a crossover may use. */
export const ALL_HEADLINE_METRIC_NAMES: readonly string[] = [
  ...HEADLINE_METRIC_NAMES,
  ...OPTIONAL_HEADLINES.flatMap((group) => group.names),
];

/**
 * The columns of a table of these runs: each optional group only when one of them has it,
 * as the `kind` column appears only with functions, so other runs' files keep their bytes.
 */
export function headlineMetricNames(results: readonly RunResult[]): readonly string[] {
  const present = OPTIONAL_HEADLINES.filter((group) => results.some((r) => group.has(r)));
  if (present.length === 0) return HEADLINE_METRIC_NAMES;
  return [...HEADLINE_METRIC_NAMES, ...present.flatMap((group) => group.names)];
}

function emptyResultForNames(): RunResult {
  const latency = NO_LATENCY;
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
    availability: null,
    throughputPerSec: 0,
    latency,
    latencyAll: latency,
    cpuCoresUsed: 0,
    nodeCpuUtilization: null,
    services: [],
    endpoints: [],
    failures: [],
    ledger: { pods: [], nodes: [] },
    podSeries: [],
    edges: [],
    pods: [],
    nodes: [],
    network: {
      crossZoneCalls: 0,
      crossZoneCallsPerRequest: null,
      crossZoneBytes: 0,
      zonePairs: [],
    },
    cost: {
      periodMs: 0,
      nodeUsd: 0,
      controlPlaneUsd: 0,
      crossZoneUsd: 0,
      totalUsd: 0,
      perMillionRequestsUsd: null,
      perMillionSucceededUsd: null,
    },
    timeseries: { rows: [], repeats: [] },
  };
}
