import type { Simulation } from '../engine/simulation.js';
import type { CallStats } from '../metrics/call-stats.js';
import type { WindowMetrics } from '../metrics/run-result.js';
import { poolCapacity } from './cpu-pool.js';
import type { Pod } from './pod.js';
import type { Topology } from './topology.js';

/** A window closes before anything else happens at its end time: an arrival exactly on a
 * boundary belongs to the window it opens, as the headline metrics count it. */
const WINDOW_PRIORITY = -1;

interface Scope {
  name: string;
  stats: CallStats;
  pods: readonly Pod[];
  lastBusyArea: number;
}

/**
 * The time series: every `windowMs` from time 0 it records one row for all traffic and one
 * per service (rate, outcomes, latency, ready pods, CPU utilization), then resets the
 * window counters. It runs through warm-up and drain: the transient is part of the story.
 */
export class Telemetry {
  readonly windows: WindowMetrics[] = [];
  private readonly scopes: Scope[];
  private windowStart = 0;

  constructor(
    private readonly sim: Simulation,
    topology: Topology,
    totals: CallStats,
    private readonly windowMs: number,
  ) {
    const allPods = [...topology.services.values()].flatMap((s) => s.pods);
    this.scopes = [
      { name: 'total', stats: totals, pods: allPods, lastBusyArea: 0 },
      ...[...topology.services.values()].map((s) => ({
        name: s.name,
        stats: s.stats,
        pods: s.pods,
        lastBusyArea: 0,
      })),
    ];
  }

  start(): void {
    this.sim.schedule(this.windowMs, this.tick, undefined, WINDOW_PRIORITY);
  }

  /** Closes the last, possibly partial, window when the run ends. */
  finish(): void {
    if (this.sim.now > this.windowStart) this.record(this.sim.now);
  }

  private readonly tick = (): void => {
    this.record(this.sim.now);
    this.sim.schedule(this.windowMs, this.tick, undefined, WINDOW_PRIORITY);
  };

  private record(now: number): void {
    const elapsed = now - this.windowStart;
    for (const scope of this.scopes) {
      const busyArea = cpuBusyArea(scope.pods, now);
      const capacity = poolCapacity(scope.pods);
      const { stats } = scope;
      this.windows.push({
        startMs: this.windowStart,
        scope: scope.name,
        requests: stats.windowArrivals,
        succeeded: stats.windowSucceeded,
        failed: stats.windowFailed,
        meanMs: stats.windowLatency?.meanMs ?? 0,
        p99Ms: stats.windowLatency?.quantileMs(99) ?? 0,
        readyPods: scope.pods.filter((pod) => pod.ready).length,
        cpuUtilization: capacity > 0 ? (busyArea - scope.lastBusyArea) / (capacity * elapsed) : 0,
      });
      scope.lastBusyArea = busyArea;
      stats.resetWindow();
    }
    this.windowStart = now;
  }
}

/** CPU time used by the pods up to `now`, in core-milliseconds at full speed. */
export function cpuBusyArea(pods: readonly Pod[], now: number): number {
  let area = 0;
  for (const pod of pods) area += pod.busyCores.areaAt(now) * pod.coreSpeed;
  return area;
}
