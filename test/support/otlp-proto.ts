import { join } from 'node:path';
import protobuf from 'protobufjs';

/**
 * The OTLP trace export message from the opentelemetry-proto definitions themselves
 * (test/fixtures/opentelemetry-proto: v1.11.0, Apache-2.0), loaded with protobufjs, to check
 * an export against the protobuf JSON mapping message by message, not just as JSON.
 */
const PROTO_ROOT = join(import.meta.dirname, '../fixtures/opentelemetry-proto');
const EXPORT_REQUEST = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';

let exportRequest: protobuf.Type | undefined;

export function exportTraceServiceRequest(): protobuf.Type {
  if (exportRequest === undefined) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => join(PROTO_ROOT, target);
    root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
    exportRequest = root.lookupType(EXPORT_REQUEST);
  }
  return exportRequest;
}

/** OTLP/JSON's one departure from the proto3 JSON mapping: trace and span ids are hex, not base64. */
const ID_BYTES: Record<string, number> = { traceId: 16, spanId: 8, parentSpanId: 8 };

/**
 * The export with its ids in the standard mapping (base64), each checked to be lower-case
 * hex of its exact length and not all zeros (an invalid id in OpenTelemetry).
 */
export function withBase64Ids(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withBase64Ids);
  if (json === null || typeof json !== 'object') return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const bytes = ID_BYTES[key];
    if (bytes !== undefined && typeof value === 'string') {
      if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(value) || /^0+$/.test(value)) {
        throw new Error(`${key} ${JSON.stringify(value)} is not ${bytes} bytes of hex`);
      }
      out[key] = Buffer.from(value, 'hex').toString('base64');
    } else out[key] = withBase64Ids(value);
  }
  return out;
}

/**
 * Parses OTLP JSON as an ExportTraceServiceRequest and returns it as the protobuf JSON
 * mapping writes it back (64-bit integers as decimal strings, enums as numbers, bytes as
 * base64), after a binary round trip. Equal to the input (ids in base64) only when every
 * field is one the message defines, with its type: an unknown or mistyped field is dropped
 * or converted on the way, and the comparison fails.
 */
export function roundTrip(otlpJson: unknown): { expected: unknown; actual: unknown } {
  const type = exportTraceServiceRequest();
  const expected = withBase64Ids(otlpJson);
  const message = type.fromObject(expected as Record<string, unknown>);
  const problem = type.verify(message);
  if (problem !== null) throw new Error(`not an ExportTraceServiceRequest: ${problem}`);
  const decoded = type.decode(type.encode(message).finish());
  const actual = type.toObject(decoded, { longs: String, enums: Number, bytes: String });
  return { expected, actual };
}
