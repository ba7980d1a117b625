import type { FunctionMetrics, FunctionMinute } from '../../metrics/function-result.js';
import { LatencyRecorder } from '../../metrics/latency-recorder.js';
import { MinuteAreas } from '../../metrics/minute-areas.js';
import type { Statistic } from '../../metrics/run-result.js';

const MINUTE_MS = 60_000;

/** One minute's counters of one function, CloudWatch-style. */
interface Minute {
  invocations: number;
  errors: number;
  throttles: number;
  durationSumMs: number;
  durationMaxMs: number;
  concurrencyMax: number;
  provisionedBusyMax: number;
}

/** What one invocation was, when it ends. */
export interface InvocationEnd {
  durationMs: number;
  /** the invocation started its instance */
  cold: boolean;
  initMs: number;
  failed: boolean;
  measured: boolean;
}

/**
 * One function's statistics: totals and histograms over the measured period (functions.csv),
 * counters per minute of the whole run (function_metrics.csv), and the running peaks.
 */
export class FunctionStats {
  invocations = 0;
  coldStarts = 0;
  throttles = 0;
  gatewayThrottles = 0;
  errors = 0;
  gatewayRequests = 0;
  peakInstances = 0;
  peakConcurrency = 0;
  private initSumMs = 0;
  private durationSumMs = 0;
  private readonly durations = new LatencyRecorder(3);
  private readonly inits = new LatencyRecorder(3);
  private readonly minutes: Minute[] = [];
  /** the levels now, carried into minutes in which they do not change */
  private concurrency = 0;
  private provisionedBusy = 0;
  private readonly instancesLevel: WindowedLevel;
  private readonly concurrencyLevel: WindowedLevel;
  /** instance-time per minute, alive and in two of its states (idle is the rest) */
  private readonly aliveTime = new MinuteAreas();
  private readonly initTime = new MinuteAreas();
  private readonly busyTime = new MinuteAreas();

  constructor(
    readonly provisioned: number,
    /** the measured period, [warmup, duration): the time averages cover it */
    window: { startMs: number; endMs: number },
  ) {
    this.instancesLevel = new WindowedLevel(window.startMs, window.endMs);
    this.concurrencyLevel = new WindowedLevel(window.startMs, window.endMs);
  }

  ended(now: number, end: InvocationEnd): void {
    const minute = this.minute(now);
    minute.invocations++;
    if (end.failed) minute.errors++;
    minute.durationSumMs += end.durationMs;
    minute.durationMaxMs = Math.max(minute.durationMaxMs, end.durationMs);
    if (!end.measured) return;
    this.invocations++;
    if (end.failed) this.errors++;
    this.durationSumMs += end.durationMs;
    this.durations.record(end.durationMs);
    if (end.cold) {
      this.coldStarts++;
      this.initSumMs += end.initMs;
      this.inits.record(end.initMs);
    }
  }

  throttled(now: number, measured: boolean, byGateway: boolean): void {
    this.minute(now).throttles++;
    if (!measured) return;
    if (byGateway) this.gatewayThrottles++;
    else this.throttles++;
  }

  /** An instance was alive over [fromMs, toMs): told when it goes, or when the run ends. */
  lived(fromMs: number, toMs: number): void {
    this.aliveTime.add(fromMs, toMs);
  }

  /** An instance initializes over [fromMs, toMs): told when it starts (its end is fixed then). */
  initializing(fromMs: number, toMs: number): void {
    this.initTime.add(fromMs, toMs);
  }

  /** The run ended at `endMs` with an instance still in its init: the rest of it never was. */
  initCutShort(endMs: number, readyAt: number): void {
    this.initTime.add(endMs, readyAt, -1);
  }

  /** An initialized instance ran an invocation over [fromMs, toMs): told when it ends. */
  served(fromMs: number, toMs: number): void {
    this.busyTime.add(fromMs, toMs);
  }

  /** The function's concurrent executions (and its provisioned instances' busy) changed. */
  levels(now: number, concurrency: number, provisionedBusy: number, instances: number): void {
    this.concurrency = concurrency;
    this.provisionedBusy = provisionedBusy;
    this.instancesLevel.set(now, instances);
    this.concurrencyLevel.set(now, concurrency);
    const minute = this.minute(now);
    minute.concurrencyMax = Math.max(minute.concurrencyMax, concurrency);
    minute.provisionedBusyMax = Math.max(minute.provisionedBusyMax, provisionedBusy);
    this.peakConcurrency = Math.max(this.peakConcurrency, concurrency);
    this.peakInstances = Math.max(this.peakInstances, instances);
  }

