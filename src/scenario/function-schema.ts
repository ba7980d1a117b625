import { z } from 'zod';
import { distribution, fraction, positiveDuration, rate } from './fields.js';
import { asyncInvokeSchema } from './queue-schema.js';

/**
 * Serverless functions (issue 13, docs/serverless.md): a top-level `functions:` map, name →
 * configuration, shaped after AWS Lambda's. A function is called like a service endpoint
 * (`call: resize`, or `resize.invoke`) and makes its own calls in the same step language.
 * Every bound below is Lambda's own (docs/serverless.md cites each).
 */

/** A function's one endpoint, as `fn.invoke` names it where a service's would be named. */
export const FUNCTION_ENDPOINT = 'invoke';

/** Lambda's memory range, in MB, in 1 MB steps. */
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;
/** The memory at which a function has one full vCPU (Lambda's documentation). */
export const MB_PER_VCPU = 1769;
/** Lambda's longest timeout, 15 minutes. */
export const MAX_TIMEOUT_MS = 900_000;
/** Lambda's init phase is limited to 10 s (on-demand functions). */
export const MAX_INIT_MS = 10_000;
/** Lambda's default account concurrency quota per region. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;
/** Most concurrency any limit may name here (docs/limits.md). */
export const MAX_CONCURRENCY = 100_000;

export const RUNTIMES = [
  'nodejs',
  'python',
  'java',
  'java-snapstart',
  'dotnet',
  'go',
  'rust',
  'ruby',
] as const;
export type FunctionRuntime = (typeof RUNTIMES)[number];

const memoryMb = z
  .number()
  .int('must be a whole number of MB (Lambda sets memory in 1 MB steps)')
  .min(MIN_MEMORY_MB, `must be at least ${MIN_MEMORY_MB} MB (Lambda's smallest)`)
  .max(MAX_MEMORY_MB, `must be at most ${MAX_MEMORY_MB} MB (Lambda's largest)`);

const concurrency = z
  .number()
  .int('must be a whole number of concurrent executions')
  .min(0)
  .max(MAX_CONCURRENCY, `must be at most ${MAX_CONCURRENCY}`);

const handler = z
  .strictObject({
    cpu: distribution
      .optional()
      .describe(
        'CPU time per invocation at one full vCPU; it runs at min(1, memoryMb / 1769) of a vCPU (a single-threaded handler gains nothing above 1,769 MB)',
      ),
    duration: distribution
      .optional()
      .describe(
        'run time per invocation as measured at `measuredAtMb` (CPU-bound: scaled by the vCPU share of the two sizes)',
      ),
    measuredAtMb: memoryMb
      .optional()
      .describe("the memory size `duration` was measured at (default: the function's memoryMb)"),
    wait: distribution
      .optional()
      .describe('time per invocation not on the CPU (I/O outside the modelled calls): not scaled'),
  })
  .refine((h) => h.cpu !== undefined || h.duration !== undefined || h.wait !== undefined, {
    message: 'give the handler cpu, duration or wait (or several: they add)',
  })
  .refine((h) => h.measuredAtMb === undefined || h.duration !== undefined, {
    message: 'measuredAtMb says where `duration` was measured: give duration too',
    path: ['measuredAtMb'],
  });

const gateway = z.strictObject({
  type: z
    .enum(['http', 'rest'])
    .default('http')
    .describe('http (API Gateway HTTP API) or rest (REST API): latency and price differ'),
  latency: distribution
    .optional()
    .describe(
      "the gateway's own added latency per request (default: http lognormal(median=5ms, p99=20ms), rest lognormal(median=10ms, p99=40ms))",
    ),
  throttle: z
    .strictObject({
      rate: rate.describe('steady requests per second (API Gateway default 10000/s)'),
      burst: z
        .number()
        .int()
        .min(1)
        .max(1_000_000)
        .describe('token bucket size (API Gateway default 5000)'),
    })
    .prefault({ rate: 10_000, burst: 5000 })
    .describe('the token bucket past which it answers 429'),
  integrationTimeout: positiveDuration
    .optional()
    .describe(
      'how long it waits for the function before it answers 504: 50ms to 30s on an HTTP API (default 30s), 50ms to 300s on a REST API (default 29s; above 29s needs a quota increase at AWS)',
    ),
});

