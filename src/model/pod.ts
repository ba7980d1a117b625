import { TimeIntegral } from '../metrics/time-integral.js';
import type { Call } from './request.js';
import { RingQueue } from './ring-queue.js';

/**
 * A pod: worker slots with a bounded queue in front, and CPU cores.
 *
 * CPU rule (documented in docs/architecture.md): a pod's CPU capacity L (its limit, or its
 * request when no limit is set) is served as ceil(L) cores, each running at speed
 * L / ceil(L), with CPU bursts waiting FIFO for a free core. A 500m pod is one core at half
 * speed; a 1.5-CPU pod is two cores at 0.75. This is an M/M/c-like station, cheap to
 * simulate, and agrees with processor sharing on mean response time when L is whole.
 */
export class Pod {
  ready = true;
  workersBusy = 0;
  coresBusy = 0;
  /** calls admitted or queued here: what least-request load balancing compares */
  active = 0;
  served = 0;
  readonly workerQueue = new RingQueue<Call>();
  readonly cpuQueue = new RingQueue<Call>();
  readonly busyCores = new TimeIntegral();
  readonly busyWorkers = new TimeIntegral();

  constructor(
    readonly name: string,
    readonly serviceName: string,
    readonly nodeName: string,
    readonly zone: string,
    readonly concurrency: number,
    readonly queueLimit: number,
    readonly cores: number,
    readonly coreSpeed: number,
  ) {}

  /** CPU capacity in cores (limit): cores × speed. */
  get cpuCapacity(): number {
    return this.cores * this.coreSpeed;
  }
}