  /** The minute `now` falls in; the minutes before it that saw nothing carry the levels on. */
  private minute(now: number): Minute {
    const index = Math.floor(now / MINUTE_MS);
    while (this.minutes.length <= index)
      this.minutes.push({
        invocations: 0,
        errors: 0,
        throttles: 0,
        durationSumMs: 0,
        durationMaxMs: 0,
        concurrencyMax: this.concurrency,
        provisionedBusyMax: this.provisionedBusy,
      });
    return this.minutes[index]!;
  }

  metrics(
    config: Pick<
      FunctionMetrics,
      'function' | 'runtime' | 'memoryMb' | 'architecture' | 'gatewayApi'
    >,
  ): FunctionMetrics {
    const n = this.invocations;
    const durations = this.durations.summary();
    const busyMs = this.initSumMs + this.durationSumMs;
    return {
      ...config,
      invocations: n,
      coldStarts: this.coldStarts,
      coldShare: n > 0 ? this.coldStarts / n : null,
      throttles: this.throttles,
      gatewayThrottles: this.gatewayThrottles,
      errors: this.errors,
      durationMeanMs: n > 0 ? this.durationSumMs / n : null,
      durationP50Ms: durations.p50Ms,
      durationP99Ms: durations.p99Ms,
      durationMaxMs: durations.maxMs,
      initMeanMs: this.coldStarts > 0 ? this.initSumMs / this.coldStarts : null,
      initP99Ms: this.inits.quantileMs(99),
      initShareOfLatency: n > 0 && busyMs > 0 ? this.initSumMs / busyMs : null,
      peakInstances: this.peakInstances,
      peakConcurrency: this.peakConcurrency,
      meanInstances: this.instancesLevel.mean(),
      meanConcurrency: this.concurrencyLevel.mean(),
      provisionedConcurrency: this.provisioned,
      gatewayRequests: this.gatewayRequests,
    };
  }

  get instancesNow(): number {
    return this.instancesLevel.current;
  }

  /** Its row as a service (result.ts): instances alive now, and their busy share of the period. */
  instancesView(): { instancesAtEnd: number; busyShare: Statistic } {
    const alive = this.instancesLevel.mean();
    return {
      instancesAtEnd: this.instancesNow,
      busyShare: alive > 0 ? this.concurrencyLevel.mean() / alive : null,
    };
  }

  /** Every minute from the run's start to `endMs` (the last one partial). */
  perMinute(name: string, endMs: number): FunctionMinute[] {
    if (endMs > 0) this.minute(Math.max(0, endMs - 1e-9));
    return this.minutes.map((m, index) => ({
      function: name,
      startS: index * 60,
      invocations: m.invocations,
      errors: m.errors,
      throttles: m.throttles,
      durationAvgMs: m.invocations > 0 ? m.durationSumMs / m.invocations : null,
      durationMaxMs: m.invocations > 0 ? m.durationMaxMs : null,
      concurrentExecutionsMax: m.concurrencyMax,
      provisionedUtilizationMax: utilization(m.provisionedBusyMax, this.provisioned),
      ...this.instanceStates(index, endMs),
    }));
  }

  /**
   * The minute's instances by state, time averages: initializing (its init or restore),
   * busy (running an invocation, initialized), idle (the rest of the time alive).
   */
  private instanceStates(
    index: number,
    endMs: number,
  ): Pick<FunctionMinute, 'instancesBusyMean' | 'instancesIdleMean' | 'instancesInitializingMean'> {
    const lengthMs = Math.min(MINUTE_MS, endMs - index * MINUTE_MS);
    if (lengthMs <= 0)
      return { instancesBusyMean: 0, instancesIdleMean: 0, instancesInitializingMean: 0 };
    const init = this.initTime.areaMs(index);
    const busy = this.busyTime.areaMs(index);
    const idle = Math.max(0, this.aliveTime.areaMs(index) - init - busy);
    return {
      instancesBusyMean: busy / lengthMs,
      instancesIdleMean: idle / lengthMs,
      instancesInitializingMean: init / lengthMs,
    };
  }

  dispose(): void {
    this.durations.dispose();
    this.inits.dispose();
  }
}

function utilization(busy: number, provisioned: number): Statistic {
  return provisioned > 0 ? busy / provisioned : null;
}

/**
 * The time average of a level that changes in steps, over a window [startMs, endMs): only
 * the part of each step inside the window counts.
 */
class WindowedLevel {
  private level = 0;
  private since = 0;
  private area = 0;

  constructor(
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  get current(): number {
    return this.level;
  }

  set(now: number, level: number): void {
    this.area += this.level * overlap(this.since, now, this.startMs, this.endMs);
    this.since = now;
    this.level = level;
  }

  mean(): number {
    const area = this.area + this.level * overlap(this.since, this.endMs, this.startMs, this.endMs);
    return area / (this.endMs - this.startMs);
  }
}

function overlap(from: number, to: number, start: number, end: number): number {
  return Math.max(0, Math.min(to, end) - Math.max(from, start));
}
