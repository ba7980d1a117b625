import { z } from 'zod';
import type { RolloutResult } from '../metrics/rollout-result.js';

/**
 * RunResult.rollouts in a run file (docs/deployments.md): checked like the rest of the file,
 * so that --resume and merge write the same rollouts.csv as the sweep.
 */
const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative();

const rollout = z.object({
  service: z.string(),
  fromRevision: count,
  toRevision: count,
  fromVersion: z.string(),
  toVersion: z.string(),
  strategy: z.string(),
  replicas: count,
  startS: seconds,
  endS: seconds.nullable(),
  durationS: seconds.nullable(),
  outcome: z.string(),
  peakPods: count,
  lowestAvailable: count,
  failedRequests: count,
  servedByNew: count,
  argo: z
    .object({
      stepsReached: count,
      steps: count,
      analysisRuns: count,
      analysisFailures: count,
      detectedS: seconds.nullable(),
      failedMetric: z.string().nullable(),
      failedMetricLastValue: z.string().nullable(),
      failedMetricReason: z.string().nullable(),
      requestsToNewVersion: count,
      failedAtNewVersion: count,
    })
    .optional(),
});

export const rolloutsResultSchema: z.ZodType<RolloutResult[], unknown> = z.array(rollout);
