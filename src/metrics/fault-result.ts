/** One fault of a run as faults.csv reports it (docs/faults.md, "Outputs"). */
export interface FaultRecord {
  /** podCrashes, nodeFailure, zoneOutage, networkDelay, networkLoss, httpAbort, functionDelay or functionError */
  readonly kind: string;
  /** the service, node or zone it hits */
  readonly target: string;
  readonly startMs: number;
  /** when it ended: its duration's end, or the end of the run */
  readonly endMs: number;
  /** distinct pods it hit: crashed, or on the failed nodes when they failed */
  podsAffected: number;
  /** container crashes it caused (podCrashes); 0 for the others */
  crashes: number;
  /** measured requests that failed and ended while it lasted */
  requestsFailed: number;
  /**
   * Faults on calls and invocations only: the attempts it changed (delayed, aborted, with a
   * lost segment; invocations delayed or errored), measured or not
   */
  callsFaulted?: number;
}

/** A run's faults and its steady-state verdict (RunResult.faults); absent without faults. */
export interface FaultsResult {
  readonly faults: FaultRecord[];
  readonly steadyState?: SteadyStateVerdict;
}

/** Whether the steady-state hypothesis held in every window (docs/faults.md). */
export interface SteadyStateVerdict {
  readonly held: boolean;
  /** windows with at least one request, the ones judged */
  readonly windows: number;
  readonly broken: BrokenWindow[];
}

export interface BrokenWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** the window's share of requests that succeeded */
  readonly availability: number;
  /** its successful requests' p99 latency; absent when none succeeded */
  readonly p99Ms?: number;
}
