import { z } from 'zod';
import type { FunctionsResult } from '../metrics/function-result.js';

/**
 * RunResult.functions in a run file (docs/serverless.md): checked like the rest of the file,
 * so that --resume and merge write the same function outputs as the sweep that ran it.
 */
const count = z.number().nonnegative();
const statistic = z.number().nullable();

const functionMetrics = z.object({
  function: z.string(),
  runtime: z.string(),
  memoryMb: count,
  architecture: z.string(),
  invocations: count,
  coldStarts: count,
  coldShare: statistic,
  throttles: count,
  gatewayThrottles: count,
  errors: count,
  durationMeanMs: statistic,
  durationP50Ms: statistic,
  durationP99Ms: statistic,
  durationMaxMs: statistic,
  initMeanMs: statistic,
  initP99Ms: statistic,
  initShareOfLatency: statistic,
  peakInstances: count,
  peakConcurrency: count,
  meanInstances: count,
  meanConcurrency: count,
  provisionedConcurrency: count,
  gatewayRequests: count,
  gatewayApi: z.string().nullable(),
});

const functionMinute = z.object({
  function: z.string(),
  startS: count,
  invocations: count,
  errors: count,
  throttles: count,
  durationAvgMs: statistic,
  durationMaxMs: statistic,
  concurrentExecutionsMax: count,
  provisionedUtilizationMax: statistic,
  instancesBusyMean: count,
  instancesIdleMean: count,
  instancesInitializingMean: count,
});

export const functionsResultSchema: z.ZodType<FunctionsResult, unknown> = z.object({
  functions: z.array(functionMetrics),
  minutes: z.array(functionMinute),
  reportLines: z.array(z.string()),
});
