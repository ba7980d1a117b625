import type { FaultRecord } from '../../metrics/fault-result.js';
import type { LogicalCall } from '../traffic/logical-call.js';

/**
 * When an injected fault is on, and which calls it hits: those into `service`, and with
 * `from`, only those whose caller is a pod of that service (source -> target); a call from
 * the ingress has no caller service. The fault lasts [startMs, endMs).
 */
export class FaultWindow {
  constructor(
    private readonly service: string,
    private readonly from: string | undefined,
    readonly startMs: number,
    readonly endMs: number,
    readonly record: FaultRecord,
  ) {}

  /** Whether the fault is on at `nowMs` and hits this call. */
  hits(call: LogicalCall, nowMs: number): boolean {
    if (nowMs < this.startMs || nowMs >= this.endMs) return false;
    if (call.target.service.name !== this.service) return false;
    if (this.from === undefined) return true;
    return call.parent?.call.target.service.name === this.from;
  }

  /** A call (or invocation) the fault changed: counted in its record. */
  faulted(): void {
    this.record.callsFaulted = (this.record.callsFaulted ?? 0) + 1;
  }
}
