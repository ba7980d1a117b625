import type { Distribution } from '../../engine/distributions/distribution.js';
import type { DistributionSpec } from '../../engine/distributions/spec.js';
import { MB_PER_VCPU } from '../../scenario/function-schema.js';

/**
 * The share of one vCPU a function of `memoryMb` gets: Lambda allocates CPU in proportion to
 * memory, one full vCPU at 1,769 MB (its documentation). A single-threaded handler uses at
 * most one vCPU, so the speed it runs at is capped at 1: above 1,769 MB more memory buys
 * more cores, not a faster thread.
 */
export function vcpuSpeed(memoryMb: number): number {
  return Math.min(1, memoryMb / MB_PER_VCPU);
}

/**
 * One invocation's handler work, as the instance's CPU takes it: milliseconds at one full
 * vCPU. Its three parts, drawn from their own distributions and added:
 * - `cpu`: CPU time at one vCPU, run at the instance's speed;
 * - `duration` measured at `measuredAtMb`: CPU-bound, converted to work at one vCPU by the
 *   speed of that size (so it runs in duration × speed(measuredAt) / speed(memory));
 * - `wait`: time off the CPU, multiplied by the instance's speed here so that the instance,
 *   dividing by its speed, takes it unscaled.
 */
export class HandlerWork implements Distribution {
  readonly spec: DistributionSpec;
  readonly mean: number;
  readonly variance: number;
  private readonly durationFactor: number;
  private readonly waitFactor: number;

  constructor(
    private readonly cpu: Distribution | undefined,
    private readonly duration: Distribution | undefined,
    measuredAtMb: number,
    private readonly wait: Distribution | undefined,
    /** the instance's speed: vcpuSpeed(memory) × the architecture's relative speed */
    speed: number,
    /** the architecture's relative speed, which a duration measured on it already has */
    archSpeed: number,
  ) {
    this.durationFactor = vcpuSpeed(measuredAtMb) * archSpeed;
    this.waitFactor = speed;
    this.spec = cpu?.spec ?? duration?.spec ?? wait!.spec;
    this.mean =
      (cpu?.mean ?? 0) +
      (duration?.mean ?? 0) * this.durationFactor +
      (wait?.mean ?? 0) * this.waitFactor;
    this.variance =
      (cpu?.variance ?? 0) +
      (duration?.variance ?? 0) * this.durationFactor ** 2 +
      (wait?.variance ?? 0) * this.waitFactor ** 2;
  }

  sample(next: () => number): number {
    let work = 0;
    if (this.cpu !== undefined) work += this.cpu.sample(next);
    if (this.duration !== undefined) work += this.duration.sample(next) * this.durationFactor;
    if (this.wait !== undefined) work += this.wait.sample(next) * this.waitFactor;
    return work;
  }
}
