import { z } from 'zod';
import { closestName } from '../report/metric-names.js';
import { crossoverIssues, crossoverSchema } from './crossover-schema.js';

/**
 * The `sweep:` section of a scenario: what to compare and how often.
 *
 *   sweep:
 *     replications: 5                 # runs per variant and grid point, each with its own seed
 *     seed: 7                         # base seed of the run seeds (default: the scenario's seed)
 *     baseline: small                 # the variant others are compared with (default: the first)
 *     variants:                       # the strategies compared, each a set of overrides
 *       small: { services.api.replicas: 2 }
 *       large: { services.api.replicas: 6, services.api.concurrency: 128 }
 *     grid:                           # every combination of these values, for every variant
 *       workload.shoppers.rate: [100/s, 400/s]
 *
 * Paths address the scenario document as written, before defaults and units: dotted field
 * names, list items by their `name` (`workload.shoppers.rate`, `cluster.nodePools.general.count`)
 * or index (`workload[0].rate`), and keys that hold dots or spaces in quoted brackets
 * (`services.web.endpoints["GET /"].cpu`). Values are written as in the scenario ("400/s",
 * "250ms"). The paths are checked, and each overridden scenario re-validated, when the
 * sweep is expanded (sweep-expand.ts), where the whole document is at hand.
 */

const overridePath = z.string().min(1).describe('a path into the scenario: services.api.replicas');

/** Grid values become CSV cells and table columns, so they are scalars. */
const gridValue = z.union([z.string(), z.number(), z.boolean()]);

export const sweepSchema = z
  .strictObject({
    replications: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe('runs per variant and grid point, each with its own seed'),
    seed: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("base seed the run seeds derive from (default: the scenario's seed)"),
    variants: z
      .record(z.string().min(1), z.record(overridePath, z.unknown()))
      .refine((variants) => Object.keys(variants).length > 0, 'needs at least one variant')
      .optional()
      .describe('named strategies, each a mapping of path: value overrides'),
    grid: z
      .record(overridePath, z.array(gridValue).min(1))
      .optional()
      .describe('path: [values]; every combination runs, for every variant'),
    baseline: z
      .string()
      .optional()
      .describe(
        'the variant every other is compared with, paired by replication (default: the first)',
      ),
    crossovers: crossoverSchema.optional(),
  })
  .superRefine((sweep, ctx) => {
    for (const issue of crossoverIssues(sweep)) ctx.addIssue({ code: 'custom', ...issue });
    if (sweep.baseline === undefined) return;
    const names = Object.keys(sweep.variants ?? {});
    if (names.includes(sweep.baseline)) return;
    const suggestion = closestName(sweep.baseline, names);
    ctx.addIssue({
      code: 'custom',
      path: ['baseline'],
      message:
        names.length === 0
          ? 'a baseline needs variants to compare: add sweep.variants, or drop baseline'
          : suggestion === undefined
            ? `no variant is named "${sweep.baseline}"; the variants are ${names.join(', ')}`
            : `no variant is named "${sweep.baseline}"; did you mean "${suggestion}"?`,
    });
  });

export type SweepInput = z.input<typeof sweepSchema>;
export type Sweep = z.output<typeof sweepSchema>;
export type GridValue = z.output<typeof gridValue>;
