import type { EventHandle } from '../../engine/event-queue.js';
import type { Simulation } from '../../engine/simulation.js';
import { TimeIntegral } from '../../metrics/time-integral.js';
import type { Call } from '../request.js';
import { BurstHeap } from './burst-heap.js';
import type { BurstDone, PodCpu, ThrottlingCounters } from './cpu-scheduler.js';
import { divideCores, sharesFromRequest } from './weighted-share.js';

/**
 * Work (ms at full speed) below which a burst counts as done: float rounding, not CPU.
 * Relative to the tag too, for a pod busy so long that its clock is large.
 */
const DONE_EPSILON_MS = 1e-9;
const DONE_EPSILON_RELATIVE = 1e-12;
/** CPU events happen before other events at the same time (a burst done at t, then t's arrivals). */
const CPU_PRIORITY = -2;

/**
 * One node's CPU as Linux shares it (docs/architecture.md, "The node's CPU"):
 *
 * - Runnable bursts are time-shared (processor sharing, the fluid limit of CFS): every pod
 *   with runnable work gets cores in proportion to its weight (cpu.shares from its CPU
 *   request), at most one core per runnable burst, and what a pod cannot use goes to the
 *   others (weighted-share.ts). Within a pod its bursts share its cores equally.
 * - A CPU limit is a CFS quota: in each period (100 ms by default, the kubelet's
 *   cpuCFSQuotaPeriod) the pod may use limit × period of CPU; when it has, all its bursts
 *   stop until the next period begins (throttling). A limit never adds cores.
 *
 * Cost: no rescheduling of every running burst per event. Each pod keeps a virtual work
 * clock that advances at its per-burst rate; a burst's finish tag is the clock's value when
 * it joined plus its work, so the pod's bursts sit in a heap by tag (O(log n) per arrival
 * or completion), and only the rates change when the node's division changes (O(k log k)
 * for the k pods with work on this node). One event is pending per node: the next
 * completion, quota exhaustion or period boundary.
 */
