import { z } from 'zod';
import { fraction } from './fields.js';

/** The largest maxTraces (docs/limits.md): a run's spans live in its run file, one JSON text. */
export const MAX_TRACES_LIMIT = 10_000;

const tracingSchema = z.strictObject({
  sampling: fraction
    .prefault('1%')
    .describe(
      "share of requests traced, decided at the request's entry and inherited by every hop: 1% (Istio's default, meshConfig.defaultConfig.tracing.sampling 1.0)",
    ),
  maxTraces: z
    .number()
    .int()
    .min(0)
    .max(MAX_TRACES_LIMIT)
    .default(1000)
    .describe(
      'most sampled requests a run exports as traces (at most 10000); sampled requests beyond it are counted (mesh.tracing.tracesDropped in result.json), not traced',
    ),
});

export type TracingSettings = z.output<typeof tracingSchema>;

/**
 * Tracing when the scenario does not set it: the defaults above. Not filled into the
 * resolved scenario, so that a scenario without a mesh resolves (and prints, and writes
 * into results.json) as it did before tracing existed.
 */
export const DEFAULT_TRACING: TracingSettings = tracingSchema.parse({});

/**
 * What the mesh's proxies report (docs/mesh/telemetry.md): Istio's standard metrics for
 * every call through a proxy, and OpenTelemetry spans for a sampled share of requests.
 */
export const meshTelemetrySchema = z.strictObject({
  tracing: tracingSchema
    .optional()
    .describe('sampled traces (default: 1% of requests, at most 1000 traces a run)'),
});
