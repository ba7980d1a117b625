import type { EventHandle } from '../../engine/event-queue.js';
import type { Simulation, TimerId } from '../../engine/simulation.js';
import type { CfsCounters } from '../../metrics/run-result.js';
import { TimeIntegral } from '../../metrics/time-integral.js';
import { CANCELLED } from '../traffic/attempt.js';
import { BurstHeap } from './burst-heap.js';
import type { BurstDone, CpuBurst, PodCpu } from './cpu-scheduler.js';
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
 * The smallest quota the kubelet sets, whatever the limit: 1 ms per period (MinQuotaPeriod
 * in Kubernetes' pkg/kubelet/cm/helpers_linux.go, MilliCPUToQuota). Binds below 10m.
 */
const MIN_QUOTA_MS = 1;
/** CfsPodCpu.index of a gone pod its node has forgotten */
const FORGOTTEN = -1;

/**
 * One node's CPU as Linux shares it (docs/architecture.md, "The node's CPU"):
 *
 * - Runnable bursts are time-shared (processor sharing, the fluid limit of CFS): every pod
 *   with runnable work gets cores in proportion to its weight (cpu.shares from its CPU
 *   request), at most one core per runnable burst, and what a pod cannot use goes to the
 *   others (weighted-share.ts). Within a pod its bursts share its cores equally.
 * - A CPU limit is a CFS quota: in each period (100 ms by default, the kubelet's
 *   cpuCFSQuotaPeriod) the pod may use limit × period of CPU; when it has and still has
 *   work, all its bursts stop until the next period begins (throttling). A limit never adds
 *   cores.
 *
 * Cost: no rescheduling of every running burst per event. Each pod keeps a virtual work
 * clock that advances at its per-burst rate; a burst's finish tag is the clock's value when
 * it joined plus its work, so a pod's bursts sit in a heap by tag (O(log n) per arrival or
 * completion) and each pod has one pending event: its next completion or quota exhaustion,
 * a timer of the event queue's (moved in place when a burst joins or leaves: no cancel).
 * While the node has at least as many cores as runnable bursts, every pod gets all it can
 * use and a change in one pod touches no other; only on a contended node does a change
 * divide the cores anew among its k pods (O(k log k)). A node event marks period ends.
 */
export class CfsNodeCpu {
  private readonly pods: CfsPodCpu[] = [];
  private readonly demands: number[] = [];
  private readonly weights: number[] = [];
  private readonly shares: number[] = [];
  /** Runnable bursts of the pods that are not throttled: the cores they could use. */
  private runnable = 0;
  /** whether the last division found more runnable bursts than cores */
  private contended = false;
  /** End of the current quota period: periods are aligned to time 0, one clock per node. */
  private periodEndMs: number;
  private periodEvent: EventHandle = -1;
  /** Bursts finishing at the same event after the first (reused: no array per event). */
  private readonly finishedTies: CpuBurst[] = [];
  /** pods gone (CfsPodCpu.retire) but still in `pods`: forgotten at a period's start */
  private retiredInList = 0;
  /** pods ever added: each pod's place in the order the node walks them */
  private podsAdded = 0;

  constructor(
    private readonly sim: Simulation,
    readonly cores: number,
    readonly periodMs: number,
    private readonly done: BurstDone,
  ) {
    this.periodEndMs = periodMs;
  }

  /**
   * A pod placed on this node: its CPU, weighted by its request, with its limit's quota.
   * A container with bursts of its own (a mesh's proxy) is told of them by `done`.
   */
  addPod(
    requestCores: number,
    limitCores: number | undefined,
    done: (burst: CpuBurst) => void = this.done as (burst: CpuBurst) => void,
  ): CfsPodCpu {
    const pod = new CfsPodCpu(
      this,
      this.sim,
      this.pods.length,
      this.podsAdded++,
      sharesFromRequest(requestCores),
      limitCores === undefined
        ? Number.POSITIVE_INFINITY
        : Math.max(MIN_QUOTA_MS, limitCores * this.periodMs),
      done,
    );
    pod.timer = this.sim.createTimer(this.onPodEvent, pod, CPU_PRIORITY);
    this.pods.push(pod);
    this.demands.push(0);
    this.weights.push(pod.weight);
    this.shares.push(0);
    return pod;
  }

  /** A burst joins its pod's runnable set now. */
  enqueue(pod: CfsPodCpu, attempt: CpuBurst, workMs: number): void {
    if (this.sim.now >= this.periodEndMs) this.rollPeriod();
    if (pod.index === FORGOTTEN) this.remember(pod);
    pod.advance();
    if (pod.runnable === 0) pod.activeInPeriod = true;
    pod.bursts.push(pod.virtualWorkMs + workMs, attempt);
    this.rebalance(pod);
  }

  /**
   * A burst leaves its pod's runnable set now, unfinished (its attempt was cancelled): the
   * work it had is all it gets, its share of the cores goes to the others. O(log n): the
   * heap keeps it until it reaches the top (CfsPodCpu.dropCancelledBurst).
   */
  cancel(pod: CfsPodCpu): void {
    if (this.sim.now >= this.periodEndMs) this.rollPeriod();
    pod.advance();
    pod.dropCancelledBurst();
    if (pod.runnable === 0) pod.virtualWorkMs = 0;
    this.rebalance(pod);
  }

  /** The pod's next completion or quota exhaustion is due. */
  private readonly onPodEvent = (pod: CfsPodCpu): void => {
    pod.pendingAtMs = Number.POSITIVE_INFINITY;
    if (this.sim.now >= this.periodEndMs) this.rollPeriod();
    pod.advance();
    if (pod.runnable === 0 || !pod.topBurstDone()) {
      // Nothing finished: its quota ran out (or rounding brought the event a hair early).
      if (pod.throttleIfSpent()) this.rebalance(pod);
      else this.schedulePod(pod);
      return;
    }
    // Usually one burst finishes; ties (equal work started together) go to a scratch list.
    const first = pod.popBurst();
    const more = this.finishedTies;
    while (pod.runnable > 0 && pod.topBurstDone()) more.push(pod.popBurst());
    // Only tags relative to the clock matter: an idle pod's clock restarts at 0.
    if (pod.runnable === 0) pod.virtualWorkMs = 0;
    this.rebalance(pod);
    // Tell the request path only now, with the node consistent: it may start new bursts here
    // (events are never handled inside one another, so the scratch list is not reentered).
    pod.done(first);
    if (more.length === 0) return;
    const attempts = more.splice(0);
    for (const attempt of attempts) pod.done(attempt);
  };

  /** A quota period ends: counters, quotas refilled, throttled pods run again. */
  private readonly onPeriodEnd = (): void => {
    this.periodEvent = -1;
    this.rollPeriod();
  };

  /**
   * Starts a new quota period: `now` has reached the end of the current one. A period
   * event is pending while any limited pod had work in the period, so every pod's use is
   * brought up to the boundary before quotas refill; an idle node jumps straight to the
   * current period.
   */
  private rollPeriod(): void {
    const now = this.sim.now;
    for (const pod of this.pods) {
      pod.advance();
      pod.endPeriod();
    }
    if (this.retiredInList > 0) this.forgetRetired();
    this.periodEndMs = (Math.floor(now / this.periodMs + 1e-9) + 1) * this.periodMs;
    // Refilled quotas let throttled pods run: their demand comes back.
    this.divide(undefined);
  }

  /** A pod of this node is gone: it is forgotten at a period's start once it is idle. */
  podRetired(): void {
    this.retiredInList++;
  }

  /** Pods in the node's lists: those it has, and gone ones not yet idle at a period's start. */
  get podsListed(): number {
    return this.pods.length;
  }

  /**
   * Drops the gone pods that are idle from the node's lists, so that a period's start and
   * a division walk only the pods the node has, not every pod it ever had (a Deployment
   * rolled every hour for a year places thousands). Only at a period's start, with their
   * counters closed: an idle gone pod then has no share, no demand, no pending event and no
   * part in the period, so forgetting it changes nothing another pod gets, nor the order
   * in which the rest are walked. Its timer's slot stays with it (one per pod ever made).
   */
  private forgetRetired(): void {
    const { pods, weights } = this;
    let kept = 0;
    for (const pod of pods) {
      if (pod.retired && pod.forgettable()) {
        this.retiredInList--;
        pod.index = FORGOTTEN;
        continue;
      }
      pod.index = kept;
      pods[kept] = pod;
      weights[kept] = pod.weight;
      kept++;
    }
    pods.length = kept;
    weights.length = kept;
    this.demands.length = kept;
    this.shares.length = kept;
  }

  /**
   * A forgotten pod has work again (a gone pod's sidecar passing a late response on): back
   * into the lists at its place in the order pods were added, so the walk is as it was.
   */
  private remember(pod: CfsPodCpu): void {
    const { pods } = this;
    let at = pods.length;
    while (at > 0 && pods[at - 1]!.order > pod.order) at--;
    pods.splice(at, 0, pod);
    this.weights.splice(at, 0, pod.weight);
    this.demands.splice(at, 0, 0);
    this.shares.splice(at, 0, 0);
    for (let i = at; i < pods.length; i++) pods[i]!.index = i;
    this.retiredInList++;
  }

  /**
   * The pod's runnable set changed: give it, or everyone, new shares. (No time is passed
   * around here: every step reads the clock, so no number is boxed per call.)
   */
  private rebalance(pod: CfsPodCpu): void {
    pod.throttleIfSpent();
    const demand = pod.throttled ? 0 : pod.runnable;
    this.runnable += demand - pod.demand;
    pod.demand = demand;
    if (!this.contended && this.runnable <= this.cores) {
      // Every pod already gets all it can use: this one alone changes.
      pod.setShare(demand);
      this.schedulePod(pod);
      if (this.periodEvent === -1) this.schedulePeriodEnd(pod);
    } else this.divide(pod);
  }

  /** Divides the cores among all pods anew (weighted-share.ts) and reschedules them. */
  private divide(changed: CfsPodCpu | undefined): void {
    const { pods, demands, shares } = this;
    this.runnable = 0;
    for (const pod of pods) {
      pod.advance();
      pod.throttleIfSpent();
      pod.demand = pod.throttled ? 0 : pod.runnable;
      demands[pod.index] = pod.demand;
      this.runnable += pod.demand;
    }
    divideCores(this.cores, demands, this.weights, shares);
    this.contended = this.runnable > this.cores;
    for (const pod of pods) {
      const share = shares[pod.index]!;
      if (share !== pod.share || pod === changed) {
        pod.setShare(share);
        this.schedulePod(pod);
      }
      if (this.periodEvent === -1) this.schedulePeriodEnd(pod);
    }
  }

  /** Makes sure the pod's event is at its next completion or quota exhaustion. */
  private schedulePod(pod: CfsPodCpu): void {
    const now = this.sim.now;
    // Its next completion, or the moment its quota runs out, at its current share (inline:
    // a number returned from a call that is not inlined is allocated).
    let next = Number.POSITIVE_INFINITY;
    const share = pod.share;
    if (share !== 0) {
      next = now + (pod.bursts.minTag - pod.virtualWorkMs) / pod.rate;
      if (pod.quotaMs !== Number.POSITIVE_INFINITY)
        next = Math.min(next, now + (pod.quotaMs - pod.usedMs) / share);
    }
    // Recomputed from a clock advanced since, an unchanged moment differs in the last bits.
    const pendingAt = pod.pendingAtMs;
    if (next === pendingAt || Math.abs(next - pendingAt) <= roundingMs(Math.min(next, pendingAt)))
      return;
    pod.pendingAtMs = next;
    if (next === Number.POSITIVE_INFINITY) this.sim.clearTimer(pod.timer);
    else this.sim.setTimer(pod.timer, Math.max(next, now));
  }

  /** A quota period that saw work is closed by an event, so its use and counters are exact. */
  private schedulePeriodEnd(pod: CfsPodCpu): void {
    if (this.periodEvent !== -1 || pod.quotaMs === Number.POSITIVE_INFINITY) return;
    if (!pod.activeInPeriod && !pod.throttled) return;
    this.periodEvent = this.sim.scheduleAt(
      this.periodEndMs,
      this.onPeriodEnd,
      undefined,
      CPU_PRIORITY - 1,
    );
  }
}

/**
 * Below this, a difference of times (or of work, which a burst gets at most at the rate of
 * a core) at `ms` is float rounding.
 */
function roundingMs(ms: number): number {
  return Math.max(DONE_EPSILON_MS, DONE_EPSILON_RELATIVE * ms);
}

/** One pod's part of a node's CFS scheduler: its weight, quota, bursts and counters. */
export class CfsPodCpu implements PodCpu {
  readonly speed = 1;
  readonly busyCores = new TimeIntegral();
  /** its bursts by finish tag; a cancelled one stays until it reaches the top */
  readonly bursts = new BurstHeap<CpuBurst>();
  /** cancelled bursts still in the heap, never at its top */
  private cancelledInHeap = 0;
  /** cores it has now */
  share = 0;
  /** what each of its bursts gets: share / runnable bursts */
  rate = 0;
  /** runnable bursts, 0 while throttled: the cores it could use */
  demand = 0;
  /** Work each of its bursts has received while it has had bursts (a virtual clock). */
  virtualWorkMs = 0;
  /** CPU used in the current period (core-ms). */
  usedMs = 0;
  throttled = false;
  activeInPeriod = false;
  /** its pod is gone (retire): its node forgets it once it is idle */
  retired = false;
  /** its next completion or quota exhaustion (set by CfsNodeCpu.addPod) */
  timer: TimerId = -1;
  /** when its timer is armed for; Infinity when it is not */
  pendingAtMs = Number.POSITIVE_INFINITY;
  private lastUpdateMs = 0;
  private throttledInPeriod = false;
  private throttledSinceMs = 0;
  readonly throttling: CfsCounters | undefined;

  constructor(
    private readonly node: CfsNodeCpu,
    private readonly sim: Simulation,
    /** where it is in its node's lists (moves when gone pods before it are forgotten) */
    public index: number,
    /** its place in the order its node's pods were added (the order the node walks them) */
    readonly order: number,
    readonly weight: number,
    /** limit × period in core-ms; Infinity without a limit */
    readonly quotaMs: number,
    /** told when one of its bursts is done */
    readonly done: (burst: CpuBurst) => void,
  ) {
    this.throttling =
      quotaMs === Number.POSITIVE_INFINITY
        ? undefined
        : { periods: 0, throttledPeriods: 0, throttledMs: 0 };
  }

  run(attempt: CpuBurst, workMs: number): void {
    this.node.enqueue(this, attempt, workMs);
  }

  cancel(_attempt: CpuBurst): void {
    this.node.cancel(this);
  }

  retire(): void {
    if (this.retired) return;
    this.retired = true;
    this.node.podRetired();
  }

  /** Idle, with nothing pending and no part in the current period: nothing to keep. */
  forgettable(): boolean {
    // Without a quota it keeps no period counters (activeInPeriod then stays as it was).
    const periodClosed = this.throttling === undefined || !this.activeInPeriod;
    return (
      this.runnable === 0 &&
      this.share === 0 &&
      !this.throttled &&
      periodClosed &&
      this.pendingAtMs === Number.POSITIVE_INFINITY
    );
  }

  /** Bursts that still want CPU. */
  get runnable(): number {
    return this.bursts.size - this.cancelledInHeap;
  }

  /** Takes its burst with the smallest tag (it must have one). */
  popBurst(): CpuBurst {
    const top = this.bursts.pop();
    if (this.cancelledInHeap > 0) this.dropCancelledTops();
    return top;
  }

  /** One of its bursts was cancelled (its attempt is CANCELLED): it no longer counts. */
  dropCancelledBurst(): void {
    this.cancelledInHeap++;
    this.dropCancelledTops();
  }

  /** Keeps the top a live burst, and lets an idle pod's heap go empty. */
  private dropCancelledTops(): void {
    const bursts = this.bursts;
    if (this.runnable === 0) {
      bursts.clear();
      this.cancelledInHeap = 0;
      return;
    }
    while (bursts.top.phase === CANCELLED) {
      bursts.pop();
      this.cancelledInHeap--;
    }
  }

  /**
   * Whether its burst with the smallest tag is done: its remaining work is rounding,
   * relative to its tag or to the time (an event kept although its recomputed moment
   * differs in the last bits, see CfsNodeCpu.schedulePod, may come that early).
   */
  topBurstDone(): boolean {
    const tag = this.bursts.minTag;
    return tag - this.virtualWorkMs <= roundingMs(Math.max(tag, this.sim.now));
  }

  /** Brings its virtual clock and quota use up to now at its current share. */
  advance(): void {
    const now = this.sim.now;
    const elapsed = now - this.lastUpdateMs;
    this.lastUpdateMs = now;
    if (elapsed <= 0 || this.share === 0) return;
    this.virtualWorkMs += this.rate * elapsed;
    this.usedMs += this.share * elapsed;
  }

  /** Its cores from now on; its runnable bursts may have changed too. */
  setShare(share: number): void {
    if (share !== this.share) this.busyCores.add(this.sim.now, share - this.share);
    this.share = share;
    this.rate = share === 0 ? 0 : share / this.runnable;
  }

  /**
   * Throttled when it wants to run and its quota is spent (not merely spent: a pod whose
   * last burst used the last of the quota is idle, not throttled).
   */
  throttleIfSpent(): boolean {
    if (this.throttled || this.runnable === 0) return false;
    if (this.usedMs < this.quotaMs - DONE_EPSILON_MS) return false;
    this.throttled = true;
    this.throttledInPeriod = true;
    this.throttledSinceMs = this.sim.now;
    return true;
  }

  endPeriod(): void {
    this.usedMs = 0;
    const counters = this.throttling;
    if (counters === undefined) return;
    if (this.activeInPeriod) counters.periods++;
    if (this.throttledInPeriod) counters.throttledPeriods++;
    if (this.throttled) counters.throttledMs += this.sim.now - this.throttledSinceMs;
    this.throttled = false;
    this.throttledInPeriod = false;
    this.activeInPeriod = this.runnable > 0;
  }
}
