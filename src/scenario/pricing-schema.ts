import { z } from 'zod';

/**
 * `pricing:` in a scenario (issue 13; docs/cost.md): overrides of the price table in
 * src/model/cost/prices.ts, whose defaults are AWS US East, first tier. Every field is
 * optional and keeps its default when left out, so a scenario names only what differs
 * (another region, another provider). Prices are USD, kept to 10^-12 USD.
 */

/** Most USD per unit a price may be: far above any published one, low enough to catch a typo. */
export const MAX_PRICE_USD = 1000;
/** Most tiers a gateway's price may have (AWS's REST API has 4). */
export const MAX_PRICE_TIERS = 10;

const price = z.number().min(0).max(MAX_PRICE_USD);

const perArchitecture = (what: string) =>
  z
    .strictObject({
      x86_64: price.optional().describe(`${what} on x86_64`),
      arm64: price.optional().describe(`${what} on arm64`),
    })
    .describe(`${what}, by architecture`);

const functionPrices = z.strictObject({
  requestPerMillion: price.optional().describe('USD per million requests (default 0.20)'),
  durationPerGBSecond: perArchitecture(
    'USD per GB-s of on-demand duration (default 0.0000166667 x86_64, 0.0000133334 arm64)',
  ).optional(),
  provisionedPerGBSecond: perArchitecture(
    'USD per GB-s of provisioned concurrency enabled (default 0.0000041667 x86_64, 0.0000033334 arm64)',
  ).optional(),
  provisionedDurationPerGBSecond: perArchitecture(
    'USD per GB-s of duration on provisioned instances (default 0.0000097222 x86_64, 0.0000077778 arm64)',
  ).optional(),
  ephemeralStoragePerGBSecond: price
    .optional()
    .describe('USD per GB-s of ephemeral storage above 512 MB (default 0.0000000309)'),
  snapStartCachePerGBSecond: price
    .optional()
    .describe('USD per GB-s of a snapshot cached, at least 3 h per version (default 0.0000015046)'),
  snapStartRestorePerGB: price
    .optional()
    .describe('USD per GB restored from a snapshot (default 0.0001397998)'),
  initBilled: z
    .boolean()
    .optional()
    .describe(
      'bill the init phase of on-demand invocations, as AWS does since 1 August 2025 (default true); false: the earlier rule for ZIP packages on managed runtimes',
    ),
  freeTier: z
    .boolean()
    .optional()
    .describe(
      "take the monthly free tier (1M requests, 400,000 GB-s of on-demand duration) off the run's totals, as if the run were the whole month (default false: the account has used it)",
    ),
});

const tier = z.strictObject({
  upToMillions: z
    .number()
    .positive()
    .max(1_000_000)
    .optional()
    .describe(
      "the month's requests, in millions, up to which this price holds; leave it out on the last tier",
    ),
  perMillion: price.describe('USD per million requests in this tier'),
});

const tiers = z
  .array(tier)
  .min(1)
  .max(MAX_PRICE_TIERS)
  .superRefine((given, ctx) => {
    given.forEach((step, index) => {
      const last = index === given.length - 1;
      if (last !== (step.upToMillions === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'upToMillions'],
          message: last
            ? 'the last tier takes the rest of the requests: leave upToMillions out'
            : 'give upToMillions on every tier but the last',
        });
      }
      const before = index > 0 ? given[index - 1]?.upToMillions : undefined;
      if (before !== undefined && step.upToMillions !== undefined && step.upToMillions <= before) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'upToMillions'],
          message: `tiers climb: upToMillions must be above the previous tier's ${before}`,
        });
      }
    });
  })
  .transform((given) =>
    given.map((step) => ({
      upToRequests: step.upToMillions === undefined ? null : step.upToMillions * 1_000_000,
      perMillion: step.perMillion,
    })),
  );

const gatewayPrices = z.strictObject({
  http: tiers
    .optional()
    .describe('HTTP API tiers (default: 1.00 up to 300M requests, then 0.90 per million)'),
  rest: tiers
    .optional()
    .describe(
      'REST API tiers (default: 3.50 up to 333M, 2.80 up to 1,000M, 2.38 up to 20,000M, then 1.51 per million)',
    ),
});

const fargatePrices = z.strictObject({
  perVcpuHour: perArchitecture(
    'USD per vCPU-hour of a task (default 0.04048 x86_64, 0.03238 arm64)',
  ).optional(),
  perGBHour: perArchitecture(
    'USD per GB-hour of a task (default 0.004445 x86_64, 0.00356 arm64)',
  ).optional(),
});

const nodePriceSplit = z.strictObject({
  cpuPerCoreHour: z
    .number()
    .positive()
    .max(MAX_PRICE_USD)
    .optional()
    .describe(
      "a core's marginal price, for the ratio that splits a node's price (default 0.031611, OpenCost's)",
    ),
  memoryPerGBHour: z
    .number()
    .positive()
    .max(MAX_PRICE_USD)
    .optional()
    .describe("a GB's marginal price, for the same ratio (default 0.004237, OpenCost's)"),
});

export const pricingSchema = z
  .strictObject({
    functions: functionPrices.optional().describe("functions' prices (docs/cost.md)"),
    gateway: gatewayPrices.optional().describe("the API gateway's prices per million requests"),
    fargate: fargatePrices.optional().describe('per-task containers (Fargate-like) prices'),
    kubernetes: nodePriceSplit
      .optional()
      .describe("how a node's price splits between CPU and memory for the allocation (OpenCost)"),
  })
  .describe(
    'prices beside the nodes: functions, gateway, per-task containers, and the CPU/memory split of node prices (docs/cost.md); default AWS US East, first tier',
  );

export type PricingConfig = z.output<typeof pricingSchema>;
