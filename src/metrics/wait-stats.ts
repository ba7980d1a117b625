import { LatencyRecorder } from './latency-recorder.js';
import type { Statistic, WaitSummary } from './run-result.js';

/**
 * How long calls waited for one resource (a worker slot, a core): the share that waited at
 * all, the mean wait over every call (zeros included, as queueing theory's Wq is) and the
 * p99. These are what a researcher holds against Erlang C's P(wait) and Wq, and where an
 * architect finds the bottleneck.
 *
 * Most calls on a healthy service do not wait, so zero waits are only counted: the
 * histogram holds the positive waits, and a quantile over all calls is read from it at the
 * rank that skips the zeros. This keeps the common case to two additions per call.
 */
export class WaitStats {
  private calls = 0;
  private sumMs = 0;
  private readonly positive = new LatencyRecorder(3);

  record(waitMs: number): void {
    this.calls++;
    if (waitMs <= 0) return;
    this.sumMs += waitMs;
    this.positive.record(waitMs);
  }

  /** Adds every wait another recorder holds, as if they had been recorded here. */
  merge(other: WaitStats): void {
    this.calls += other.calls;
    this.sumMs += other.sumMs;
    this.positive.merge(other.positive);
  }

  summary(): WaitSummary {
    const waited = this.positive.size;
    return {
      calls: this.calls,
      waitedFraction: this.calls > 0 ? waited / this.calls : null,
      meanMs: this.calls > 0 ? this.sumMs / this.calls : null,
      p99Ms: this.quantileMs(99),
    };
  }

  /**
   * The percentile over all calls: 0 while the zeros reach it, else the positive waits'
   * percentile at the same rank, (p − zero share) / (positive share).
   */
  quantileMs(percentile: number): Statistic {
    if (this.calls === 0) return null;
    const zeros = this.calls - this.positive.size;
    const zeroPercent = (zeros / this.calls) * 100;
    if (percentile <= zeroPercent) return 0;
    return this.positive.quantileMs(((percentile - zeroPercent) / (100 - zeroPercent)) * 100);
  }

  dispose(): void {
    this.positive.dispose();
  }
}
