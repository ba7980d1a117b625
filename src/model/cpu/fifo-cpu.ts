import type { Simulation } from '../../engine/simulation.js';
import { TimeIntegral } from '../../metrics/time-integral.js';
import { RingQueue } from '../ring-queue.js';
import type { Attempt } from '../traffic/attempt.js';
import type { BurstDone, PodCpu } from './cpu-scheduler.js';

/**
 * The textbook CPU rule, kept as `cluster.cpuScheduler: fifo` for queueing comparisons:
 * bursts queue FIFO for whole cores and run to completion. A capacity of L cores is served
 * as ceil(L) cores each at speed L / ceil(L): 500m is one core at half speed, 1.5 is two
 * at 0.75. An M/M/c-like station, exact against Erlang C for whole cores.
 *
 * Who shares a pool: a pod with a CPU limit has a pool of its own, sized by the limit; pods
 * without a limit share their node's pool. Limited pods do not compete with the node's
 * pool, so a node can serve more than its cores: not how Linux shares a node (that is the
 * default, cfs-node-cpu.ts), but the queueing model textbooks solve.
 */
export class FifoCpuPool {
  readonly cores: number;
  readonly speed: number;
  private busy = 0;
  private readonly waiting = new RingQueue<Attempt>();

  constructor(
    private readonly sim: Simulation,
    capacityCores: number,
    private readonly done: BurstDone,
  ) {
    this.cores = Math.max(1, Math.ceil(capacityCores - 1e-9));
    this.speed = capacityCores / this.cores;
  }

  /** A pod whose bursts run on this pool. */
  addPod(): FifoPodCpu {
    return new FifoPodCpu(this);
  }

  run(attempt: Attempt): void {
    if (this.busy < this.cores) this.start(attempt);
    else this.waiting.push(attempt);
  }

  /** A running burst (its end event pending) gives its core to the next; a queued one leaves. */
  cancel(attempt: Attempt): void {
    if (attempt.event === -1) {
      this.waiting.remove(attempt);
      return;
    }
    this.sim.cancel(attempt.event);
    attempt.event = -1;
    this.release(attempt);
  }

  private start(attempt: Attempt): void {
    this.busy++;
    attempt.pod!.cpu.busyCores.add(this.sim.now, this.speed);
    attempt.event = this.sim.schedule(attempt.cpuMs, this.finish, attempt);
  }

  private readonly finish = (attempt: Attempt): void => {
    attempt.event = -1;
    this.release(attempt);
    this.done(attempt);
  };

  private release(attempt: Attempt): void {
    this.busy--;
    attempt.pod!.cpu.busyCores.add(this.sim.now, -this.speed);
    const next = this.waiting.shift();
    if (next !== undefined) this.start(next);
  }
}

/** A pod's view of a FIFO pool: its own CPU use, the pool's cores. */
export class FifoPodCpu implements PodCpu {
  readonly busyCores = new TimeIntegral();
  readonly throttling = undefined;

  constructor(private readonly pool: FifoCpuPool) {}

  get speed(): number {
    return this.pool.speed;
  }

  /** The attempt's cpuMs is already its time on one of this pool's cores: work / speed. */
  run(attempt: Attempt, _workMs: number): void {
    this.pool.run(attempt);
  }

  cancel(attempt: Attempt): void {
    this.pool.cancel(attempt);
  }
}
