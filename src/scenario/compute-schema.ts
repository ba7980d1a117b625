import { z } from 'zod';
import { distribution, nonNegativeInt, percent } from './fields.js';
import { show } from './units.js';

/**
 * Issue 13, per-task containers and right-sizing (docs/cost.md): where a service's pods run
 * (`compute`), how long a per-task container takes to be provisioned, and a Deployment sized
 * for its expected load as the HPA would settle it (`replicas: { targetCPUUtilization, min,
 * max }`). Every field is optional without a default, so a scenario that uses none of them
 * resolves to exactly what it did before.
 */

/** Most replicas a right-sized Deployment may be given (docs/limits.md), as a scale event. */
export const MAX_RIGHT_SIZED_REPLICAS = 10_000;

export const computeField = z
  .enum(['nodes', 'fargate'])
  .optional()
  .describe(
    "where its pods run: nodes (default: kube-scheduler places them on the node pools) or fargate (each pod on a per-task container of its own, sized from its requests + 256 MB rounded up to Fargate's vCPU/memory combinations, billed per second with a one-minute minimum; docs/cost.md)",
  );

export const fargateClusterSchema = z
  .strictObject({
    provisioning: distribution
      .optional()
      .describe(
        'time from a Fargate pod being created to its task being ready to pull its image (default lognormal(median=35s, p99=60s): AWS publishes no figure; users report 30-45 s before the image pull, docs/cost.md)',
      ),
  })
  .optional()
  .describe('per-task containers (services with compute: fargate)');

/** A right-sized Deployment's replicas: the HPA's target and bounds, resolved at load time. */
const rightSizing = z
  .strictObject({
    targetCPUUtilization: percent
      .refine((value) => value > 0, 'must be a percent above 0, like 60%')
      // A probability elsewhere in the format is 0.6 for 60%: here that would be 0.6%.
      .superRefine((value, ctx) => {
        if (value > 0 && value < 1)
          ctx.addIssue({
            code: 'custom',
            message: `${value} reads as ${value}%, far below any HPA target: a percent is written 60 or 60% (did you mean ${Math.round(value * 100)}%?)`,
          });
      })
      .describe(
        "the HPA's target: mean CPU use as a percent of the pods' CPU request (averageUtilization), like 60%",
      ),
    min: nonNegativeInt
      .min(1)
      .max(MAX_RIGHT_SIZED_REPLICAS)
      .default(1)
      .describe("fewest replicas (the HPA's minReplicas, default 1)"),
    max: nonNegativeInt
      .min(1)
      .max(MAX_RIGHT_SIZED_REPLICAS)
      .describe(`most replicas (the HPA's maxReplicas), at most ${MAX_RIGHT_SIZED_REPLICAS}`),
  })
  .superRefine((sizing, ctx) => {
    if (sizing.min > sizing.max)
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: `min (${sizing.min}) is above max (${sizing.max}); give min ≤ max, as the HPA requires`,
      });
  });

export type RightSizingConfig = z.output<typeof rightSizing>;

export const replicasField = z
  .union([nonNegativeInt, rightSizing], {
    // A value that is no mapping was meant as a count: the count's own message, as before.
    error: (issue) =>
      typeof issue.input === 'object' && issue.input !== null
        ? `expected a size for the expected load like { targetCPUUtilization: 60%, min: 2, max: 20 }, or a whole number of pods; got ${show(issue.input)}`
        : `expected a whole number >= 0, got ${show(issue.input)}`,
  })
  .optional()
  .describe(
    'pods of the service (default 1; with versions: their sum, give them there); or { targetCPUUtilization: 60%, min, max }: the replicas the HPA would settle at for the workload\'s mean load, resolved when the scenario is loaded (docs/cost.md, "Right-sizing")',
  );

/**
 * What a right-sized service's replicas were resolved from (src/scenario/right-sizing.ts):
 * kept on the service for `explain` and `print`.
 */
export interface ReplicaSizing extends RightSizingConfig {
  /** the CPU per second the workloads' mean rates ask of the service, in cores */
  demandCores: number;
  /** one pod's CPU request, in cores (its sidecar's included) */
  podRequestCores: number;
  /** ceil(demand / (target × request)), before min and max */
  unclamped: number;
}

/**
 * A service as written, its right-sizing taken out of `replicas`: the replicas are min
 * until the loader resolves them (right-sizing.ts), and `replicaSizing` keeps the target.
 */
export function withRightSizing<
  S extends { replicas?: number | RightSizingConfig | undefined; versions?: unknown },
>(
  service: S,
  ctx: z.RefinementCtx,
): Omit<S, 'replicas'> & { replicas?: number; replicaSizing?: ReplicaSizing } {
  const { replicas, ...rest } = service;
  if (replicas === undefined || typeof replicas === 'number') return { ...rest, replicas };
  if (service.versions !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['replicas'],
      message:
        'a right-sized replica count needs a service without versions: give each version its replicas',
    });
  }
  return {
    ...rest,
    replicas: replicas.min,
    replicaSizing: { ...replicas, demandCores: 0, podRequestCores: 0, unclamped: replicas.min },
  };
}
