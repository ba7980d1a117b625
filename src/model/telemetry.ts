import type { Simulation } from '../engine/simulation.js';
import type { CallStats } from '../metrics/call-stats.js';
import type { PodCensus, PodCount } from '../metrics/ledger/pod-census.js';
import { PodSeriesRecorder } from '../metrics/ledger/pod-series.js';
import type { WindowMetrics } from '../metrics/run-result.js';
import { type TimeSeries, TimeSeriesRecorder } from '../metrics/time-series.js';
import { cpuUseOf } from './cpu-use.js';
import type { Pod } from './pod.js';
import type { Topology } from './topology.js';

/** A window closes before anything else happens at its end time: an arrival exactly on a
 * boundary belongs to the window it opens, as the headline metrics count it. */
const WINDOW_PRIORITY = -1;

interface Scope {
  name: string;
  stats: CallStats;
  /** its pods now: those added during the run (a scale, a replacement) included */
  pods: () => readonly Pod[];
  /** the scope's pods by version and phase now, from the ledgers' census; none for a function */
  census: (() => readonly PodCount[]) | undefined;
  /** Issue 13: a function's instances alive now, its "ready pods" (its pods are on no node) */
  instances?: () => number;
}

/**
 * The time series: every `windowMs` from time 0 it records one row for all traffic and one
 * per service (rate, outcomes, latency, ready pods, CPU utilization), then resets the
 * window counters. It runs through warm-up and drain: the transient is part of the story.
 * A window that repeats the one before it (a quiet stretch) is counted, not stored
 * (TimeSeriesRecorder), so memory follows the windows in which something happened.
 */
export class Telemetry {
  private readonly recorder: TimeSeriesRecorder;
  /** pods by version and phase per scope, when they change (src/metrics/ledger/) */
  readonly podSeries = new PodSeriesRecorder();
  private readonly scopes: Scope[];
  private windowStart = 0;
  /** each pod's CPU area (core-ms at full speed) when the current window opened; none: 0 */
  private readonly areaAtWindowStart = new Map<Pod, number>();
  private readonly allPods: () => Pod[];

  constructor(
    private readonly sim: Simulation,
    topology: Topology,
    totals: CallStats,
    private readonly windowMs: number,
    census: PodCensus,
    /** Issue 13: a run with functions gives each its row, after the services' */
    functionInstances?: (name: string) => number,
  ) {
    const services = [...topology.services.values()];
    this.allPods = () => services.flatMap((s) => s.pods);
    this.scopes = [
      { name: 'total', stats: totals, pods: this.allPods, census: () => census.total() },
      ...services.map((s) => ({
        name: s.name,
        stats: s.stats,
        pods: () => s.pods,
        census: () => census.of(s.name),
      })),
      ...functionScopes(topology, functionInstances),
    ];
    this.recorder = new TimeSeriesRecorder(windowMs);
  }

  get timeSeries(): TimeSeries {
    return this.recorder.series;
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
    const areaNow = new Map<Pod, number>();
    for (const pod of this.allPods()) areaNow.set(pod, cpuArea(pod, now));
    const coresUsed = (pod: Pod) =>
      (areaNow.get(pod)! - (this.areaAtWindowStart.get(pod) ?? 0)) / elapsed;
    const window: WindowMetrics[] = [];
    for (const scope of this.scopes) {
      const { stats } = scope;
      const ready = scope.pods().filter((pod) => pod.ready);
      const cpu = cpuUseOf(ready, coresUsed);
      const readyPods = scope.instances?.() ?? ready.length;
      window.push({
        startMs: this.windowStart,
        scope: scope.name,
        requests: stats.windowArrivals,
        succeeded: stats.windowSucceeded,
        failed: stats.windowFailed,
        meanMs: stats.windowLatency?.meanMs ?? null,
        p99Ms: stats.windowLatency?.quantileMs(99) ?? null,
        readyPods,
        cpuCoresUsed: cpu.coresUsed,
        cpuRequestUtilization: cpu.requestUtilization,
      });
      if (scope.census !== undefined)
        this.podSeries.add(this.windowStart, scope.name, scope.census());
      stats.resetWindow();
    }
    this.recorder.add(window);
    for (const [pod, area] of areaNow) this.areaAtWindowStart.set(pod, area);
    this.windowStart = now;
  }
}

/**
 * Issue 13: each function's row in the time series (docs/serverless.md, "Metrics"): its
 * calls as a service's (throttled ones fail at once), its instances alive as ready pods, no
 * node CPU (0), and no row in timeseries_pods.csv (its instances have no pod phases).
 */
function functionScopes(
  topology: Topology,
  instances: ((name: string) => number) | undefined,
): Scope[] {
  if (instances === undefined) return [];
  return [...topology.functions.values()].map((fn) => ({
    name: fn.name,
    stats: fn.stats,
    pods: () => [],
    census: undefined,
    instances: () => instances(fn.name),
  }));
}

/** CPU time the pod used up to `now`, in core-milliseconds at full speed. */
function cpuArea(pod: Pod, now: number): number {
  return pod.busyCores.areaAt(now);
}
