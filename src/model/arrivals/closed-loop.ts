import type { Distribution } from '../../engine/distributions/distribution.js';
import type { Simulation } from '../../engine/simulation.js';
import type { StartRequest } from './arrival-sink.js';

/**
 * One closed-loop client: think, send a request, wait for it to end (response or timeout),
 * think again. N of them model N users; their throughput falls as latency rises, unlike
 * open-loop arrivals (the difference matters: closed loops hide overload).
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
    this.think();
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
