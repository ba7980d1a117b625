import { LatencyRecorder } from './latency-recorder.js';

/**
 * Counters and latency for one stream of calls (a service, an edge, or all requests):
 * headline totals for measured calls (after warm-up) and per-window figures for every call.
 * Windows count arrivals when calls arrive and outcomes when they end, as a monitoring
 * system scraping counters would.
 */
export class CallStats {
  requests = 0;
  errors = 0;
  readonly latency = new LatencyRecorder(3);

  windowArrivals = 0;
  windowSucceeded = 0;
  windowFailed = 0;
  /** Per-window latency, kept only where the time series reports it (not for edges). */
  readonly windowLatency: LatencyRecorder | undefined;

  /**
   * Where the same latencies are recorded elsewhere (a service's are its endpoints'), the
   * headline histogram is filled once at the end by merging, not on every call.
   */
  private readonly recordsLatency: boolean;

  constructor(options: { windowLatency: boolean; headlineLatency?: 'record' | 'merged later' }) {
    this.windowLatency = options.windowLatency ? new LatencyRecorder(2) : undefined;
    this.recordsLatency = options.headlineLatency !== 'merged later';
  }

  arrived(): void {
    this.windowArrivals++;
  }

  ended(latencyMs: number, failed: boolean, measured: boolean): void {
    if (failed) this.windowFailed++;
    else {
      this.windowSucceeded++;
      this.windowLatency?.record(latencyMs);
    }
    if (!measured) return;
    this.requests++;
    if (failed) this.errors++;
    else if (this.recordsLatency) this.latency.record(latencyMs);
  }

  resetWindow(): void {
    this.windowArrivals = 0;
    this.windowSucceeded = 0;
    this.windowFailed = 0;
    this.windowLatency?.reset();
  }

  dispose(): void {
    this.latency.dispose();
    this.windowLatency?.dispose();
  }
}
