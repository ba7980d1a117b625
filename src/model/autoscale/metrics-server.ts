import type { Pod } from '../pod.js';
import type { PodMetric } from './replica-calculator.js';

/** What one scrape read from a pod: its cumulative CPU (core·ms) and calls served. */
interface Scrape {
  readonly atMs: number;
  readonly cpuArea: number;
  readonly served: number;
}

/**
 * metrics-server as the HPA sees it: every --metric-resolution (15 s) it scrapes each
 * kubelet's cumulative CPU usage of each pod (the resource metrics endpoint, from cAdvisor)
 * and serves the rate between its last two scrapes, stamped with the last one's time and
 * that window (kubernetes-sigs/metrics-server: a pod's CPU needs two points, so a pod has no
 * metric until its second scrape). The request rate of a Pods metric is taken the same way,
 * as a custom metrics adapter reading a counter would. Only pods whose containers run are
 * scraped; a pod's counters start with it.
 */
export class MetricsServer {
  private readonly last = new Map<Pod, Scrape>();
  private readonly cpu = new Map<Pod, PodMetric>();
  private readonly rate = new Map<Pod, PodMetric>();

  /** One scrape of these running pods at `nowMs`; pods no longer listed are forgotten. */
  scrape(pods: Iterable<Pod>, nowMs: number): void {
    const seen = new Set<Pod>();
    for (const pod of pods) {
      seen.add(pod);
      const now: Scrape = { atMs: nowMs, cpuArea: pod.busyCores.areaAt(nowMs), served: pod.served };
      const before = this.last.get(pod);
      this.last.set(pod, now);
      if (before === undefined || nowMs <= before.atMs) continue;
      const windowMs = nowMs - before.atMs;
      // Kubernetes reads a pod's CPU as Quantity.MilliValue(), which rounds up.
      const cores = (now.cpuArea - before.cpuArea) / windowMs;
      this.cpu.set(pod, {
        valueMilli: Math.ceil(cores * 1000 - 1e-9),
        timestampMs: nowMs,
        windowMs,
      });
      const perSecond = ((now.served - before.served) * 1000) / windowMs;
      this.rate.set(pod, {
        valueMilli: Math.round(perSecond * 1000),
        timestampMs: nowMs,
        windowMs,
      });
    }
    for (const pod of [...this.last.keys()])
      if (!seen.has(pod)) {
        this.last.delete(pod);
        this.cpu.delete(pod);
        this.rate.delete(pod);
      }
  }

  cpuOf(pod: Pod): PodMetric | undefined {
    return this.cpu.get(pod);
  }

  requestRateOf(pod: Pod): PodMetric | undefined {
    return this.rate.get(pod);
  }
}
