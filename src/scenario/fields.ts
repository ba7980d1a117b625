import { z } from 'zod';
import type { DistributionSpec } from '../engine/distributions/spec.js';
import { BYTES_QUANTITY, parseDistributionText } from './distribution-text.js';
import { MAX_DURATION_MS, MAX_DURATION_TEXT } from './limits.js';
import {
  parseCpu,
  parseDuration,
  parseFraction,
  parseMemory,
  parsePercent,
  parseRate,
  parseSize,
  UnitError,
} from './units.js';

/**
 * The scenario's field types in human units (250ms, 500m, 256Mi, 300/s, 2.5%), each parsed
 * to engine units (milliseconds, cores, bytes, per second, fractions) by zod transforms that
 * report a unit's error as a validation issue. Every section's schema builds on these.
 */

/** Wraps a unit parser as a zod transform that reports its UnitError as a validation issue. */
function unitField<T>(parse: (input: unknown) => T, description: string, unit: string) {
  return z
    .union([z.string(), z.number()], { error: (issue) => unitErrorMessage(parse, issue.input) })
    .transform((input, ctx): T => {
      try {
        return parse(input);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
        return z.NEVER;
      }
    })
    .describe(description)
    .meta({ unit }); // the scenario reference's type column (a use site's describe keeps it)
}

/**
 * A value of the wrong type (`cpu: true`, a list) gets the unit's own message, which says
 * what the field takes, instead of zod's "Invalid input". A missing value (undefined) is
 * left to the loader, which reports the missing field.
 */
function unitErrorMessage(parse: (input: unknown) => unknown, input: unknown): string | undefined {
  if (input === undefined) return undefined;
  try {
    parse(input);
  } catch (error) {
    if (error instanceof UnitError) return error.message;
  }
  return undefined;
}

export const duration = unitField(
  parseDuration,
  'a duration: 250ms, 2s, 5m, 1h, 1m30s',
  'duration (250ms, 2s, 5m)',
).refine((ms) => ms <= MAX_DURATION_MS, `must be a duration of at most ${MAX_DURATION_TEXT}`);
export const positiveDuration = duration.refine((ms) => ms > 0, 'must be a duration > 0');
export const cpu = unitField(parseCpu, 'CPU: 500m or 0.5 or 2 (cores)', 'CPU (500m or 0.5)');
export const memory = unitField(
  parseMemory,
  'memory: 256Mi, 1Gi, 512M or bytes',
  'memory (256Mi, 1Gi)',
);
export const rate = unitField(
  parseRate,
  'a rate: 300/s, 2/h (a plain number is per second)',
  'rate (300/s)',
);
export const fraction = unitField(
  parseFraction,
  'a probability: 0.02 or 2%',
  'probability (0.02 or 2%)',
);
export const percent = unitField(parsePercent, 'a percent: 10 or 10%', 'percent (10 or 10%)');
export const positiveInt = z.number().int().min(1);
export const nonNegativeInt = z.number().int().min(0);

const histogramBin = z.strictObject({
  min: duration,
  max: duration,
  weight: z.number().positive(),
});

/**
 * A distribution of durations: text such as `exponential(mean=2ms)` or
 * `lognormal(median=4ms, p99=30ms)` (see distribution-text.ts), a plain duration (constant),
 * or `{ histogram: [{ min, max, weight }] }`.
 */
export const distribution = z
  .union([z.string(), z.number(), z.strictObject({ histogram: z.array(histogramBin).min(1) })])
  .transform((input, ctx): DistributionSpec => {
    if (typeof input === 'object') return { kind: 'histogram', bins: input.histogram };
    try {
      return typeof input === 'number'
        ? { kind: 'constant', value: parseDuration(input) }
        : parseDistributionText(input);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  })
  .describe('a distribution: exponential(mean=2ms), lognormal(median=4ms, p99=30ms), 5ms, ...');

/**
 * A distribution of sizes in bytes, written as Kubernetes writes memory: `1.5k` (1,500
 * bytes), `10Ki`, `lognormal(median=2k, p99=64Ki)`, or a plain number of bytes. Its mean
 * must be finite and at most 1Gi (semantic.ts).
 */
export const sizeDistribution = z
  .union([z.string(), z.number()])
  .transform((input, ctx): DistributionSpec => {
    try {
      return typeof input === 'number'
        ? { kind: 'constant', value: parseSize(input) }
        : parseDistributionText(input, BYTES_QUANTITY);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  })
  .describe('a distribution of sizes in bytes: 1.5k, 10Ki, lognormal(median=2k, p99=64Ki), ...');

/** DNS-1035 label, as Kubernetes requires for service names. */
export const dnsLabel = z
  .string()
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    'must be lowercase letters, digits and "-", starting with a letter',
  )
  .max(63, {
    error: (issue) =>
      `must be at most 63 characters (the DNS label limit Kubernetes sets for names); this one has ${String(issue.input).length}`,
  });
