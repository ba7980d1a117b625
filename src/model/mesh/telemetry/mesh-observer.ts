import type { RandomStreams } from '../../../engine/random.js';
import type {
  IstioReporter,
  IstioTcpSeries,
  MeshTelemetryResult,
} from '../../../metrics/mesh-telemetry-result.js';
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
import { IstioTcpMetrics, type TcpReportLabels } from './istio-tcp-metrics.js';
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
  private readonly tcp = new IstioTcpMetrics();
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

  connectionOpened(attempt: Attempt): void {
    this.countTcp(attempt, (reporter, labels) => this.tcp.connectionOpened(reporter, labels));
  }

  bytesCarried(attempt: Attempt, requestBytes: number, responseBytes: number): void {
    this.countTcp(attempt, (reporter, labels) =>
      this.tcp.bytes(reporter, labels, requestBytes, responseBytes),
    );
  }

  requestStarted(request: Request): void {
    this.tracer.sample(request);
  }

  responseSent(attempt: Attempt, now: number, cancelledBy?: FailureCause): void {
    // Stopped by its caller, the callee sends no response: its proxy reports the reset now.
    if (cancelledBy !== undefined) this.destinationReport(attempt, now, cancelledLabels());
    const trace = attempt.call.request.trace;
    if (trace === undefined) return;
    const failed = cancelledBy !== undefined || attempt.failure !== undefined;
    trace.end(trace.appSpan(attempt), now, failed);
  }

  responseForwarded(attempt: Attempt, now: number): void {
    this.destinationReport(attempt, now, responseLabels(attempt.failure));
  }

  waypointResponded(attempt: Attempt, now: number): void {
    if (!attempt.call.request.measured) return;
    const sides = this.sidesOf(attempt);
    const response = responseLabels(attempt.failure);
    this.report('waypoint', attempt, sides, response, now - attempt.waypointAt);
  }

  responseReceived(attempt: Attempt, now: number, gaveUp?: FailureCause): void {
    const trace = attempt.call.request.trace;
    if (trace === undefined) return;
    const response = gaveUp === undefined ? responseLabels(attempt.failure) : gaveUpLabels(gaveUp);
    const span = trace.outboundSpan(attempt);
    trace.end(span, now, response.responseCode !== 200, response.responseCode);
  }

  /**
   * The caller's proxy reports once per call of the application, as Envoy's stats filter sits
   * above its router (which makes the retries): the last attempt's response, or the caller
   * giving up, over the whole call, every try and back-off included.
   */
  callEnded(call: LogicalCall, now: number, failed: boolean, gaveUp?: FailureCause): void {
    const attempt = call.attempt!;
    const sides = this.sidesOf(attempt);
    if (sides.caller && call.request.measured) {
      const response =
        gaveUp === undefined ? responseLabels(attempt.failure) : gaveUpLabels(gaveUp);
      this.report('source', attempt, sides, response, now - call.sentAt);
    }
    const trace = call.request.trace;
    if (trace !== undefined) trace.end(trace.callSpan(call), now, failed);
  }

  /**
   * The callee's inbound proxy is done with the attempt: over the time since the request
   * reached it, its own work on the way in and out included.
   */
  private destinationReport(attempt: Attempt, now: number, response: ResponseLabels): void {
    const sides = this.sidesOf(attempt);
    if (sides.callee && attempt.call.request.measured) {
      this.report('destination', attempt, sides, response, now - attempt.inboundAt);
    }
    const trace = attempt.call.request.trace;
    if (trace === undefined) return;
    const span = trace.inboundSpan(attempt);
    trace.end(span, now, response.responseCode !== 200, response.responseCode);
  }

  result(endMs: number): MeshTelemetryResult {
    const spans = this.tracer.spans(endMs);
    return {
      endMs,
      istio: this.metrics.seriesList(),
      tcp: this.tcp.seriesList(),
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
    reporter: IstioReporter,
    attempt: Attempt,
    sides: ProxySides,
    response: ResponseLabels,
    durationMs: number,
  ): void {
    const { call } = attempt;
    const caller = callerOf(call);
    const callee = call.target.service.name;
    // A destination proxy learns who called only from the caller's proxy (Istio's peer
    // metadata exchange): a caller without one is unknown to it. A waypoint learns it from the
    // mTLS identity of the caller's ztunnel or sidecar: a caller outside the mesh is unknown.
    const callerKnown =
      reporter === 'source' ||
      (reporter === 'waypoint' ? this.proxies.inMesh(caller) : sides.caller);
    const labels: ReportLabels = {
      ...this.peerLabels(attempt, callerKnown),
      requestProtocol: this.grpcServices.has(callee) ? 'grpc' : 'http',
    };
    this.metrics.report(
      reporter,
      labels,
      response,
      { from: caller ?? 'client', to: callee },
      durationMs,
      call.target,
    );
  }

  /** Who called whom, as a proxy names them; the caller `unknown` when the proxy cannot tell. */
  private peerLabels(attempt: Attempt, callerKnown: boolean): TcpReportLabels {
    const { call } = attempt;
    const caller = callerOf(call);
    const callee = call.target.service.name;
    return {
      sourceWorkload: callerKnown ? (caller ?? INGRESS_WORKLOAD) : UNKNOWN,
      sourceVersion: callerKnown && caller !== undefined ? versionOf(call.parent?.pod) : UNKNOWN,
      destinationWorkload: attempt.pod === undefined ? UNKNOWN : callee,
      destinationVersion: versionOf(attempt.pod),
      destinationService: callee,
    };
  }

  /**
   * The ztunnels an attempt crosses (ambient): its caller's node's (source) and its callee's
   * node's (destination). The callee's learns the caller from its mTLS identity.
   */
  private countTcp(
    attempt: Attempt,
    count: (reporter: TcpReporter, labels: TcpReportLabels) => void,
  ): void {
    if (!attempt.call.request.measured) return;
    const caller = callerOf(attempt.call);
    if (caller !== undefined && this.proxies.hasZtunnel(caller))
      count('source', this.peerLabels(attempt, true));
    if (this.proxies.hasZtunnel(attempt.call.target.service.name))
      count('destination', this.peerLabels(attempt, this.proxies.inMesh(caller)));
  }
}

type TcpReporter = IstioTcpSeries['reporter'];

/** The calling service, or undefined for a request from outside (the ingress). */
function callerOf(call: LogicalCall): string | undefined {
  return call.parent?.call.target.service.name;
}
