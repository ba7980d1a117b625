import { TimeIntegral } from '../metrics/time-integral.js';
import type { CpuPool } from './cpu-pool.js';
import type { Call } from './request.js';
import { RingQueue } from './ring-queue.js';

/**
 * A pod: worker slots with a bounded queue in front, and the CPU pool its work runs on
 * (its own, sized by its CPU limit, or its node's shared one: see cpu-pool.ts).
 */
export class Pod {
  ready = true;
  workersBusy = 0;
  /** calls admitted or queued here: what least-request load balancing compares */
  active = 0;
  served = 0;
  readonly workerQueue = new RingQueue<Call>();
  /** this pod's own busy cores over time (its share of a shared pool included) */
  readonly busyCores = new TimeIntegral();
  readonly busyWorkers = new TimeIntegral();

  constructor(
    readonly name: string,
    readonly serviceName: string,
    readonly nodeName: string,
    readonly zone: string,
    readonly concurrency: number,
    readonly queueLimit: number,
    readonly cpu: CpuPool,
    /** its container's CPU request and limit, in cores (no limit: undefined) */
    readonly cpuRequest: number,
    readonly cpuLimit: number | undefined,
  ) {}

  get cores(): number {
    return this.cpu.cores;
  }

  get coreSpeed(): number {
    return this.cpu.speed;
  }

  /** CPU capacity in cores available to this pod: its limit, or its node's cores. */
  get cpuCapacity(): number {
    return this.cpu.capacity;
  }
}
