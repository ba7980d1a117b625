import type { Simulation } from '../../../engine/simulation.js';
import type { BurstDone } from '../../cpu/cpu-scheduler.js';
import { Pod } from '../../pod.js';
import type { Attempt } from '../../traffic/attempt.js';
import { CANCELLED } from '../../traffic/attempt.js';
import type { FunctionInvoker, InvokeDispatch } from '../function-pool.js';
import { DelayCpu } from './delay-cpu.js';

/**
 * Where a producer's call lands: the regional endpoint of SQS (SendMessage) or of Lambda
 * (Invoke, InvocationType Event). One pod of unbounded concurrency whose work is the API's
 * own latency (DelayCpu); a call that completes there has put its message in the queue
 * (`accepted`, told before the response travels back), one cancelled on its way has not.
 */
export class ApiFront implements FunctionInvoker {
  readonly pod: Pod;

  constructor(
    sim: Simulation,
    name: string,
    zone: string,
    cpuDone: BurstDone,
    private readonly accepted: (measured: boolean) => void,
  ) {
    this.pod = new Pod(
      `${name}-api`,
      name,
      'regional',
      zone,
      Number.MAX_SAFE_INTEGER,
      0,
      new DelayCpu(sim, cpuDone),
      0,
      undefined,
    );
  }

  /** SQS and Lambda's Invoke API answer by themselves: no gateway waits on them. */
  integrationTimeoutMs(): undefined {
    return undefined;
  }

  invoke(attempt: Attempt, dispatch: InvokeDispatch): void {
    dispatch(attempt, this.pod, 'direct', 0);
  }

  ended(attempt: Attempt, ran: boolean): void {
    if (!ran || attempt.phase === CANCELLED || attempt.failure !== undefined) return;
    this.accepted(attempt.call.request.measured);
  }
}
