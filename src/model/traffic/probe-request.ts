import type { Pod } from '../pod.js';
import { Attempt } from './attempt.js';
import type { LogicalCall } from './logical-call.js';

/**
 * A probe is no caller's call: it has no logical call, edge or metrics. Traffic hands a
 * ProbeRequest to its prober before it reads `call`, so nothing reads this.
 */
const NO_CALL = undefined as unknown as LogicalCall;

/**
 * A kubelet's HTTP probe as the application sees it (src/model/cluster/readiness-probe.ts):
 * a request that waits for a worker slot in the pod's queue like any call, then spends its
 * CPU burst. It is an Attempt so that the worker queue and the CPU schedulers carry it as
 * they carry calls; the request path (traffic.ts) serves it and tells `answered`.
 */
export class ProbeRequest extends Attempt {
  constructor(
    pod: Pod,
    /** its CPU time at the full speed of one core */
    readonly workMs: number,
    /** told when the application has answered (the kubelet may have given up already) */
    readonly answered: (probe: ProbeRequest) => void,
  ) {
    super(NO_CALL);
    this.pod = pod;
  }
}
