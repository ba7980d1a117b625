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
  private startMs = 0;
  private endMs = 0;

  constructor(private readonly pods: readonly Pod[]) {}

  begin(now: number): void {
    this.startMs = now;
    for (const pod of this.pods) {
      this.startCpu.set(pod, pod.busyCores.areaAt(now));
      this.startWorkers.set(pod, pod.busyWorkers.areaAt(now));
    }
  }

  end(now: number): void {
    this.endMs = now;
    for (const pod of this.pods) {
      this.endCpu.set(pod, pod.busyCores.areaAt(now));
      this.endWorkers.set(pod, pod.busyWorkers.areaAt(now));
    }
  }

  /** Fraction of the pod's cores busy, on average. */
  cpu(pod: Pod): number {
    return this.fraction(this.endCpu.get(pod)! - this.startCpu.get(pod)!, pod.cores);
  }

  /** Fraction of the pod's worker slots held, on average. */
  workers(pod: Pod): number {
    return this.fraction(this.endWorkers.get(pod)! - this.startWorkers.get(pod)!, pod.concurrency);
  }

  /** CPU used in cores (at full speed), on average. */
  coresUsed(pod: Pod): number {
    return this.cpu(pod) * pod.cpuCapacity;
  }

  private fraction(area: number, capacity: number): number {
    const elapsed = this.endMs - this.startMs;
    return elapsed > 0 && capacity > 0 ? area / (capacity * elapsed) : 0;
  }
}
