import { z } from 'zod';
import type { AutoscalingResult } from '../metrics/autoscaling-result.js';

/**
 * RunResult.autoscaling in a run file (docs/autoscaling.md): checked like the rest of the
 * file, so that --resume and merge write the same autoscaling outputs as the sweep.
 */
const count = z.number().nonnegative();
const seconds = z.number().nonnegative();
const optional = z.number().nullable();

const decision = z.object({
  timeS: seconds,
  controller: z.enum(['hpa', 'cluster-autoscaler']),
  target: z.string(),
  metric: z.string().nullable(),
  observed: optional,
  current: count,
  desired: count,
  stabilized: optional,
  replicas: count,
  reason: z.string(),
  node: z.string().nullable(),
});

const catchUp = z.object({
  service: z.string(),
  startS: seconds,
  caughtUpS: optional,
  durationS: optional,
  replicasFrom: count,
  replicasTo: count,
  metricLagS: seconds,
  hpaDecisionS: optional,
  schedulingS: optional,
  imagePullAndStartS: optional,
  readinessS: optional,
  failedRequests: count,
  peakP99Ms: optional,
});

export const autoscalingResultSchema: z.ZodType<AutoscalingResult, unknown> = z.object({
  decisions: z.array(decision),
  catchUps: z.array(catchUp),
});
