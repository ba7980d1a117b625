import type { TraceSpan, TracingCounts } from '../../../metrics/mesh-telemetry-result.js';
import type { Request } from '../../request.js';
import type { Attempt } from '../../traffic/attempt.js';
import { type ProxySides, RequestTrace } from './request-trace.js';

/** Most spans a run exports (docs/limits.md): about 300 bytes each in its run file. */
export const MAX_SPANS_PER_RUN = 500_000;

export interface TracingSettings {
  /** share of requests sampled, 0 to 1 */
  sampling: number;
  /** most traces exported */
  maxTraces: number;
}

/**
 * Head-based sampling, as Istio's proxies do it: the first proxy a request meets decides
 * (a uniform draw below the sampling share) and every hop after it inherits the decision
 * through the trace headers (parent-based). Draws and ids come from their own named
 * streams, so tracing changes no other number of the run, and the same seed gives the same
 * trace ids.
 */
export class Tracer {
  private readonly traces: RequestTrace[] = [];
  private requestsSampled = 0;
  private tracesDropped = 0;

  constructor(
    private readonly settings: TracingSettings,
    /** uniforms: one per request, for the sampling decision */
    private readonly samplingNext: () => number,
    /** uniforms for trace and span ids */
    private readonly idNext: () => number,
    private readonly sidesOf: (attempt: Attempt) => ProxySides,
  ) {}

  /** Decides at the request's entry whether it is traced. */
  sample(request: Request): void {
    if (this.settings.sampling <= 0) return;
    if (!(this.samplingNext() < this.settings.sampling)) return;
    this.requestsSampled++;
    if (this.traces.length >= this.settings.maxTraces) {
      this.tracesDropped++;
      return;
    }
    const trace = new RequestTrace(this.randomHex(4), () => this.randomHex(2), this.sidesOf);
    request.trace = trace;
    this.traces.push(trace);
  }

  counts(): TracingCounts {
    return {
      sampling: this.settings.sampling,
      requestsSampled: this.requestsSampled,
      tracesExported: this.traces.length,
      tracesDropped: this.tracesDropped,
    };
  }

  /**
   * Every span of every trace, in sampling order, the unfinished closed at `endMs`. Whole
   * traces past MAX_SPANS_PER_RUN are left out and counted as dropped: a run's spans are
   * written in its run file, one JSON text, which Node caps at 512 MiB.
   */
  spans(endMs: number): TraceSpan[] {
    const spans: TraceSpan[] = [];
    for (const [index, trace] of this.traces.entries()) {
      if (spans.length + trace.spans.length > MAX_SPANS_PER_RUN) {
        this.tracesDropped += this.traces.length - index;
        this.traces.length = index;
        break;
      }
      trace.closeOpen(endMs);
      spans.push(...trace.spans);
    }
    return spans;
  }

  /**
   * `words` 32-bit words of random hex: a trace id is 16 bytes, a span id 8. An id of all
   * zeros is invalid in OpenTelemetry (and W3C trace context), so one is drawn again.
   */
  private randomHex(words: number): string {
    for (;;) {
      let hex = '';
      for (let i = 0; i < words; i++) {
        hex += Math.floor(this.idNext() * 0x1_0000_0000)
          .toString(16)
          .padStart(8, '0');
      }
      if (/[^0]/.test(hex)) return hex;
    }
  }
}
