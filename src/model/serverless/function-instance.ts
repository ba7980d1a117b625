import type { Pod } from '../pod.js';
import type { Attempt } from '../traffic/attempt.js';

/**
 * One execution environment of a function: a pod of one worker slot (one request at a time)
 * whose calls leave from it, so its clients and connections are its own (a new instance has
 * none). It is ready once its init is over; provisioned ones are ready from the start.
 */
export class FunctionInstance {
  /** the invocation it serves; undefined while idle */
  attempt: Attempt | undefined = undefined;
  /** the current invocation is its first: a cold start (its init may still be 0 ms) */
  cold = false;
  /** the init (or restore) the current invocation waited for; 0 when it found it warm */
  initMs = 0;
  /** its reclaim after keep-alive, while idle */
  expiry = -1;
  /** the current invocation's timeout */
  timeout = -1;
  /** when its current invocation began running, initialized (function_metrics.csv's busy) */
  busySince = 0;
  /** recycled when its invocation ends (it timed out: Lambda resets the environment) */
  doomed = false;

  constructor(
    readonly pod: Pod,
    readonly createdAt: number,
    /** when its init ends */
    readonly readyAt: number,
    readonly provisioned: boolean,
    /** its init is a restore from a snapshot (SnapStart) */
    readonly restored: boolean,
  ) {}
}
