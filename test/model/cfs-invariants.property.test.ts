import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { CfsNodeCpu } from '../../src/model/cpu/cfs-node-cpu.js';
import type { Attempt } from '../../src/model/traffic/attempt.js';

/**
 * The CFS node scheduler on its own, under random pods and bursts: the node never runs more
 * than its cores, no pod uses more than limit × period in any period, and every burst gets
 * exactly its work.
 */
const PERIOD_MS = 100;

const podInput = fc.record({
  request: fc.constantFrom(0.1, 0.25, 0.5, 1, 1.5),
  limit: fc.option(fc.constantFrom(0.25, 0.5, 1, 2), { nil: undefined }),
  bursts: fc.array(
    fc.record({ atMs: fc.integer({ min: 0, max: 900 }), workMs: fc.integer({ min: 1, max: 120 }) }),
    { minLength: 1, maxLength: 12 },
  ),
});

describe('the CFS node scheduler', () => {
  it('never runs more than its cores, keeps every pod within its quota per period, and gives each burst its work', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(podInput, { minLength: 1, maxLength: 4 }),
        (cores, pods) => {
          const sim = new Simulation();
          const done = new Map<Attempt, number>();
          const node = new CfsNodeCpu(sim, cores, PERIOD_MS, (call) => done.set(call, sim.now));
          const cpus = pods.map((pod) => node.addPod(pod.request, pod.limit));
          const started = new Map<Attempt, { atMs: number; workMs: number }>();
          pods.forEach((pod, i) => {
            for (const burst of pod.bursts) {
              const call = {} as Attempt;
              started.set(call, burst);
              sim.scheduleAt(burst.atMs, () => cpus[i]!.run(call, burst.workMs), undefined);
            }
          });
          // Each pod's CPU area at every period boundary, read after the CPU's own events.
          const areas: number[][] = cpus.map(() => []);
          for (let k = 0; k <= 200; k++)
            sim.scheduleAt(
              k * PERIOD_MS,
              () => {
                for (const [i, cpu] of cpus.entries())
                  areas[i]!.push(cpu.busyCores.areaAt(sim.now));
              },
              undefined,
              10,
            );
          sim.run({ until: 200 * PERIOD_MS + 1 });

          for (const [call, { atMs, workMs }] of started) {
            const end = done.get(call);
            expect(end, 'every burst ends').toBeDefined();
            expect(end! - atMs).toBeGreaterThanOrEqual(workMs - 1e-6);
          }
          let total = 0;
          pods.forEach((pod, i) => {
            const series = areas[i]!;
            for (let k = 1; k < series.length; k++) {
              const used = series[k]! - series[k - 1]!;
              if (pod.limit !== undefined)
                expect(used).toBeLessThanOrEqual(pod.limit * PERIOD_MS + 1e-6);
              expect(used).toBeLessThanOrEqual(cores * PERIOD_MS + 1e-6);
            }
            const work = pod.bursts.reduce((sum, burst) => sum + burst.workMs, 0);
            expect(series.at(-1)!).toBeCloseTo(work, 6);
            total += series.at(-1)!;
          });
          expect(total).toBeLessThanOrEqual(cores * sim.now + 1e-6);
        },
      ),
      { numRuns: 150, seed: 20261126 },
    );
  });
});
