import type { FunctionMetrics, FunctionMinute } from '../metrics/function-result.js';
import type { RunResult } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import { type FunctionCostBreakdown, functionCostBreakdown } from './function-cost-breakdown.js';
import { type RunRecord, sortByRunId } from './run-record.js';

/** After run_id, variant, <param paths...>, replication (docs/serverless.md, "Metrics"). */
export const FUNCTION_COLUMNS = [
  'function',
  'runtime',
  'memory_mb',
  'architecture',
  'invocations',
  'cold_starts',
  'cold_share',
  'throttles',
  'gateway_throttles',
  'errors',
  'duration_mean_ms',
  'duration_p50_ms',
  'duration_p99_ms',
  'duration_max_ms',
  'init_mean_ms',
  'init_p99_ms',
  'init_share_of_latency',
  'peak_instances',
  'peak_concurrency',
  'mean_instances',
  'mean_concurrency',
  'provisioned_concurrency',
  'gateway_requests',
  'gateway',
  'cost_usd',
  'cost_per_million_usd',
  'cost_per_million_requests_usd',
  'cost_per_million_duration_usd',
  'cost_per_million_provisioned_usd',
  'cost_per_million_gateway_usd',
  'cost_per_million_other_usd',
] as const;

export type FunctionColumn = (typeof FUNCTION_COLUMNS)[number];

/** A function of a run, with its share of the run's bill (function-cost-breakdown.ts). */
export interface FunctionRow {
  metrics: FunctionMetrics;
  cost: FunctionCostBreakdown;
}

/** A run's functions as rows of functions.csv. */
export function functionRows(result: RunResult): FunctionRow[] {
  return (result.functions?.functions ?? []).map((metrics) => ({
    metrics,
    cost: functionCostBreakdown(result, metrics),
  }));
}

export function functionFields({ metrics: f, cost }: FunctionRow): Record<FunctionColumn, Cell> {
  return {
    function: f.function,
    runtime: f.runtime,
    memory_mb: f.memoryMb,
    architecture: f.architecture,
    invocations: f.invocations,
    cold_starts: f.coldStarts,
    cold_share: f.coldShare,
    throttles: f.throttles,
    gateway_throttles: f.gatewayThrottles,
    errors: f.errors,
    duration_mean_ms: f.durationMeanMs,
    duration_p50_ms: f.durationP50Ms,
    duration_p99_ms: f.durationP99Ms,
    duration_max_ms: f.durationMaxMs,
    init_mean_ms: f.initMeanMs,
    init_p99_ms: f.initP99Ms,
    init_share_of_latency: f.initShareOfLatency,
    peak_instances: f.peakInstances,
    peak_concurrency: f.peakConcurrency,
    mean_instances: f.meanInstances,
    mean_concurrency: f.meanConcurrency,
    provisioned_concurrency: f.provisionedConcurrency,
    gateway_requests: f.gatewayRequests,
    gateway: f.gatewayApi,
    cost_usd: cost.costUsd,
    cost_per_million_usd: cost.perMillionUsd,
    cost_per_million_requests_usd: cost.perMillionRequestsUsd,
    cost_per_million_duration_usd: cost.perMillionDurationUsd,
    cost_per_million_provisioned_usd: cost.perMillionProvisionedUsd,
    cost_per_million_gateway_usd: cost.perMillionGatewayUsd,
    cost_per_million_other_usd: cost.perMillionOtherUsd,
  };
}

/** functions.csv: one row per (run, function), over the measured period. */
export const functionsCsv = perRunTable(
  FUNCTION_COLUMNS,
  (record) => functionRows(record.result),
  functionFields,
);

/**
 * CloudWatch's AWS/Lambda metric names, with the statistic where it is not the sum; then
 * msasim's own (lower case: no CloudWatch metric has them), the instances by state.
 */
export const FUNCTION_METRIC_COLUMNS = [
  'function',
  'minute_start_s',
  'Invocations',
  'Errors',
  'Throttles',
  'Duration_Average_ms',
  'Duration_Maximum_ms',
  'ConcurrentExecutions_Maximum',
  'ProvisionedConcurrencyUtilization_Maximum',
  'instances_busy_mean',
  'instances_idle_mean',
  'instances_initializing_mean',
] as const;

export type FunctionMetricColumn = (typeof FUNCTION_METRIC_COLUMNS)[number];

export function functionMinuteFields(m: FunctionMinute): Record<FunctionMetricColumn, Cell> {
  return {
    function: m.function,
    minute_start_s: m.startS,
    Invocations: m.invocations,
    Errors: m.errors,
    Throttles: m.throttles,
    Duration_Average_ms: m.durationAvgMs,
    Duration_Maximum_ms: m.durationMaxMs,
    ConcurrentExecutions_Maximum: m.concurrentExecutionsMax,
    ProvisionedConcurrencyUtilization_Maximum: m.provisionedUtilizationMax,
    instances_busy_mean: m.instancesBusyMean,
    instances_idle_mean: m.instancesIdleMean,
    instances_initializing_mean: m.instancesInitializingMean,
  };
}

/** function_metrics.csv: one row per (run, function, minute of the whole run). */
export const functionMetricsCsv = perRunTable(
  FUNCTION_METRIC_COLUMNS,
  (record) => record.result.functions?.minutes ?? [],
  functionMinuteFields,
);

/** lambda_report.log: each run's sampled REPORT lines, in run order, prefixed with its run id. */
export function lambdaReportLog(records: readonly RunRecord[]): string {
  const lines: string[] = [];
  for (const record of sortByRunId(records))
    for (const line of record.result.functions?.reportLines ?? [])
      lines.push(`run ${record.runId}\t${line}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
