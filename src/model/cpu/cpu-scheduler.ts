import type { CfsCounters } from '../../metrics/run-result.js';
import type { TimeIntegral } from '../../metrics/time-integral.js';
import type { Attempt } from '../traffic/attempt.js';

/** Told when an attempt's CPU burst has had all its CPU. */
export type BurstDone = (attempt: Attempt) => void;

/**
 * What a CPU runs: an attempt's burst, or a proxy's (src/model/mesh/proxy/). The CFS
 * scheduler drops a burst whose phase is CANCELLED when it reaches the top of its heap.
 */
export interface CpuBurst {
  readonly phase: number;
}

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
  /** Runs `workMs` of CPU (measured at the full speed of one core) for the attempt. */
  run(attempt: Attempt, workMs: number): void;
  /**
   * Stops the attempt's burst now, queued for a core or running: it gets no more CPU, its
   * core goes to others, and BurstDone is never told. The attempt is already CANCELLED.
   */
  cancel(attempt: Attempt): void;
  /** CFS bandwidth control counters since the start; undefined where there is no quota. */
  readonly throttling: CfsCounters | undefined;
  /**
   * The pod is gone (its cgroup removed): no burst comes any more. A scheduler that walks
   * its node's pods forgets it once its last burst is done (cfs-node-cpu.ts); a CPU of the
   * pod's own has nothing to forget and leaves this out.
   */
  retire?(): void;
}
