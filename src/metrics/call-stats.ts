import type { FailureCause } from './failure-causes.js';
import { LatencyRecorder } from './latency-recorder.js';
import type { LatencySummary } from './run-result.js';

/** Measured failures of one cause: begun here, or passed on from a downstream call. */
export interface CauseCounts {
  originated: number;
  propagated: number;
}

/**
 * Counters and latency for one stream of calls (a service, an edge, or all requests):
 * headline totals for measured calls (after warm-up) and per-window figures for every call.
 * Windows count arrivals when calls arrive and outcomes when they end, as a monitoring
 * system scraping counters would.
 */
export class CallStats {
  requests = 0;
  errors = 0;
  /** of the errors, those where a downstream call failed first (the rest began here) */
  errorsPassedOn = 0;
  /**
   * The errors by cause, where the caller names it (endpoints do): an entry appears with a
   * cause's first failure, so a run without failures allocates nothing.
   */
  readonly errorsByCause = new Map<FailureCause, CauseCounts>();
  /** successful calls */
  readonly latency = new LatencyRecorder(3);
  /**
   * Failed calls, kept only where latency over all calls is asked for (end to end): the
   * latency of every call is this and `latency` merged, so successes are recorded once.
   */
  private readonly latencyFailed: LatencyRecorder | undefined;

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

  constructor(options: {
    windowLatency: boolean;
    headlineLatency?: 'record' | 'merged later';
    allLatency?: boolean;
  }) {
    // Window quantiles at the headline's precision, so a window's p99 and the run's agree.
    this.windowLatency = options.windowLatency ? new LatencyRecorder(3) : undefined;
    this.recordsLatency = options.headlineLatency !== 'merged later';
    this.latencyFailed = options.allLatency ? new LatencyRecorder(3) : undefined;
  }

  arrived(): void {
    this.windowArrivals++;
  }

  /**
   * `passedOn`: the call failed because a downstream call did (only with `failed`);
   * `cause`: why it failed, counted by cause when given.
   */
  ended(
    latencyMs: number,
    failed: boolean,
    measured: boolean,
    passedOn = false,
    cause?: FailureCause,
  ): void {
    if (failed) this.windowFailed++;
    else {
      this.windowSucceeded++;
      this.windowLatency?.record(latencyMs);
    }
    if (!measured) return;
    this.requests++;
    if (failed) {
      this.errors++;
      if (passedOn) this.errorsPassedOn++;
      if (cause !== undefined) this.countCause(cause, passedOn);
      this.latencyFailed?.record(latencyMs);
    } else if (this.recordsLatency) this.latency.record(latencyMs);
  }

  private countCause(cause: FailureCause, passedOn: boolean): void {
    let counts = this.errorsByCause.get(cause);
    if (counts === undefined) {
      counts = { originated: 0, propagated: 0 };
      this.errorsByCause.set(cause, counts);
    }
    if (passedOn) counts.propagated++;
    else counts.originated++;
  }

  /** Latency over every measured call that ended, failures included. */
  allLatencySummary(): LatencySummary {
    const all = new LatencyRecorder(3);
    all.merge(this.latency);
    if (this.latencyFailed !== undefined) all.merge(this.latencyFailed);
    const summary = all.summary();
    all.dispose();
    return summary;
  }

  resetWindow(): void {
    this.windowArrivals = 0;
    this.windowSucceeded = 0;
    this.windowFailed = 0;
    this.windowLatency?.reset();
  }

  dispose(): void {
    this.latency.dispose();
    this.latencyFailed?.dispose();
    this.windowLatency?.dispose();
  }
}
