import { ratio } from '../metrics/ratio.js';
import type { CfsCounters, Statistic } from '../metrics/run-result.js';
import type { Pod } from './pod.js';

/**
 * Pod utilization over the measured period [warm-up, duration]: busy areas are read at
 * both ends and differenced, so the start-up transient does not dilute the figures.
 */
export class UtilizationWindow {
  private readonly startCpu = new Map<Pod, number>();
  private readonly startWorkers = new Map<Pod, number>();
  private readonly endCpu = new Map<Pod, number>();
  private readonly endWorkers = new Map<Pod, number>();
  private readonly startCfs = new Map<Pod, CfsCounters>();
  private readonly endCfs = new Map<Pod, CfsCounters>();
  private startMs = 0;
  private endMs = 0;

  constructor(private readonly pods: readonly Pod[]) {}

  begin(now: number): void {
    this.startMs = now;
    for (const pod of this.pods) {
      this.startCpu.set(pod, pod.busyCores.areaAt(now));
      this.startWorkers.set(pod, pod.busyWorkers.areaAt(now));
      if (pod.cpu.throttling !== undefined) this.startCfs.set(pod, { ...pod.cpu.throttling });
    }
  }

  end(now: number): void {
    this.endMs = now;
    for (const pod of this.pods) {
      this.endCpu.set(pod, pod.busyCores.areaAt(now));
      this.endWorkers.set(pod, pod.busyWorkers.areaAt(now));
      if (pod.cpu.throttling !== undefined) this.endCfs.set(pod, { ...pod.cpu.throttling });
    }
  }

  /** CFS counters over the measured period; null without a quota. */
  cfs(pod: Pod): CfsCounters | null {
    const start = this.startCfs.get(pod);
    const end = this.endCfs.get(pod);
    if (start === undefined || end === undefined) return null;
    return {
      periods: end.periods - start.periods,
      throttledPeriods: end.throttledPeriods - start.throttledPeriods,
      throttledMs: end.throttledMs - start.throttledMs,
    };
  }

  /** CPU the pod used, in cores at full speed, on average. */
  // A pod bound during the run after the window began had used nothing before it (0), and
  // one bound after it ended used nothing in it.
  readonly coresUsed = (pod: Pod): number =>
    this.perMs((this.endCpu.get(pod) ?? 0) - (this.startCpu.get(pod) ?? 0));

  /** Worker slots the pod held, on average. */
  workersBusy(pod: Pod): number {
    return this.perMs((this.endWorkers.get(pod) ?? 0) - (this.startWorkers.get(pod) ?? 0));
  }

  /** Fraction of the pod's worker slots held, on average. */
  workers(pod: Pod): Statistic {
    return ratio(this.workersBusy(pod), pod.concurrency);
  }

  private perMs(area: number): number {
    const elapsed = this.endMs - this.startMs;
    return elapsed > 0 ? area / elapsed : 0;
  }
}
