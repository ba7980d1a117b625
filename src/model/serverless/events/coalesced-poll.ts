import type { Simulation } from '../../../engine/simulation.js';
import { POLL_PRIORITY } from './message-queue.js';

/**
 * A poller woken by messages becoming visible looks once every message of this instant is in
 * (a long poll returns what is there, up to a batch), not once per message: however often
 * `wake` is called at one instant, `poll` runs once, after the instant's other events.
 */
export class CoalescedPoll {
  private scheduled = false;

  constructor(
    private readonly sim: Simulation,
    private readonly poll: () => void,
  ) {}

  readonly wake = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    this.sim.schedule(0, this.run, undefined, POLL_PRIORITY);
  };

  private readonly run = (): void => {
    this.scheduled = false;
    this.poll();
  };
}