/** The per-function fields; `calls` is the step schema of service endpoints (schema.ts). */
function functionFields<S extends z.ZodType>(step: S) {
  return z.strictObject({
    runtime: z
      .enum(RUNTIMES)
      .default('nodejs')
      .describe(`one of ${RUNTIMES.join(', ')}`),
    memoryMb: memoryMb
      .default(1024)
      .describe('128 to 10240 MB; CPU in proportion (one vCPU at 1769 MB)'),
    architecture: z
      .enum(['x86_64', 'arm64'])
      .default('x86_64')
      .describe('x86_64 or arm64 (priced differently; speed: `armSpeed`)'),
    armSpeed: z
      .number()
      .min(0.25)
      .max(4)
      .default(1)
      .describe(
        'arm64 handler speed relative to x86_64 (default 1: measurements vary by workload)',
      ),
    timeout: positiveDuration
      .prefault('3s')
      .refine((ms) => ms <= MAX_TIMEOUT_MS, "must be at most 900s (Lambda's longest timeout)")
      .describe('the invocation fails (error) past it; default 3s, at most 900s'),
    handler: handler.describe('what one invocation does besides its calls'),
    errorRate: fraction.default(0).describe('probability the handler fails (500): 0.02 or 2%'),
    init: distribution
      .optional()
      .describe(
        'init (cold start) duration; default per runtime (docs/serverless.md); at most 10s',
      ),
    ephemeralStorageMb: z
      .number()
      .int()
      .min(512, "must be at least 512 MB (Lambda's /tmp minimum)")
      .max(MAX_MEMORY_MB, "must be at most 10240 MB (Lambda's /tmp maximum)")
      .default(512)
      .describe('/tmp size, 512 to 10240 MB (above 512 MB is billed)'),
    reservedConcurrency: concurrency
      .optional()
      .describe('at most this many at once, set aside from the account pool (0: always throttled)'),
    provisionedConcurrency: concurrency
      .default(0)
      .describe('instances kept initialized and warm for the whole run'),
    keepAlive: distribution
      .prefault('10m')
      .describe(
        'how long an idle instance lives before it is reclaimed, drawn per idle period (default 10m, as measured in 2019; AWS does not publish it: docs/serverless.md)',
      ),
    reuse: z
      .enum(['most-recently-used', 'newest'])
      .default('most-recently-used')
      .describe(
        "which idle instance a call gets: the most recently used (default, as Lambda is observed to), or the most recently created (the analytical model's rule, docs/serverless.md)",
      ),
    maxLifetime: positiveDuration
      .prefault('4h')
      .describe(
        'an instance is recycled at its first idle moment past this age (default 4h, observed, not published)',
      ),
    snapStart: z
      .boolean()
      .default(false)
      .describe('init restored from a snapshot (SnapStart): the restore duration replaces init'),
    restore: distribution
      .optional()
      .describe(
        'SnapStart restore duration (default lognormal(median=232ms, p99=464ms), measured)',
      ),
    gateway: gateway.optional().describe('an API gateway in front of every call to it'),
    async: asyncInvokeSchema.optional(),
    calls: z.array(step).default([]).describe("its downstream calls, as an endpoint's"),
  });
}

export const serverlessAccountSchema = z
  .strictObject({
    accountConcurrency: z
      .number()
      .int()
      .min(1)
      .max(MAX_CONCURRENCY)
      .default(DEFAULT_ACCOUNT_CONCURRENCY)
      .describe('concurrent executions the account allows in the region (default 1000)'),
    scalingRate: z
      .number()
      .int()
      .min(1)
      .max(MAX_CONCURRENCY)
      .default(1000)
      .describe(
        'new instances each function may add per 10 s, refilled continuously (default 1000)',
      ),
  })
  .optional();

/** `functions:`, built around the scenario's own call-step schema. */
export function functionsSchema<S extends z.ZodType>(step: S) {
  return z
    .record(z.string(), functionFields(step))
    .optional()
    .describe('serverless functions by name (docs/serverless.md)');
}
