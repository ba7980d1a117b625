import { TimeIntegral } from '../metrics/time-integral.js';
import type { PodCpu } from './cpu/cpu-scheduler.js';
import { RingQueue } from './ring-queue.js';
import type { Attempt } from './traffic/attempt.js';

/**
 * A pod: worker slots with a bounded queue in front, and the CPU its work runs on (its
 * node's CFS scheduler by default, or FIFO cores: see src/model/cpu/).
 */
export class Pod {
  ready = true;
  workersBusy = 0;
  /** calls admitted or queued here: what least-request load balancing compares */
  active = 0;
  served = 0;
  readonly workerQueue = new RingQueue<Attempt>();
  readonly busyWorkers = new TimeIntegral();

  constructor(
    readonly name: string,
    readonly serviceName: string,
    readonly nodeName: string,
    readonly zone: string,
    readonly concurrency: number,
    readonly queueLimit: number,
    readonly cpu: PodCpu,
    /** its container's CPU request and limit, in cores (no limit: undefined) */
    readonly cpuRequest: number,
    readonly cpuLimit: number | undefined,
  ) {}

  /** Cores (at full speed) the pod is using, over time. */
  get busyCores(): TimeIntegral {
    return this.cpu.busyCores;
  }
}
