import type { TimeIntegral } from '../../metrics/time-integral.js';
import type { Call } from '../request.js';

/** Told when a call's CPU burst has had all its CPU. */
export type BurstDone = (call: Call) => void;

/**
 * The CPU one pod's work runs on, as the request path sees it: hand it a burst, be told
 * when it is done. Two implementations: the node's CFS scheduler (cfs-node-cpu.ts, the
 * default) and FIFO cores (fifo-cpu.ts, for textbook queueing comparisons).
 */
export interface PodCpu {
  /** How fast the pod's bursts run when nothing else competes: 1, or a FIFO slow core's. */
  readonly speed: number;
  /** Cores (at full speed) the pod is using, over time: its CPU use. */
  readonly busyCores: TimeIntegral;
  /** Runs `workMs` of CPU (measured at the full speed of one core) for the call. */
  run(call: Call, workMs: number): void;
  /** CFS bandwidth control counters; undefined where there is no quota. */
  readonly throttling: ThrottlingCounters | undefined;
}

/**
 * What the kernel counts per cgroup for CFS bandwidth control (cpu.stat), under cAdvisor's
 * names: container_cpu_cfs_periods_total (periods in which the container had runnable
 * work), container_cpu_cfs_throttled_periods_total (periods in which its quota ran out) and
 * container_cpu_cfs_throttled_seconds_total (time it was throttled, here in ms).
 */
export interface ThrottlingCounters {
  periods: number;
  throttledPeriods: number;
  throttledMs: number;
}
