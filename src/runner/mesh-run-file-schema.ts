import { z } from 'zod';
import type { MeshTelemetryResult } from '../metrics/mesh-telemetry-result.js';

/**
 * RunResult.mesh in a run file (docs/mesh/telemetry.md): checked like the rest of the file,
 * so that --resume and merge write the same mesh outputs as the sweep that ran it.
 */
const count = z.number().nonnegative();

const istioSeries = z.object({
  reporter: z.enum(['source', 'destination', 'waypoint']),
  sourceWorkload: z.string(),
  sourceVersion: z.string(),
  destinationWorkload: z.string(),
  destinationVersion: z.string(),
  destinationService: z.string(),
  requestProtocol: z.enum(['http', 'grpc']),
  responseCode: z.number().int(),
  responseFlags: z.string(),
  requests: count,
  durationSumMs: z.number(),
  durationBuckets: z.array(count),
});

const tcpSeries = z.object({
  reporter: z.enum(['source', 'destination']),
  sourceWorkload: z.string(),
  sourceVersion: z.string(),
  destinationWorkload: z.string(),
  destinationVersion: z.string(),
  destinationService: z.string(),
  connectionsOpened: count,
  receivedBytes: count,
  sentBytes: count,
});

const edgeReports = z.object({
  from: z.string(),
  to: z.string(),
  sourceRequests: count,
  sourceDurationSumMs: z.number(),
  destinationRequests: count,
  destinationDurationSumMs: z.number(),
});

const span = z.object({
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  spanId: z.string().regex(/^[0-9a-f]{16}$/),
  parentSpanId: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .nullable(),
  name: z.string(),
  kind: z.union([z.literal(2), z.literal(3)]),
  service: z.string(),
  scope: z.enum(['app', 'proxy']),
  startMs: z.number(),
  endMs: z.number(),
  error: z.boolean(),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const meshTelemetryResultSchema: z.ZodType<MeshTelemetryResult, unknown> = z.object({
  endMs: z.number(),
  istio: z.array(istioSeries),
  tcp: z.array(tcpSeries),
  edges: z.array(edgeReports),
  tracing: z.object({
    sampling: z.number(),
    requestsSampled: count,
    tracesExported: count,
    tracesDropped: count,
  }),
  spans: z.array(span),
});
