import { CallStats } from '../../metrics/call-stats.js';
import { LatencyRecorder } from '../../metrics/latency-recorder.js';

/** The calls one metric's current interval has seen: its measurement reads and resets it. */
export class MetricWindow {
  ended = 0;
  failed = 0;
  /** every call's latency, failures included (a request-duration histogram) */
  readonly latency = new LatencyRecorder(3);

  reset(): void {
    this.ended = 0;
    this.failed = 0;
    this.latency.reset();
  }
}

/**
 * What an Argo analysis queries about the new revision (its pods' request metrics, as a
 * Prometheus query by the rollouts-pod-template-hash label would): given to each of the
 * revision's pods as its `versionStats`, so the pod's calls reach it where they end
 * (src/model/traffic.ts). It also counts every call the revision served and how many failed:
 * the requests that met the new version (rollouts.csv).
 */
export class RevisionMeter extends CallStats {
  served = 0;
  failedServed = 0;
  private readonly windows: MetricWindow[] = [];

  constructor() {
    super({ windowLatency: false, headlineLatency: 'merged later' });
  }

  /** A window for one metric, filled from now on. */
  window(): MetricWindow {
    const w = new MetricWindow();
    this.windows.push(w);
    return w;
  }

  /** The metric's measurements have ended: its window is no longer filled. */
  close(w: MetricWindow): void {
    const at = this.windows.indexOf(w);
    if (at >= 0) this.windows.splice(at, 1);
    w.latency.dispose();
  }

  override ended(latencyMs: number, failed: boolean): void {
    this.served++;
    if (failed) this.failedServed++;
    for (const w of this.windows) {
      w.ended++;
      if (failed) w.failed++;
      w.latency.record(latencyMs);
    }
  }
}
