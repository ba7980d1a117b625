import type { Distribution } from '../../engine/distributions/distribution.js';
import type { Simulation } from '../../engine/simulation.js';
import type { StartRequest } from './arrival-sink.js';

/** Draws the size-biased resampling picks from, for a think time's residual. */
const RESIDUAL_DRAWS = 32;

/**
 * One closed-loop client: think, send a request, wait for it to end (response or timeout),
 * think again. N of them model N users; their throughput falls as latency rises, unlike
 * open-loop arrivals (the difference matters: closed loops hide overload).
 *
 * Each user starts where a user in steady state would be: part-way through a think. The
 * time to its first request is drawn from the think time's equilibrium (residual)
 * distribution, not a fresh think (users that all started together would fire in one
 * burst: with a 1 s constant think time, 150 users at exactly t = 1 s, a transient no real
 * population has, and one that inflates the run's tail). For an exponential think time the
 * residual is the same exponential (memoryless), so the start is exactly stationary; for a
 * constant c it is uniform on [0, c); otherwise it is approximated by size-biased
 * resampling (one of 32 draws, picked with probability proportional to its length, times a
 * uniform), which is exact for constants and close for the rest.
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
    const at = this.residualThinkMs();
    if (at < this.stopAtMs) this.sim.scheduleAt(at, this.send, this);
  }

  /** The time to the first request: a think time's residual (see above). */
  private residualThinkMs(): number {
    if (this.thinkTime.spec.kind === 'exponential') return this.thinkTime.sample(this.next);
    const draws = Array.from({ length: RESIDUAL_DRAWS }, () => this.thinkTime.sample(this.next));
    const total = draws.reduce((sum, draw) => sum + draw, 0);
    // A draw is picked with probability proportional to its length (an observer arriving
    // at a random moment lands in long thinks more often), then a uniform point within it.
    let remaining = this.next() * total;
    for (const draw of draws) {
      remaining -= draw;
      if (remaining < 0) return this.next() * draw;
    }
    return this.next() * draws[draws.length - 1]!;
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
