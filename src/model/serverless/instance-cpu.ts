import type { Simulation } from '../../engine/simulation.js';
import { TimeIntegral } from '../../metrics/time-integral.js';
import type { BurstDone, PodCpu } from '../cpu/cpu-scheduler.js';
import type { Attempt } from '../traffic/attempt.js';

/**
 * A function instance's CPU: its own share of a vCPU (memory-proportional), shared with
 * nothing, since an instance serves one invocation at a time. A burst of `workMs` (at one
 * full vCPU) takes workMs / speed.
 */
export class InstanceCpu implements PodCpu {
  readonly busyCores = new TimeIntegral();
  readonly throttling = undefined;
  private event = -1;

  constructor(
    private readonly sim: Simulation,
    readonly speed: number,
    private readonly done: BurstDone,
  ) {}

  run(attempt: Attempt, workMs: number): void {
    this.busyCores.add(this.sim.now, this.speed);
    this.event = this.sim.schedule(workMs / this.speed, this.finished, attempt);
  }

  cancel(_attempt: Attempt): void {
    if (this.event === -1) return;
    this.sim.cancel(this.event);
    this.event = -1;
    this.busyCores.add(this.sim.now, -this.speed);
  }

  private readonly finished = (attempt: Attempt): void => {
    this.event = -1;
    this.busyCores.add(this.sim.now, -this.speed);
    this.done(attempt);
  };
}
