import type { RandomStreams } from '../../../engine/random.js';
import type { MeshTelemetryResult } from '../../../metrics/mesh-telemetry-result.js';
import type { FailureCause } from '../../../metrics/run-result.js';
import { DEFAULT_TRACING } from '../../../scenario/mesh-telemetry-schema.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { Request } from '../../request.js';
import type { Attempt } from '../../traffic/attempt.js';
import type { AttemptObserver } from '../../traffic/attempt-observer.js';
import type { LogicalCall } from '../../traffic/logical-call.js';
import {
  cancelledLabels,
  gaveUpLabels,
  INGRESS_WORKLOAD,
  type ResponseLabels,
  responseLabels,
  UNKNOWN,
  versionOf,
} from './istio-labels.js';
import { IstioMetrics, type ReportLabels } from './istio-metrics.js';
import { ProxyPresence } from './proxy-reports.js';
import type { ProxySides } from './request-trace.js';
import { Tracer } from './tracer.js';

/** The named random streams of tracing: their own, so no other number of a run moves. */
export const TRACE_SAMPLING_STREAM = 'mesh:telemetry:trace-sampling';
export const TRACE_IDS_STREAM = 'mesh:telemetry:trace-ids';

/**
 * The mesh's proxies as observers of the request path (docs/mesh/telemetry.md): each side
 * of an attempt that has a proxy reports it under Istio's metric names and labels (measured
 * requests only, as every headline metric), and a sampled request's calls and attempts
 * become spans.
 */
export class MeshObserver implements AttemptObserver {
  private readonly proxies: ProxyPresence;
  private readonly metrics = new IstioMetrics();
  private readonly tracer: Tracer;
  private readonly grpcServices: ReadonlySet<string>;

  constructor(scenario: Scenario, streams: RandomStreams) {
    this.proxies = new ProxyPresence(scenario);
    this.tracer = new Tracer(
      scenario.mesh.telemetry.tracing ?? DEFAULT_TRACING,
      streams.stream(TRACE_SAMPLING_STREAM).next,
      streams.stream(TRACE_IDS_STREAM).next,
      (attempt) => this.sidesOf(attempt),
    );
    this.grpcServices = new Set(
      Object.entries(scenario.services)
        .filter(([, service]) => service.connections?.protocol === 'grpc')
        .map(([name]) => name),
    );
  }

  requestStarted(request: Request): void {
    this.tracer.sample(request);
  }

  responseSent(attempt: Attempt, now: number, cancelledBy?: FailureCause): void {
    const sides = this.sidesOf(attempt);
    const response =
      cancelledBy === undefined ? responseLabels(attempt.failure) : cancelledLabels();
    const { request } = attempt.call;
    if (sides.callee && request.measured) {
      this.report('destination', attempt, sides, response, now - attempt.arrivedAt);
    }
    const trace = request.trace;
    if (trace === undefined) return;
    const failed = response.responseCode !== 200;
    trace.end(trace.inboundSpan(attempt), now, failed, response.responseCode);
    trace.end(trace.appSpan(attempt), now, failed);
  }

  responseReceived(attempt: Attempt, now: number, gaveUp?: FailureCause): void {
    const sides = this.sidesOf(attempt);
    const response = gaveUp === undefined ? responseLabels(attempt.failure) : gaveUpLabels(gaveUp);
    const { request } = attempt.call;
    if (sides.caller && request.measured) {
      this.report('source', attempt, sides, response, now - attempt.sentAt);
    }
    const trace = request.trace;
    if (trace === undefined) return;
    const span = trace.outboundSpan(attempt);
    trace.end(span, now, response.responseCode !== 200, response.responseCode);
  }

  callEnded(call: LogicalCall, now: number, failed: boolean): void {
    const trace = call.request.trace;
    if (trace !== undefined) trace.end(trace.callSpan(call), now, failed);
  }

  result(endMs: number): MeshTelemetryResult {
    const spans = this.tracer.spans(endMs);
    return {
      endMs,
      istio: this.metrics.seriesList(),
      edges: this.metrics.edgeList(),
      tracing: this.tracer.counts(),
      spans,
    };
  }

  private sidesOf(attempt: Attempt): ProxySides {
    const { call } = attempt;
    return {
      caller: this.proxies.has(callerOf(call)),
      callee: this.proxies.has(call.target.service.name),
    };
  }

  private report(
    reporter: 'source' | 'destination',
    attempt: Attempt,
    sides: ProxySides,
    response: ResponseLabels,
    durationMs: number,
  ): void {
    const { call } = attempt;
    const caller = callerOf(call);
    const callee = call.target.service.name;
    // A destination proxy learns who called only from the caller's proxy (Istio's peer
    // metadata exchange): a caller without one is unknown to it.
    const callerKnown = reporter === 'source' || sides.caller;
    const labels: ReportLabels = {
      sourceWorkload: callerKnown ? (caller ?? INGRESS_WORKLOAD) : UNKNOWN,
      sourceVersion: callerKnown && caller !== undefined ? versionOf(call.parent?.pod) : UNKNOWN,
      destinationWorkload: attempt.pod === undefined ? UNKNOWN : callee,
      destinationVersion: versionOf(attempt.pod),
      destinationService: callee,
      requestProtocol: this.grpcServices.has(callee) ? 'grpc' : 'http',
    };
    this.metrics.report(
      reporter,
      labels,
      response,
      { from: caller ?? 'client', to: callee },
      durationMs,
    );
  }
}

/** The calling service, or undefined for a request from outside (the ingress). */
function callerOf(call: LogicalCall): string | undefined {
  return call.parent?.call.target.service.name;
}
