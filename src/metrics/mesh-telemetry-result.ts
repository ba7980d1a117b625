/**
 * What a run's mesh proxies reported (docs/mesh/telemetry.md), in RunResult.mesh: Istio's
 * standard metrics per label set, the per-edge reports that give the mesh overhead, and the
 * spans of the sampled requests. Present only when some call went through a proxy or a
 * mesh strategy other than none is set; a run without a mesh has no `mesh` field at all.
 */

/**
 * Envoy's default histogram buckets, in ms (source/common/stats/histogram_impl.cc,
 * HistogramSettingsImpl::defaultBuckets): Istio's istio_request_duration_milliseconds uses
 * them unless a pod sets sidecar.istio.io/statsHistogramBuckets.
 */
export const ISTIO_DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
  1800000, 3600000,
] as const;

/**
 * Who made a report: the caller's proxy, the callee's, or the callee's waypoint (ambient;
 * Istio labels a waypoint's reports reporter="waypoint").
 */
export type IstioReporter = 'source' | 'destination' | 'waypoint';

/** One label set of istio_requests_total and istio_request_duration_milliseconds. */
export interface IstioSeries {
  reporter: IstioReporter;
  /** the calling workload; istio-ingressgateway for requests from outside; unknown when the destination's proxy cannot tell (the caller has none) */
  sourceWorkload: string;
  sourceVersion: string;
  destinationWorkload: string;
  destinationVersion: string;
  /** the called service's short name (the report writes its cluster-local host name) */
  destinationService: string;
  requestProtocol: 'http' | 'grpc';
  /** 0 when no response was sent or received, as Envoy writes it */
  responseCode: number;
  /** Envoy's %RESPONSE_FLAGS%, "-" for none */
  responseFlags: string;
  requests: number;
  durationSumMs: number;
  /** counts per ISTIO_DURATION_BUCKETS_MS bucket, not cumulative; the last one is above them all (+Inf) */
  durationBuckets: number[];
}

/**
 * One label set of a ztunnel's L4 metrics (ambient): istio_tcp_connections_opened_total,
 * istio_tcp_received_bytes_total (bytes of the requests) and istio_tcp_sent_bytes_total (of
 * the responses), reported by the caller's node's ztunnel (source) and the callee's
 * (destination), request_protocol tcp, as istio/ztunnel's src/proxy/metrics.rs labels them.
 */
export interface IstioTcpSeries {
  reporter: 'source' | 'destination';
  sourceWorkload: string;
  sourceVersion: string;
  destinationWorkload: string;
  destinationVersion: string;
  destinationService: string;
  connectionsOpened: number;
  receivedBytes: number;
  sentBytes: number;
}

/** One edge (caller → callee, as in edges.csv) as each side's proxy reported its attempts. */
export interface MeshEdgeReports {
  from: string;
  to: string;
  sourceRequests: number;
  sourceDurationSumMs: number;
  destinationRequests: number;
  destinationDurationSumMs: number;
}

/** OpenTelemetry span kinds (opentelemetry/proto/trace/v1/trace.proto, Span.SpanKind). */
export const SPAN_KIND_SERVER = 2;
export const SPAN_KIND_CLIENT = 3;
export type SpanKind = typeof SPAN_KIND_SERVER | typeof SPAN_KIND_CLIENT;

/** One finished span; times in simulated ms, ids in lower-case hex. */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  /** null for the root span of a trace */
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  /** the service it belongs to (its resource's service.name) */
  service: string;
  /** who emitted it: the application's code or its proxy */
  scope: 'app' | 'proxy';
  startMs: number;
  endMs: number;
  /** the status: an error (a failed call or attempt), else unset */
  error: boolean;
  attributes: Record<string, string | number>;
}

export interface TracingCounts {
  /** the share of requests sampled, as set */
  sampling: number;
  /** measured or not: every request the sampling chose */
  requestsSampled: number;
  /** sampled requests whose spans are exported */
  tracesExported: number;
  /** sampled requests past maxTraces: counted, not traced */
  tracesDropped: number;
}

export interface MeshTelemetryResult {
  /** simulated time when the run ended: the metrics' scrape time */
  endMs: number;
  istio: IstioSeries[];
  /** the ztunnels' L4 series (ambient); empty without them */
  tcp: IstioTcpSeries[];
  edges: MeshEdgeReports[];
  tracing: TracingCounts;
  spans: TraceSpan[];
}
