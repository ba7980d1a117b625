import { z } from 'zod';
import { blueGreenSchema, canarySchema } from './argo-rollout-schema.js';

/**
 * An int-or-percent as Kubernetes' intstr.IntOrString holds maxSurge and maxUnavailable:
 * an absolute count or a string "N%" of the Deployment's replicas (docs/deployments.md).
 */
const intOrPercent = z.union([
  z.number().int().min(0).max(10_000),
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,4})%$/, 'must be a whole percentage like "25%" or a whole number'),
]);

/** Default maxSurge and maxUnavailable (apps/v1 DeploymentStrategy defaults). */
export const DEFAULT_ROLLING_PERCENT = '25%';
/** apps/v1 DeploymentSpec.progressDeadlineSeconds default. */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/** maxSurge and maxUnavailable as apps/v1 defaults them for a RollingUpdate Deployment. */
export const DEFAULT_ROLLING_UPDATE = {
  maxSurge: DEFAULT_ROLLING_PERCENT,
  maxUnavailable: DEFAULT_ROLLING_PERCENT,
} as const;

const rollingUpdate = z.strictObject({
  maxSurge: intOrPercent
    .default(DEFAULT_ROLLING_PERCENT)
    .describe(
      'pods a rollout may create over replicas: a count or a percent, rounded up (default 25%)',
    ),
  maxUnavailable: intOrPercent
    .default(DEFAULT_ROLLING_PERCENT)
    .describe(
      'pods that may be unavailable during a rollout: a count or a percent up to 100%, rounded down (default 25%); not 0 when maxSurge is 0',
    ),
});

/**
 * A service's Deployment strategy (apps/v1 DeploymentStrategy, and DeploymentSpec's
 * progressDeadlineSeconds kept beside it): how `rollout` and `rollback` events replace pods.
 */
export const deploymentStrategySchema = z
  .strictObject({
    type: z
      .enum(['RollingUpdate', 'Recreate'])
      .default('RollingUpdate')
      .describe(
        'RollingUpdate (default): new pods replace old within maxSurge and maxUnavailable; Recreate: all old pods go before new ones start',
      ),
    rollingUpdate: rollingUpdate
      .optional()
      .describe('RollingUpdate only (each 25% when not given); not with Recreate'),
    progressDeadlineSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(DEFAULT_PROGRESS_DEADLINE_SECONDS)
      .describe(
        'seconds without progress before the rollout is marked failed (ProgressDeadlineExceeded; not undone), default 600',
      ),
    canary: canarySchema.optional(),
    blueGreen: blueGreenSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.canary !== undefined || s.blueGreen !== undefined) {
      argoProblems(s, ctx);
      return;
    }
    if (s.type === 'Recreate') {
      // apps validation: "may not be specified when strategy `type` is 'Recreate'".
      if (s.rollingUpdate !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rollingUpdate'],
          message:
            'may not be given when type is Recreate (Kubernetes refuses it): remove it, or use type RollingUpdate',
        });
      return;
    }
    const { maxSurge, maxUnavailable } = s.rollingUpdate ?? DEFAULT_ROLLING_UPDATE;
    const zero = (v: number | string) => v === 0 || v === '0%';
    // apps validation (ValidateRollingUpdateDeployment): both may not be 0.
    if (zero(maxSurge) && zero(maxUnavailable))
      ctx.addIssue({
        code: 'custom',
        path: ['rollingUpdate', 'maxUnavailable'],
        message: 'may not be 0 when maxSurge is 0: the rollout could never proceed',
      });
    if (typeof maxUnavailable === 'string' && Number.parseInt(maxUnavailable, 10) > 100)
      ctx.addIssue({
        code: 'custom',
        path: ['rollingUpdate', 'maxUnavailable'],
        message: 'must not be greater than 100%',
      });
  })
  // A RollingUpdate Deployment gets its defaults as apps/v1's SetDefaults_Deployment gives them;
  // an Argo Rollout has none (its canary holds its own), which its checks would refuse.
  .transform((s) =>
    s.type === 'Recreate' || s.canary !== undefined || s.blueGreen !== undefined
      ? s
      : { ...s, rollingUpdate: s.rollingUpdate ?? DEFAULT_ROLLING_UPDATE },
  )
  .describe(
    "the service's Deployment strategy for `rollout` and `rollback` events (docs/deployments.md)",
  );

/** An Argo Rollout has one strategy (validateRolloutStrategy): canary or blueGreen, no type. */
function argoProblems(
  s: { type: string; rollingUpdate?: unknown; canary?: unknown; blueGreen?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (s.canary !== undefined && s.blueGreen !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['blueGreen'],
      message:
        'canary and blueGreen may not both be given (Argo Rollouts: "Multiple Strategies can not be listed"): keep one',
    });
  if (s.type === 'Recreate' || s.rollingUpdate !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: [s.type === 'Recreate' ? 'type' : 'rollingUpdate'],
      message:
        'is a Deployment strategy; with canary or blueGreen (an Argo Rollout) leave it out (the canary has its own maxSurge and maxUnavailable)',
    });
}

export type DeploymentStrategyConfig = z.output<typeof deploymentStrategySchema>;
export type IntOrPercent = z.output<typeof intOrPercent>;
