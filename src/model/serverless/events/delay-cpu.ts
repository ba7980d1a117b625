import type { Simulation } from '../../../engine/simulation.js';
import { TimeIntegral } from '../../../metrics/time-integral.js';
import type { BurstDone, PodCpu } from '../../cpu/cpu-scheduler.js';
import type { Attempt } from '../../traffic/attempt.js';

/**
 * The "CPU" of a managed API (SQS's SendMessage, Lambda's Invoke with InvocationType Event):
 * each call's burst is its own latency, a plain delay shared with nothing. The region's
 * service has no capacity the model runs out of, so any number run at once and none uses a
 * core of the cluster (busyCores stays 0).
 */
export class DelayCpu implements PodCpu {
  readonly speed = 1;
  readonly busyCores = new TimeIntegral();
  readonly throttling = undefined;
  private readonly events = new Map<Attempt, number>();

  constructor(
    private readonly sim: Simulation,
    private readonly done: BurstDone,
  ) {}

  run(attempt: Attempt, workMs: number): void {
    this.events.set(attempt, this.sim.schedule(workMs, this.finished, attempt));
  }

  cancel(attempt: Attempt): void {
    const event = this.events.get(attempt);
    if (event === undefined) return;
    this.sim.cancel(event);
    this.events.delete(attempt);
  }

  private readonly finished = (attempt: Attempt): void => {
    this.events.delete(attempt);
    this.done(attempt);
  };
}
