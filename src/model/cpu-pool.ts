import type { Call } from './request.js';
import { RingQueue } from './ring-queue.js';

/**
 * CPU cores that bursts of work queue for, FIFO. A capacity of L cores is served as
 * ceil(L) cores each at speed L / ceil(L): 500m is one core at half speed, 1.5 is two at
 * 0.75. This is an M/M/c-like station, cheap to simulate (no rescheduling of every running
 * burst, as processor sharing needs) and exact against Erlang C for whole cores.
 *
 * Who shares a pool (docs/architecture.md): a pod with a CPU limit has a pool of its own,
 * sized by the limit (CFS quota caps it there); pods without a limit share their node's
 * pool, sized by the node, as Kubernetes lets them use idle node CPU.
 */
export class CpuPool {
  readonly cores: number;
  readonly speed: number;
  busy = 0;
  readonly waiting = new RingQueue<Call>();

  constructor(capacityCores: number) {
    this.cores = Math.max(1, Math.ceil(capacityCores - 1e-9));
    this.speed = capacityCores / this.cores;
  }

  get capacity(): number {
    return this.cores * this.speed;
  }
}
