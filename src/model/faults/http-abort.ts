import { roll } from '../mesh/routing/route-table.js';
import type { FaultWindow } from './fault-window.js';

/**
 * A share of the calls into a service answered with an HTTP status instead of being served:
 * Istio's HTTPFaultInjection abort (`percentage`, `httpStatus`), the same roll and outcome as
 * the mesh's route fault (src/model/mesh/routing/route-table.ts): the attempt ends at once
 * with cause `fault_abort` and never reaches a pod. Unlike the mesh's, it needs no mesh, hits
 * every attempt (a retry too: a server-side injector sees each one, where Envoy's fault
 * filter runs once per call, before the router retries) and lasts only its window.
 */
export class HttpAbort {
  constructor(
    readonly window: FaultWindow,
    private readonly share: number,
    readonly httpStatus: number,
    private readonly next: () => number,
  ) {}

  /** Whether this attempt is aborted: drawn only when the share is neither 0 nor 1. */
  aborts(): boolean {
    return roll(this.share, this.next);
  }
}
