import { z } from 'zod';
import { duration, positiveDuration } from './fields.js';
import { parseSuccessCondition, SUCCESS_CONDITION_SYNTAX } from './success-condition.js';

/**
 * Argo Rollouts' strategies on a service (docs/deployments.md): `canary` (steps of setWeight,
 * pause and analysis) and `blueGreen`, with the names and defaults of
 * argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/types.go and utils/defaults/defaults.go.
 */

/** Most steps of a canary (docs/limits.md). */
export const MAX_CANARY_STEPS = 100;
/** Most metrics of one analysis (docs/limits.md). */
export const MAX_ANALYSIS_METRICS = 10;
/** Longest an analysis interval may be (docs/limits.md): one hour. */
const MAX_INTERVAL_MS = 3_600_000;
/** utils/defaults: DefaultConsecutiveErrorLimit. */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
/** utils/defaults: DefaultScaleDownDelaySeconds and DefaultAbortScaleDownDelaySeconds. */
export const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;

const intOrPercent = z.union([
  z.number().int().min(0).max(10_000),
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,4})%$/, 'must be a whole percentage like "25%" or a whole number'),
]);

const delaySeconds = (what: string) =>
  z.number().int().min(0).max(86_400).default(DEFAULT_SCALE_DOWN_DELAY_SECONDS).describe(what);

/** One metric of an inline analysis (AnalysisTemplate's spec.metrics[], measured by msasim). */
const metric = z.strictObject({
  name: z.string().min(1).max(63).describe("the metric's name, reported with its failures"),
  interval: positiveDuration
    .refine((ms) => ms <= MAX_INTERVAL_MS, 'must be at most 1h')
    .describe(
      'time between measurements, each over the calls the new revision served since the last (at most 1h)',
    ),
  count: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe(
      'measurements to take, 1-10,000 (default: until the rollout ends; required in a step)',
    ),
  successCondition: z
    .string()
    .refine((s) => parseSuccessCondition(s) !== undefined, `must be ${SUCCESS_CONDITION_SYNTAX}`)
    .describe(`what a measurement must meet: ${SUCCESS_CONDITION_SYNTAX}`),
  failureLimit: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(0)
    .describe('failed measurements allowed; one more fails the analysis (default 0)'),
  consecutiveErrorLimit: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(DEFAULT_CONSECUTIVE_ERROR_LIMIT)
    .describe(
      'measurements in a row with no calls to judge (an Error: the query found no data) allowed; one more errors the analysis, which aborts the rollout (default 4)',
    ),
});

export const analysisSchema = z
  .strictObject({
    metrics: z
      .array(metric)
      .min(1)
      .max(MAX_ANALYSIS_METRICS)
      .describe(`1-${MAX_ANALYSIS_METRICS} metrics measured on the new revision's pods`),
  })
  .describe("an inline analysis (an AnalysisTemplate's metrics) of the new revision's pods");

const step = z
  .strictObject({
    setWeight: z
      .number()
      .int()
      // The loader's bound message, as for every number (Argo: InvalidSetWeightMessage).
      .min(0)
      .max(100)
      .optional()
      .describe("the canary's share of traffic, 0-100 (percent)"),
    pause: z
      .strictObject({
        duration: duration.optional().describe('how long; none: until a `promote` event'),
      })
      .optional()
      .describe('wait, for a duration or until promoted (kubectl argo rollouts promote)'),
    analysis: analysisSchema.optional().describe('an analysis the step waits for'),
  })
  .superRefine((s, ctx) => {
    const given = [s.setWeight, s.pause, s.analysis].filter((v) => v !== undefined).length;
    if (given !== 1)
      ctx.addIssue({
        code: 'custom',
        message: 'a step is exactly one of setWeight, pause or analysis',
      });
    for (const [i, m] of (s.analysis?.metrics ?? []).entries())
      if (m.count === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['analysis', 'metrics', i, 'count'],
          message: 'an analysis step needs a count: without one it would never end',
        });
  });

export const canarySchema = z
  .strictObject({
    steps: z
      .array(step)
      .max(MAX_CANARY_STEPS)
      .default([])
      .describe(`up to ${MAX_CANARY_STEPS} steps; none: straight to 100%`),
    trafficRouting: z
      .enum(['mesh'])
      .optional()
      .describe(
        "mesh: the weight is a split of the mesh's routing, pushed by its control plane, and the stable keeps every replica; none: the weight is approximated by replica counts",
      ),
    analysis: analysisSchema
      .extend({
        startingStep: z
          .number()
          .int()
          .min(0)
          .max(MAX_CANARY_STEPS)
          .optional()
          .describe('the step (0-based) the background analysis starts at (default: at once)'),
      })
      .optional()
      .describe('a background analysis, run from startingStep through every later step'),
    maxSurge: intOrPercent.default('25%').describe('pods over replicas (no trafficRouting), 25%'),
    maxUnavailable: intOrPercent
      .default('25%')
      .describe('pods that may be unavailable (no trafficRouting), 25%'),
    scaleDownDelaySeconds: delaySeconds(
      'with trafficRouting: seconds the old stable keeps its pods after promotion (default 30)',
    ),
    abortScaleDownDelaySeconds: delaySeconds(
      'with trafficRouting: seconds before an aborted canary is scaled down (default 30)',
    ),
  })
  .superRefine((c, ctx) => {
    const starting = c.analysis?.startingStep;
    if (starting !== undefined && starting >= c.steps.length && starting > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['analysis', 'startingStep'],
        message: `must be less than the number of steps (${c.steps.length})`,
      });
    const zero = (v: number | string) => v === 0 || v === '0%';
    if (zero(c.maxSurge) && zero(c.maxUnavailable))
      ctx.addIssue({
        code: 'custom',
        path: ['maxUnavailable'],
        message: 'may not be 0 when maxSurge is 0 (Argo Rollouts refuses it)',
      });
  })
  .describe("Argo Rollouts' canary: steps of setWeight, pause and analysis (docs/deployments.md)");

export const blueGreenSchema = z
  .strictObject({
    autoPromotionEnabled: z
      .boolean()
      .default(true)
      .describe(
        'switch traffic as soon as green is ready (default true); false: wait for `promote`',
      ),
    autoPromotionSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .optional()
      .describe(
        'promote this many seconds after green is ready (ignored when autoPromotionEnabled is false)',
      ),
    previewReplicaCount: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe('green pods before promotion (default: replicas); scaled to replicas at promotion'),
    scaleDownDelaySeconds: delaySeconds(
      'seconds blue keeps its pods after the switch, so a rollback is instant (default 30)',
    ),
    abortScaleDownDelaySeconds: delaySeconds(
      'seconds before an aborted green is scaled down (default 30)',
    ),
    prePromotionAnalysis: analysisSchema
      .optional()
      .describe('an analysis before the switch; failed, the rollout aborts'),
    postPromotionAnalysis: analysisSchema
      .optional()
      .describe('an analysis after the switch; failed, traffic goes back to blue'),
  })
  .describe(
    "Argo Rollouts' blueGreen: all traffic switches at once to green (docs/deployments.md)",
  );

export type AnalysisConfig = z.output<typeof analysisSchema>;
export type CanaryConfig = z.output<typeof canarySchema>;
export type BlueGreenConfig = z.output<typeof blueGreenSchema>;
export type CanaryStep = CanaryConfig['steps'][number];
