import type { FunctionMetrics } from '../metrics/function-result.js';
import type { CostLine, RunResult, Statistic } from '../metrics/run-result.js';

/**
 * One function's share of the run's bill (docs/cost.md, "Where it shows"): its own lines,
 * and its share of its API gateway's lines (the gateway is billed per API type, its tiers
 * over every function behind that type: each function takes its share of the requests).
 * The free tier's credits are the account's, not a function's: they are left out.
 */
export interface FunctionCostBreakdown {
  /** USD over the measured period */
  costUsd: number;
  /** per million calls to the function (invocations and throttled calls, as endpoints.csv counts) */
  perMillionUsd: Statistic;
  perMillionRequestsUsd: Statistic;
  /** on-demand duration, init included where it is billed */
  perMillionDurationUsd: Statistic;
  /** provisioned concurrency and the duration on provisioned instances */
  perMillionProvisionedUsd: Statistic;
  perMillionGatewayUsd: Statistic;
  /** ephemeral storage above 512 MB, SnapStart's cache and restores */
  perMillionOtherUsd: Statistic;
}

type Part = 'requests' | 'duration' | 'provisioned' | 'other';

const PART_OF_ITEM: Readonly<Record<string, Part>> = {
  'function-requests': 'requests',
  'function-duration': 'duration',
  'function-provisioned-concurrency': 'provisioned',
  'function-provisioned-duration': 'provisioned',
  'function-ephemeral-storage': 'other',
  'function-snapstart-cache': 'other',
  'function-snapstart-restore': 'other',
};

const MICRO = 1_000_000;

/**
 * Worked example (cold-start-bursts, on demand): 30,830 calls, requests 0.006166 USD,
 * duration 0.02456, its HTTP API's 0.03083: 0.061556 USD, 1.9966 USD per million calls
 * (0.2 + 0.7966 + 1.0).
 */
export function functionCostBreakdown(
  result: RunResult,
  fn: FunctionMetrics,
): FunctionCostBreakdown {
  const lines = result.cost.lines ?? [];
  // Whole micro-dollars, as the bill charges them: the parts add without float drift.
  const micro: Record<Part | 'gateway', number> = {
    requests: 0,
    duration: 0,
    provisioned: 0,
    other: 0,
    gateway: gatewayShareMicro(lines, result, fn),
  };
  for (const line of lines) {
    const part = PART_OF_ITEM[line.item];
    if (part !== undefined && line.subject === fn.function) micro[part] += microOf(line.costUsd);
  }
  const calls = fn.invocations + fn.throttles + fn.gatewayThrottles;
  const perMillion = (microUsd: number): Statistic => (calls > 0 ? microUsd / calls : null);
  const total = micro.requests + micro.duration + micro.provisioned + micro.other + micro.gateway;
  return {
    costUsd: total / MICRO,
    perMillionUsd: perMillion(total),
    perMillionRequestsUsd: perMillion(micro.requests),
    perMillionDurationUsd: perMillion(micro.duration),
    perMillionProvisionedUsd: perMillion(micro.provisioned),
    perMillionGatewayUsd: perMillion(micro.gateway),
    perMillionOtherUsd: perMillion(micro.other),
  };
}

/** Its share of its gateway type's lines, by its share of that type's requests. */
function gatewayShareMicro(lines: readonly CostLine[], result: RunResult, fn: FunctionMetrics) {
  if (fn.gatewayApi === null || fn.gatewayRequests === 0) return 0;
  const typeMicro = lines
    .filter((line) => line.item === 'gateway-requests' && line.subject === fn.gatewayApi)
    .reduce((sum, line) => sum + microOf(line.costUsd), 0);
  const typeRequests = (result.functions?.functions ?? [])
    .filter((other) => other.gatewayApi === fn.gatewayApi)
    .reduce((sum, other) => sum + other.gatewayRequests, 0);
  return (typeMicro * fn.gatewayRequests) / typeRequests;
}

function microOf(usd: number): number {
  return Math.round(usd * MICRO);
}
