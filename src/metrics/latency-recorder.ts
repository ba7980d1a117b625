import * as hdr from 'hdr-histogram-js';
import type { LatencySummary, Statistic } from './run-result.js';

/**
 * hdr-histogram-js records about 6x faster in its WebAssembly build (measured on this
 * project's machine: 60M against 10M values/s), and recording is a large share of a
 * simulated request's cost. Loaded once per module; where WebAssembly is unavailable the
 * JavaScript build is used, with identical results.
 */
const useWebAssembly = await hdr.initWebAssembly().then(
  () => true,
  () => false,
);

/**
 * Streaming latency statistics: an HDR histogram for quantiles (memory does not grow with
 * the number of samples) plus exact count, sum and max, so the mean and max are exact and
 * only quantiles carry the histogram's relative error (0.1% at 3 significant digits).
 * Values are recorded in microseconds, the histogram's integer unit.
 */
export class LatencyRecorder {
  private readonly histogram: hdr.Histogram;
  private count = 0;
  private sumMs = 0;
  private maxMs = 0;

  constructor(significantDigits: 2 | 3 = 3) {
    this.histogram = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: significantDigits,
      autoResize: true,
      useWebAssembly,
    });
  }

  record(latencyMs: number): void {
    this.histogram.recordValue(Math.round(latencyMs * 1000));
    this.count++;
    this.sumMs += latencyMs;
    if (latencyMs > this.maxMs) this.maxMs = latencyMs;
  }

  get size(): number {
    return this.count;
  }

  /** null with no samples: an empty recorder has no mean. */
  get meanMs(): Statistic {
    return this.count > 0 ? this.sumMs / this.count : null;
  }

  /**
   * null with no samples. The histogram answers with the top of the value's bucket, which
   * can lie above every sample; the exact max bounds it, so no quantile exceeds the max.
   */
  quantileMs(percentile: number): Statistic {
    if (this.count === 0) return null;
    return Math.min(this.histogram.getValueAtPercentile(percentile) / 1000, this.maxMs);
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      meanMs: this.meanMs,
      p50Ms: this.quantileMs(50),
      p90Ms: this.quantileMs(90),
      p99Ms: this.quantileMs(99),
      p999Ms: this.quantileMs(99.9),
      maxMs: this.count > 0 ? this.maxMs : null,
    };
  }

  /** Adds every value another recorder holds, as if they had been recorded here. */
  merge(other: LatencyRecorder): void {
    if (other.count === 0) return;
    this.histogram.add(other.histogram);
    this.count += other.count;
    this.sumMs += other.sumMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  /** Frees the WebAssembly memory behind the histogram; the recorder is unusable after. */
  dispose(): void {
    this.histogram.destroy();
  }

  reset(): void {
    if (this.count === 0) return;
    this.histogram.reset();
    this.count = 0;
    this.sumMs = 0;
    this.maxMs = 0;
  }
}
