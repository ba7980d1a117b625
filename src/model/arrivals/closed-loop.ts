import type { Distribution } from '../../engine/distributions/distribution.js';
import type { Simulation } from '../../engine/simulation.js';
import type { StartRequest } from './arrival-sink.js';

/**
 * One closed-loop client: think, send a request, wait for it to end (response or timeout),
 * think again. N of them model N users; their throughput falls as latency rises, unlike
 * open-loop arrivals (the difference matters: closed loops hide overload).
 *
 * Each user sends its first request at a random offset, uniform in [0, mean think time):
 * users that all started together would fire in one burst at the same instant (with a 1 s
 * constant think time, 150 users at exactly t = 1 s), a transient no real population has,
 * and one that inflates the run's tail.
 */
export class ClientLoop {
  constructor(
    private readonly sim: Simulation,
    private readonly thinkTime: Distribution,
    private readonly next: () => number,
    private readonly stopAtMs: number,
    private readonly startRequest: StartRequest,
  ) {}

  start(): void {
    const meanMs = this.thinkTime.mean;
    // A think time with no mean (a heavy Pareto) spreads users over one draw of it instead.
    const spreadMs = Number.isFinite(meanMs) ? meanMs : this.thinkTime.sample(this.next);
    const at = this.next() * spreadMs;
    if (at < this.stopAtMs) this.sim.scheduleAt(at, this.send, this);
  }

  /** Called by the workload when this client's request has ended. */
  requestEnded(): void {
    this.think();
  }

  private think(): void {
    const at = this.sim.now + this.thinkTime.sample(this.next);
    if (at < this.stopAtMs) this.sim.scheduleAt(at, this.send, this);
  }

  private readonly send = (): void => {
    this.startRequest(this);
  };
}
