import {
  SPAN_KIND_CLIENT,
  SPAN_KIND_SERVER,
  type TraceSpan,
} from '../../../metrics/mesh-telemetry-result.js';
import type { Attempt } from '../../traffic/attempt.js';
import type { LogicalCall } from '../../traffic/logical-call.js';
import { INGRESS_WORKLOAD } from './istio-labels.js';

/** A span not yet ended: endMs is NaN until it is. */
type OpenSpan = TraceSpan;

/** The spans of one attempt: through the caller's proxy, the callee's proxy and its code. */
interface AttemptSpans {
  outbound: OpenSpan | undefined;
  inbound: OpenSpan | undefined;
  app: OpenSpan | undefined;
}

/** Which sides of an attempt have a proxy that emits spans. */
export interface ProxySides {
  caller: boolean;
  callee: boolean;
}

/**
 * The spans of one sampled request, made as its calls and attempts report and linked as a
 * tracing UI expects: a call (the caller's code asking, CLIENT) ─▶ per attempt the caller's
 * outbound proxy (CLIENT) ─▶ the callee's inbound proxy (SERVER) ─▶ the callee's code
 * (SERVER), whose calls are the next hop's call spans. A proxy that does not exist has no
 * span, and the next span hangs from the one before. A span is made when it or a descendant
 * first reports, with its start from the times the request path keeps, so every parent
 * exists; a span that never ended (the drain ran out) is closed at the run's end.
 */
export class RequestTrace {
  readonly spans: OpenSpan[] = [];
  private readonly calls = new Map<LogicalCall, OpenSpan>();
  private readonly attempts = new Map<Attempt, AttemptSpans>();

  constructor(
    readonly traceId: string,
    private readonly nextSpanId: () => string,
    /** which sides of an attempt have a proxy */
    private readonly sidesOf: (attempt: Attempt) => ProxySides,
  ) {}

  callSpan(call: LogicalCall): OpenSpan {
    let span = this.calls.get(call);
    if (span === undefined) {
      const { parent, target } = call;
      span = this.open({
        parent: parent === undefined ? undefined : this.appSpan(parent),
        name: `call ${target.service.name}/${target.endpoint.name}`,
        kind: SPAN_KIND_CLIENT,
        service: parent?.call.target.service.name ?? 'client',
        scope: 'app',
        startMs: call.sentAt,
      });
      this.calls.set(call, span);
    }
    return span;
  }

  /** The caller's proxy's span of the attempt, if the caller has a proxy. */
  outboundSpan(attempt: Attempt): OpenSpan | undefined {
    if (!this.sidesOf(attempt).caller) return undefined;
    const spans = this.spansOf(attempt);
    if (spans.outbound === undefined) {
      const { call } = attempt;
      spans.outbound = this.open({
        parent: this.callSpan(call),
        name: proxyOperation(call),
        kind: SPAN_KIND_CLIENT,
        service: call.parent?.call.target.service.name ?? INGRESS_WORKLOAD,
        scope: 'proxy',
        startMs: attempt.sentAt,
      });
      spans.outbound.attributes.upstream_cluster = `outbound|80||${hostOf(call)}`;
    }
    return spans.outbound;
  }

  /** The callee's proxy's span, if it has one; only for an attempt that reached its pod. */
  inboundSpan(attempt: Attempt): OpenSpan | undefined {
    if (!this.sidesOf(attempt).callee) return undefined;
    const spans = this.spansOf(attempt);
    if (spans.inbound === undefined) {
      const { call } = attempt;
      spans.inbound = this.open({
        parent: this.outboundSpan(attempt) ?? this.callSpan(call),
        name: proxyOperation(call),
        kind: SPAN_KIND_SERVER,
        service: call.target.service.name,
        scope: 'proxy',
        startMs: attempt.inboundAt,
      });
      spans.inbound.attributes.upstream_cluster = `inbound|80||`;
    }
    return spans.inbound;
  }

  /** The callee's code serving the attempt: the parent of the calls it makes. */
  appSpan(attempt: Attempt): OpenSpan {
    const spans = this.spansOf(attempt);
    if (spans.app === undefined) {
      const { call } = attempt;
      spans.app = this.open({
        parent: this.inboundSpan(attempt) ?? this.outboundSpan(attempt) ?? this.callSpan(call),
        name: call.target.endpoint.name,
        kind: SPAN_KIND_SERVER,
        service: call.target.service.name,
        scope: 'app',
        startMs: attempt.arrivedAt,
      });
      spans.app.attributes['msasim.pod'] = attempt.pod?.name ?? '';
    }
    return spans.app;
  }

  /** Ends a span: its status, and the response code its side saw. */
  end(span: OpenSpan | undefined, endMs: number, error: boolean, responseCode?: number): void {
    if (span === undefined || !Number.isNaN(span.endMs)) return;
    span.endMs = endMs;
    span.error = error;
    if (responseCode !== undefined) span.attributes['http.response.status_code'] = responseCode;
  }

  /** Closes what never ended, at the run's end, as an error: the request did not finish. */
  closeOpen(endMs: number): void {
    for (const span of this.spans) {
      if (!Number.isNaN(span.endMs)) continue;
      span.endMs = Math.max(endMs, span.startMs);
      span.error = true;
      span.attributes['msasim.unfinished'] = 'true';
    }
  }

  private spansOf(attempt: Attempt): AttemptSpans {
    let spans = this.attempts.get(attempt);
    if (spans === undefined) {
      spans = { outbound: undefined, inbound: undefined, app: undefined };
      this.attempts.set(attempt, spans);
    }
    return spans;
  }

  private open(fields: {
    parent: OpenSpan | undefined;
    name: string;
    kind: TraceSpan['kind'];
    service: string;
    scope: TraceSpan['scope'];
    startMs: number;
  }): OpenSpan {
    const span: OpenSpan = {
      traceId: this.traceId,
      spanId: this.nextSpanId(),
      parentSpanId: fields.parent?.spanId ?? null,
      name: fields.name,
      kind: fields.kind,
      service: fields.service,
      scope: fields.scope,
      startMs: fields.startMs,
      endMs: Number.NaN,
      error: false,
      attributes: {},
    };
    this.spans.push(span);
    return span;
  }
}

/** The called service's cluster-local host name, as Istio's destination_service. */
export function hostOf(call: LogicalCall): string {
  return serviceHost(call.target.service.name);
}

export function serviceHost(service: string): string {
  return `${service}.default.svc.cluster.local`;
}

/** Envoy's operation name for a proxy's span: the host and route, `<host>:<port>/*`. */
function proxyOperation(call: LogicalCall): string {
  return `${hostOf(call)}:80/*`;
}
