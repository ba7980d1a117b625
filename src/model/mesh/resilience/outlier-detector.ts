import type { Simulation } from '../../../engine/simulation.js';
import { failureCauseInfo } from '../../../metrics/failure-causes.js';
import type { FailureCause } from '../../../metrics/run-result.js';
import type { Pod } from '../../pod.js';
import { isGatewayError } from './retry-conditions.js';

export interface OutlierSettings {
  /** 0: off */
  readonly consecutive5xx: number;
  readonly consecutiveGateway: number;
  readonly intervalMs: number;
  readonly baseEjectionMs: number;
  readonly maxEjectionMs: number;
  readonly maxEjectionPercent: number;
  readonly alwaysEjectOneHost: boolean;
  /** below this percent of a cluster's pods in service, it balances over all of them (panic) */
  readonly minHealthPercent: number;
}

/** What one caller's detector knows of one pod (Envoy's DetectorHostMonitorImpl). */
class HostMonitor {
  consecutive5xx = 0;
  consecutiveGateway = 0;
  ejected = false;
  ejectedAt = 0;
  /** Envoy's ejectTimeBackoff: the ejection lasts base × this; down by one per quiet sweep */
  backoff = 0;
  /** when it last came back; -1: never ejected */
  returnedAt = -1;
}

export type EjectionKind = 'detected' | 'enforced';

/**
 * Outlier detection in one caller's proxy for one service, as Envoy's DetectorImpl
 * (source/common/upstream/outlier_detection_impl.cc):
 * - each response counts against its pod: a 5xx (a failed connect, a reset or a per-try
 *   timeout counts as its 503 or 504) adds to the consecutive 5xx count, anything else
 *   resets it; a 502/503/504 adds to the consecutive gateway-error count. Reaching a
 *   threshold is a detection, at once (Envoy posts it to the main thread), and resets it.
 * - a detection is enforced (the pod ejected) only if the ejected pods, this one included,
 *   stay within maxEjectionPercent of the cluster's pods (with subsets, the version's):
 *   100 × (ejected + 1) / pods ≤ percent; so at
 *   the default 10% a caller that sees fewer than 10 pods ejects none, unless
 *   alwaysEjectOneHost (then one may be ejected when none is). Envoy before 1.27 compared
 *   the share before this ejection (ejected / pods < percent), which always let one go.
 * - an ejected pod returns at the first sweep (every `interval` from the detector's start)
 *   at which min(base × backoff, max) has passed since its ejection; backoff goes up by one
 *   per ejection and down by one per sweep it spends back in service (after the first
 *   interval), so a pod ejected again soon stays out longer.
 * Sweeps are not events: a return is scheduled at its sweep, and the sweeps a pod spent
 * back in service are counted when it is next ejected.
 */
export class OutlierDetector {
  private readonly monitors = new Map<Pod, HostMonitor>();
  private ejectedCount = 0;
  /** changes whenever a pod is ejected or returns: the filtered pod list is rebuilt */
  version = 0;
  private readonly startedAt: number;

  constructor(
    private readonly sim: Simulation,
    readonly settings: OutlierSettings,
    private readonly onEjection: (kind: EjectionKind, measured: boolean) => void,
  ) {
    this.startedAt = sim.now;
  }

  isEjected(pod: Pod): boolean {
    return this.monitors.get(pod)?.ejected === true;
  }

  get ejected(): number {
    return this.ejectedCount;
  }

  /**
   * A response (or a per-try timeout) from `pod`; `hosts`: the pods of the Envoy cluster the
   * call went to, as this caller sees them (with subsets, the call's version's: Istio makes a
   * cluster per subset, each with its own detector and its own share of ejections).
   */
  observe(
    pod: Pod,
    failure: FailureCause | undefined,
    hosts: readonly Pod[],
    measured: boolean,
  ): void {
    let monitor = this.monitors.get(pod);
    if (monitor === undefined) {
      monitor = new HostMonitor();
      this.monitors.set(pod, monitor);
    }
    if (monitor.ejected) return;
    const status = failure === undefined ? 200 : failureCauseInfo(failure).httpStatus;
    const { consecutive5xx, consecutiveGateway } = this.settings;
    monitor.consecutive5xx = status >= 500 ? monitor.consecutive5xx + 1 : 0;
    monitor.consecutiveGateway = isGatewayError(status) ? monitor.consecutiveGateway + 1 : 0;
    if (consecutive5xx > 0 && monitor.consecutive5xx >= consecutive5xx) {
      monitor.consecutive5xx = 0;
      this.detected(pod, monitor, hosts, measured);
    } else if (consecutiveGateway > 0 && monitor.consecutiveGateway >= consecutiveGateway) {
      monitor.consecutiveGateway = 0;
      this.detected(pod, monitor, hosts, measured);
    }
  }

  private detected(pod: Pod, monitor: HostMonitor, hosts: readonly Pod[], measured: boolean): void {
    this.onEjection('detected', measured);
    const { maxEjectionPercent, alwaysEjectOneHost } = this.settings;
    let ejected = 0;
    for (const host of hosts) if (this.isEjected(host)) ejected++;
    const within = (100 * (ejected + 1)) / hosts.length <= maxEjectionPercent;
    if (!within && !(alwaysEjectOneHost && ejected === 0)) return;
    this.onEjection('enforced', measured);
    this.eject(pod, monitor);
  }

  private eject(pod: Pod, monitor: HostMonitor): void {
    const now = this.sim.now;
    const { baseEjectionMs, maxEjectionMs } = this.settings;
    monitor.backoff = Math.max(0, monitor.backoff - this.quietSweeps(monitor, now));
    monitor.ejected = true;
    monitor.ejectedAt = now;
    if (monitor.backoff * baseEjectionMs < maxEjectionMs + baseEjectionMs) monitor.backoff++;
    this.ejectedCount++;
    this.version++;
    const ejectionMs = Math.min(baseEjectionMs * monitor.backoff, maxEjectionMs);
    // A sweep at t comes before the calls at t: a pod due back at t serves them.
    const sweep = this.sweepAtOrAfter(now + ejectionMs);
    this.sim.scheduleAt(sweep, returnPod, { detector: this, pod }, -1);
  }

  /** Sweeps since the pod came back, at least one interval after it did (Envoy's decrement). */
  private quietSweeps(monitor: HostMonitor, now: number): number {
    if (monitor.returnedAt < 0) return 0;
    const from = this.sweepAtOrAfter(monitor.returnedAt + this.settings.intervalMs);
    if (from > now) return 0;
    return Math.floor((now - from) / this.settings.intervalMs) + 1;
  }

  private sweepAtOrAfter(time: number): number {
    const { intervalMs } = this.settings;
    const sweeps = Math.ceil((time - this.startedAt) / intervalMs - 1e-9);
    return this.startedAt + Math.max(1, sweeps) * intervalMs;
  }

  /** Envoy's unejectHost: back in service, its consecutive counts reset. */
  returned(pod: Pod): void {
    const monitor = this.monitors.get(pod)!;
    monitor.ejected = false;
    monitor.returnedAt = this.sim.now;
    monitor.consecutive5xx = 0;
    monitor.consecutiveGateway = 0;
    this.ejectedCount--;
    this.version++;
  }
}

const returnPod = ({ detector, pod }: { detector: OutlierDetector; pod: Pod }): void =>
  detector.returned(pod);
