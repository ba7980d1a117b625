import type { Statistic } from './run-result.js';

/**
 * What a run's functions did (issue 13, docs/serverless.md): one row per function over the
 * measured period (functions.csv), one per function and minute of the whole run under
 * CloudWatch's metric names (function_metrics.csv), and a sample of Lambda-shaped REPORT
 * lines (lambda_report.log). A statistic with no sample is null (an empty cell), never 0.
 */
export interface FunctionsResult {
  functions: FunctionMetrics[];
  minutes: FunctionMinute[];
  reportLines: string[];
}

export interface FunctionMetrics {
  function: string;
  runtime: string;
  memoryMb: number;
  architecture: string;
  /** invocations that ran (throttled ones are not invocations, as CloudWatch counts) */
  invocations: number;
  coldStarts: number;
  /** coldStarts / invocations */
  coldShare: Statistic;
  /** refused with 429: by the function's or the account's concurrency, or its scaling rate */
  throttles: number;
  /** refused with 429 by the API gateway in front (not counted in throttles) */
  gatewayThrottles: number;
  /** invocations that failed: handler error, timeout, a failed call, its caller gone */
  errors: number;
  durationMeanMs: Statistic;
  durationP50Ms: Statistic;
  durationP99Ms: Statistic;
  durationMaxMs: Statistic;
  initMeanMs: Statistic;
  initP99Ms: Statistic;
  /** Σ init / Σ (init + duration) over the invocations: the share of their time spent cold */
  initShareOfLatency: Statistic;
  /** most instances alive at once (busy, idle or initializing), over the whole run */
  peakInstances: number;
  /** most concurrent executions at once, over the whole run */
  peakConcurrency: number;
  /** instances alive (busy, idle or initializing), on average over the measured period */
  meanInstances: number;
  /** concurrent executions, on average over the measured period */
  meanConcurrency: number;
  provisionedConcurrency: number;
  /** requests the API gateway in front took (none without one) */
  gatewayRequests: number;
  /** the API gateway's type in front (http, rest); null without one */
  gatewayApi: string | null;
}

/** One function's minute, as CloudWatch's AWS/Lambda metrics would show it. */
export interface FunctionMinute {
  function: string;
  /** the minute's start, seconds from the start of the run */
  startS: number;
  invocations: number;
  errors: number;
  throttles: number;
  durationAvgMs: Statistic;
  durationMaxMs: Statistic;
  /** Maximum of ConcurrentExecutions in the minute */
  concurrentExecutionsMax: number;
  /** Maximum of ProvisionedConcurrencyUtilization (busy provisioned / provisioned); null without */
  provisionedUtilizationMax: Statistic;
  /** instances running an invocation (initialized), on average over the minute */
  instancesBusyMean: number;
  /** instances alive with no invocation and no init, on average over the minute */
  instancesIdleMean: number;
  /** instances in their init (or SnapStart restore), on average over the minute */
  instancesInitializingMean: number;
}
