import { ALL_HEADLINE_METRIC_NAMES, headlineMetrics } from '../metrics/headline.js';
import type { RunResult, Statistic } from '../metrics/run-result.js';

/**
 * What a crossover may compare: every headline metric, and the workload's allocated cost,
 * which only a comparison across kinds of compute needs (a function against a deployment).
 */

/**
 * USD per million requests that the workload itself is charged: its pods' share of the nodes
 * as OpenCost allocates it (the larger of request and use, per resource; a mesh's sidecars
 * are allocated lines of their own, `<service>/istio-proxy`), the functions' and per-task
 * containers' bills, and the bytes across zones; without the cluster's idle capacity,
 * control plane and DaemonSets, which cost_usd_per_million includes. Null when the run has no allocation (a scenario
 * without `pricing:` or functions) or no request.
 */
export const ALLOCATED_COST_METRIC = 'cost_allocated_usd_per_million';

export const CROSSOVER_METRIC_NAMES: readonly string[] = [
  ...ALL_HEADLINE_METRIC_NAMES,
  ALLOCATED_COST_METRIC,
];

export function allocatedCostPerMillion(result: RunResult): Statistic {
  const { cost } = result;
  if (cost.allocation === undefined || result.requests.total === 0) return null;
  let usd = cost.crossZoneUsd;
  for (const line of cost.allocation) if (line.item.startsWith('allocation-')) usd += line.costUsd;
  for (const line of cost.lines ?? []) usd += line.costUsd;
  return (usd / result.requests.total) * 1e6;
}

/** The named metrics of one run. */
export function crossoverMetricValues(
  result: RunResult,
  metrics: readonly string[],
): Record<string, Statistic> {
  const headline = headlineMetrics(result);
  return Object.fromEntries(
    metrics.map((metric) => [
      metric,
      metric === ALLOCATED_COST_METRIC
        ? allocatedCostPerMillion(result)
        : (headline[metric] ?? null),
    ]),
  );
}
