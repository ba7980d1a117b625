import type { TraceSpan } from '../metrics/mesh-telemetry-result.js';
import type { RunRecord } from './run-record.js';
import { sortByRunId } from './run-record.js';
import { unixNanos } from './simulated-epoch.js';

/**
 * Most spans one traces.otlp.json holds: the file is one JSON text, which Node caps at
 * 512 MiB (about 400 bytes a span). The runs whose spans would go past it are left out of
 * the file (docs/limits.md); their spans stay in their run files (runs/<id>.json).
 */
export const MAX_EXPORTED_SPANS = 1_000_000;

/** The instrumentation scopes: the application's code, and the proxy beside it. */
const SCOPES = { app: { name: 'msasim/app' }, proxy: { name: 'msasim/proxy' } } as const;

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number };
interface KeyValue {
  key: string;
  value: AnyValue;
}

/**
 * traces.otlp.json: the sampled requests' spans of every run as one OTLP
 * ExportTraceServiceRequest in the protobuf JSON mapping (opentelemetry-proto,
 * opentelemetry/proto/collector/trace/v1/trace_service.proto; OTLP's JSON encoding writes
 * trace and span ids as hex and 64-bit integers as decimal strings), which tracing back
 * ends (Jaeger, Tempo, the OpenTelemetry Collector) read. One resource per run and
 * service (service.name, with msasim.run_id, msasim.variant and msasim.replication), one
 * scope for the code's spans and one for its proxy's. A trace id's first 4 bytes are the
 * run id, so the runs of a sweep (which share random numbers) never share a trace id.
 */
export function otlpTraces(records: readonly RunRecord[]): string {
  const resourceSpans: unknown[] = [];
  let written = 0;
  for (const record of sortByRunId(records)) {
    const spans = record.result.mesh?.spans;
    if (spans === undefined || spans.length === 0) continue;
    if (written + spans.length > MAX_EXPORTED_SPANS) break;
    written += spans.length;
    resourceSpans.push(...runResourceSpans(record, spans));
  }
  return `${JSON.stringify({ resourceSpans })}\n`;
}

function runResourceSpans(record: RunRecord, spans: readonly TraceSpan[]): unknown[] {
  const byService = new Map<string, { app: unknown[]; proxy: unknown[] }>();
  for (const span of spans) {
    let scopes = byService.get(span.service);
    if (scopes === undefined) {
      scopes = { app: [], proxy: [] };
      byService.set(span.service, scopes);
    }
    scopes[span.scope].push(otlpSpan(span, record.runId));
  }
  return [...byService].map(([service, scopes]) => ({
    resource: {
      attributes: [
        attribute('service.name', service),
        attribute('service.namespace', 'default'),
        attribute('msasim.run_id', record.runId),
        attribute('msasim.variant', record.variant),
        attribute('msasim.replication', record.replication),
      ],
    },
    scopeSpans: (['app', 'proxy'] as const)
      .filter((scope) => scopes[scope].length > 0)
      .map((scope) => ({ scope: SCOPES[scope], spans: scopes[scope] })),
  }));
}

function otlpSpan(span: TraceSpan, runId: number): Record<string, unknown> {
  const traceId = runId.toString(16).padStart(8, '0').slice(-8) + span.traceId.slice(8);
  return {
    traceId,
    spanId: span.spanId,
    ...(span.parentSpanId === null ? {} : { parentSpanId: span.parentSpanId }),
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: unixNanos(span.startMs),
    endTimeUnixNano: unixNanos(span.endMs),
    ...attributesOf(span),
    // STATUS_CODE_ERROR for a failed call or attempt; the others are left UNSET, as
    // instrumentation does for a successful operation (the spec reserves OK for users).
    ...(span.error ? { status: { code: 2 } } : {}),
  };
}

/** A span's attributes; none is no field, as the JSON mapping leaves an empty list out. */
function attributesOf(span: TraceSpan): { attributes?: KeyValue[] } {
  const entries = Object.entries(span.attributes);
  if (entries.length === 0) return {};
  return { attributes: entries.map(([key, value]) => attribute(key, value)) };
}

function attribute(key: string, value: string | number): KeyValue {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (Number.isInteger(value)) return { key, value: { intValue: String(value) } };
  return { key, value: { doubleValue: value } };
}
