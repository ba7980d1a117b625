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
  /**
   * Issue 14: an injected fault's hold before the next burst (FIS invocation-add-delay: the
   * handler starts later) and whether that burst is skipped (invocation-error with
   * preventExecution: the handler does not run); set by the pool as the invocation starts.
   */
  startDelayMs = 0;
  skipNextBurst = false;
  private held = false;
  private heldWorkMs = 0;

  constructor(
    private readonly sim: Simulation,
    readonly speed: number,
    private readonly done: BurstDone,
  ) {}

  run(attempt: Attempt, workMs: number): void {
    const work = this.skipNextBurst ? 0 : workMs;
    this.skipNextBurst = false;
    const delayMs = this.startDelayMs;
    if (delayMs > 0) {
      this.startDelayMs = 0;
      // The hold is not a wait for the CPU: the burst is asked for when it ends.
      attempt.cpuAskedAt += delayMs;
      this.held = true;
      this.heldWorkMs = work;
      this.event = this.sim.schedule(delayMs, this.released, attempt);
      return;
    }
    this.burst(attempt, work);
  }

  private burst(attempt: Attempt, workMs: number): void {
    this.busyCores.add(this.sim.now, this.speed);
    this.event = this.sim.schedule(workMs / this.speed, this.finished, attempt);
  }

  private readonly released = (attempt: Attempt): void => {
    this.held = false;
    this.burst(attempt, this.heldWorkMs);
  };

  cancel(_attempt: Attempt): void {
    if (this.event === -1) return;
    this.sim.cancel(this.event);
    this.event = -1;
    if (this.held) this.held = false;
    else this.busyCores.add(this.sim.now, -this.speed);
  }

  private readonly finished = (attempt: Attempt): void => {
    this.event = -1;
    this.busyCores.add(this.sim.now, -this.speed);
    this.done(attempt);
  };
}