export class CfsNodeCpu {
  private readonly pods: CfsPodCpu[] = [];
  private readonly demands: number[] = [];
  private readonly weights: number[] = [];
  private readonly shares: number[] = [];
  private readonly finished: Call[] = [];
  private lastUpdateMs = 0;
  /** End of the current quota period: periods are aligned to time 0, one clock per node. */
  private periodEndMs: number;
  private pending: EventHandle = -1;
  private pendingAtMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly sim: Simulation,
    readonly cores: number,
    readonly periodMs: number,
    private readonly done: BurstDone,
  ) {
    this.periodEndMs = periodMs;
  }

  /** A pod placed on this node: its CPU, weighted by its request, with its limit's quota. */
  addPod(requestCores: number, limitCores: number | undefined): CfsPodCpu {
    const pod = new CfsPodCpu(
      this,
      sharesFromRequest(requestCores),
      limitCores === undefined ? Number.POSITIVE_INFINITY : limitCores * this.periodMs,
    );
    this.pods.push(pod);
    this.demands.push(0);
    this.weights.push(pod.weight);
    this.shares.push(0);
    return pod;
  }

  /** A burst joins its pod's runnable set now. */
  enqueue(pod: CfsPodCpu, call: Call, workMs: number): void {
    this.advance(this.sim.now);
    if (pod.bursts.size === 0) pod.activeInPeriod = true;
    pod.bursts.push(pod.virtualWorkMs + workMs, call);
    this.redivide();
  }

  private readonly onEvent = (): void => {
    this.pending = -1;
    this.pendingAtMs = Number.POSITIVE_INFINITY;
    const now = this.sim.now;
    this.advance(now);
    for (const pod of this.pods) {
      while (pod.bursts.size > 0 && isDone(pod.bursts.minTag, pod.virtualWorkMs)) {
        this.finished.push(pod.bursts.pop());
      }
      // Only tags relative to the clock matter: an idle pod's clock restarts at 0.
      if (pod.bursts.size === 0) pod.virtualWorkMs = 0;
      if (!pod.throttled && pod.usedMs >= pod.quotaMs - DONE_EPSILON_MS) pod.throttle(now);
    }
    this.redivide();
    // Tell the request path only now, with the node consistent: it may start new bursts here.
    const finished = this.finished.splice(0);
    for (const call of finished) this.done(call);
  };

  /** Brings every pod's virtual clock and quota use up to `now` at the current rates. */
  private advance(now: number): void {
    const elapsed = now - this.lastUpdateMs;
    if (elapsed > 0) {
      for (let i = 0; i < this.pods.length; i++) {
        const share = this.shares[i]!;
        if (share === 0) continue;
        const pod = this.pods[i]!;
        pod.virtualWorkMs += (share / pod.bursts.size) * elapsed;
        pod.usedMs += share * elapsed;
      }
      this.lastUpdateMs = now;
    }
    if (now >= this.periodEndMs) this.startPeriod(now);
  }

  /**
   * A new quota period: counters for the one that ended, quotas refilled, throttled pods
   * run again. An event is pending at each boundary while any limited pod has work, so no
   * quota use spans two periods; an idle node jumps straight to the current period.
   */
  private startPeriod(now: number): void {
    for (const pod of this.pods) pod.endPeriod(now);
    this.periodEndMs = (Math.floor(now / this.periodMs + 1e-9) + 1) * this.periodMs;
  }

  /** Divides the cores anew and schedules the next moment anything changes. */
  private redivide(): void {
    const { pods, demands, shares } = this;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i]!;
      demands[i] = pod.throttled ? 0 : pod.bursts.size;
    }
    const now = this.sim.now;
    const before = shares.slice();
    divideCores(this.cores, demands, this.weights, shares);
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i]!;
      const share = shares[i]!;
      if (share !== before[i]) pod.busyCores.add(now, share - before[i]!);
      if (share > 0) {
        const perBurst = share / pod.bursts.size;
        next = Math.min(next, now + (pod.bursts.minTag - pod.virtualWorkMs) / perBurst);
        if (pod.quotaMs !== Number.POSITIVE_INFINITY)
          next = Math.min(next, now + (pod.quotaMs - pod.usedMs) / share);
      }
      if (pod.quotaMs !== Number.POSITIVE_INFINITY && (pod.bursts.size > 0 || pod.throttled))
        next = Math.min(next, this.periodEndMs);
    }
    this.scheduleAt(Math.max(next, now));
  }

  private scheduleAt(time: number): void {
    if (time === this.pendingAtMs) return;
    if (this.pending !== -1) this.sim.cancel(this.pending);
    this.pendingAtMs = time;
    this.pending =
      time === Number.POSITIVE_INFINITY
        ? -1
        : this.sim.scheduleAt(time, this.onEvent, undefined, CPU_PRIORITY);
  }
}

function isDone(tag: number, clock: number): boolean {
  return tag - clock <= Math.max(DONE_EPSILON_MS, DONE_EPSILON_RELATIVE * tag);
}

/** One pod's part of a node's CFS scheduler: its weight, quota, bursts and counters. */
export class CfsPodCpu implements PodCpu {
  readonly speed = 1;
  readonly busyCores = new TimeIntegral();
  readonly bursts = new BurstHeap<Call>();
  /** Work each of its bursts has received since the pod's start (a virtual clock). */
  virtualWorkMs = 0;
  /** CPU used in the current period (core-ms). */
  usedMs = 0;
  throttled = false;
  activeInPeriod = false;
  private throttledInPeriod = false;
  private throttledSinceMs = 0;
  readonly throttling: ThrottlingCounters | undefined;

  constructor(
    private readonly node: CfsNodeCpu,
    readonly weight: number,
    /** limit × period in core-ms; Infinity without a limit */
    readonly quotaMs: number,
  ) {
    this.throttling =
      quotaMs === Number.POSITIVE_INFINITY
        ? undefined
        : { periods: 0, throttledPeriods: 0, throttledMs: 0 };
  }

  run(call: Call, workMs: number): void {
    this.node.enqueue(this, call, workMs);
  }

  throttle(now: number): void {
    this.throttled = true;
    this.throttledInPeriod = true;
    this.throttledSinceMs = now;
  }

  endPeriod(now: number): void {
    const counters = this.throttling;
    if (counters === undefined) return;
    if (this.activeInPeriod) counters.periods++;
    if (this.throttledInPeriod) counters.throttledPeriods++;
    if (this.throttled) counters.throttledMs += now - this.throttledSinceMs;
    this.throttled = false;
    this.throttledInPeriod = false;
    this.usedMs = 0;
    this.activeInPeriod = this.bursts.size > 0;
  }
}
