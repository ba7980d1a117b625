import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import { CfsNodeCpu } from '../../src/model/cpu/cfs-node-cpu.js';
import type { Attempt } from '../../src/model/traffic/attempt.js';
import { batchMeansInterval } from '../support/batch-means.js';

/**
 * Processor sharing treats every burst fairly whatever its size: in M/M/1-PS (in fact in
 * M/G/1-PS) a burst of size x has mean response time x / (1 − rho), so response / size has
 * mean 1 / (1 − rho) for short and long bursts alike (Kleinrock, Queueing Systems vol. 2,
 * 4.4). FIFO would not: there a short burst waits as long as a long one.
 *
 * The node's CPU on its own: one pod without a limit on a 1-core node, Poisson arrivals,
 * exponential bursts of mean 1 ms, rho = 0.7. Bursts are bucketed by size; within a bucket,
 * successive ratios are correlated (one busy period slows many), so each bucket's interval
 * is by batch means (30 batches in arrival order, 99.9%), after a warm-up of 2 s (over 50
 * relaxation times). Each interval must cover 1 / (1 − rho) and be sharp: half-width under
 * 5% of it.
 */
const RHO = 0.7;
const BURSTS = 800_000;
const WARMUP_MS = 2000;
const BUCKETS_MS: readonly [number, number][] = [
  [0.1, 0.3],
  [0.9, 1.1],
  [2, 2.5],
  [4, 5],
];

interface Burst {
  sizeMs: number;
  arrivedAtMs: number;
  responseMs: number;
}

function simulateMm1Ps(): Burst[] {
  const sim = new Simulation();
  const gaps = createStream(17, 'arrivals');
  const sizes = createStream(17, 'sizes');
  const bursts: Burst[] = [];
  const node = new CfsNodeCpu(sim, 1, 100, (call) => {
    const burst = call as unknown as Burst;
    burst.responseMs = sim.now - burst.arrivedAtMs;
  });
  const pod = node.addPod(1, undefined);
  const arrive = (): void => {
    const burst = { sizeMs: -Math.log(1 - sizes.next()), arrivedAtMs: sim.now, responseMs: -1 };
    bursts.push(burst);
    pod.run(burst as unknown as Attempt, burst.sizeMs);
    if (bursts.length < BURSTS) sim.schedule(-Math.log(1 - gaps.next()) / RHO, arrive, undefined);
  };
  sim.schedule(0, arrive, undefined);
  sim.run();
  return bursts;
}

describe('M/M/1 processor sharing: a burst of size x takes x / (1 − rho) on average', () => {
  it('response / size is 1 / (1 − rho) for short, typical and long bursts', () => {
    const bursts = simulateMm1Ps();
    expect(bursts.every((burst) => burst.responseMs >= burst.sizeMs - 1e-9)).toBe(true);
    const theory = 1 / (1 - RHO);
    for (const [low, high] of BUCKETS_MS) {
      const inBucket = bursts.filter((b) => b.sizeMs >= low && b.sizeMs < high);
      const warmup = inBucket.filter((b) => b.arrivedAtMs < WARMUP_MS).length;
      const interval = batchMeansInterval(
        inBucket.map((b) => b.responseMs / b.sizeMs),
        { warmup, batches: 30, confidence: 0.999 },
      );
      const bucket = `bursts of ${low}-${high} ms (${inBucket.length})`;
      expect(interval.halfWidth / theory, `${bucket}: interval too wide`).toBeLessThan(0.05);
      expect(interval.lower, bucket).toBeLessThanOrEqual(theory);
      expect(interval.upper, bucket).toBeGreaterThanOrEqual(theory);
    }
  });
});
