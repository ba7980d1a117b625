import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { CfsNodeCpu, type CfsPodCpu } from '../../src/model/cpu/cfs-node-cpu.js';
import type { Attempt } from '../../src/model/traffic/attempt.js';

/**
 * A gone pod leaves its node's CFS scheduler: the node forgets it at a period's start once
 * it is idle, so a node walks the pods it has, not every pod it ever had. Forgetting must
 * change nothing any burst gets: the same runs with and without gone pods retired end
 * every burst at exactly the same moment, with the same counters.
 */
const PERIOD_MS = 100;

/** Runs `action` at `ms`. */
function at(sim: Simulation, ms: number, action: () => void): void {
  sim.scheduleAt(ms, action, undefined);
}

interface PodInput {
  request: number;
  limit: number | undefined;
  bursts: { atMs: number; workMs: number }[];
  /** when the pod is gone (retire is called), if it goes */
  goneAtMs: number | undefined;
}

const podInput: fc.Arbitrary<PodInput> = fc.record({
  request: fc.constantFrom(0.1, 0.25, 0.5, 1, 1.5),
  limit: fc.option(fc.constantFrom(0.25, 0.5, 1, 2), { nil: undefined }),
  bursts: fc.array(
    fc.record({
      atMs: fc.integer({ min: 0, max: 1500 }),
      workMs: fc.integer({ min: 1, max: 120 }),
    }),
    { minLength: 0, maxLength: 8 },
  ),
  goneAtMs: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
});

/** Every burst's end (in the order the bursts were given), each pod's counters, pods listed. */
function run(cores: number, pods: PodInput[], retire: boolean) {
  const sim = new Simulation();
  const ends = new Map<Attempt, number>();
  const node = new CfsNodeCpu(sim, cores, PERIOD_MS, (call) => ends.set(call, sim.now));
  const cpus = pods.map((pod) => node.addPod(pod.request, pod.limit));
  const calls: Attempt[] = [];
  pods.forEach((pod, i) => {
    for (const burst of pod.bursts) {
      const call = { phase: 0 } as Attempt;
      calls.push(call);
      sim.scheduleAt(burst.atMs, () => cpus[i]!.run(call, burst.workMs), undefined);
    }
    if (retire && pod.goneAtMs !== undefined)
      sim.scheduleAt(pod.goneAtMs, () => cpus[i]!.retire(), undefined);
  });
  let listedAtEnd = 0;
  at(sim, 30 * PERIOD_MS, () => {
    // A last burst on a pod that never goes, so the node starts a period after every
    // gone pod is idle (a period starts lazily, when the node is next used).
    cpus[0]!.run({ phase: 0 } as Attempt, 1);
  });
  at(sim, 31 * PERIOD_MS, () => {
    listedAtEnd = node.podsListed;
  });
  sim.run({ until: 40 * PERIOD_MS });
  return {
    ends: calls.map((call) => ends.get(call)),
    counters: cpus.map((cpu: CfsPodCpu) => ({ ...cpu.throttling })),
    busy: cpus.map((cpu) => cpu.busyCores.areaAt(sim.now)),
    listedAtEnd,
  };
}

describe('a gone pod leaves its node', () => {
  it('ends every burst at the same moment, with the same counters, whether gone pods are forgotten or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(podInput, { minLength: 1, maxLength: 6 }),
        (cores, pods) => {
          const kept = run(cores, pods, false);
          const forgotten = run(cores, pods, true);
          expect(forgotten.ends).toEqual(kept.ends);
          expect(forgotten.counters).toEqual(kept.counters);
          expect(forgotten.busy).toEqual(kept.busy);
          for (const end of forgotten.ends) expect(end).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is forgotten at the next period once idle, but not while it still has a burst', () => {
    const sim = new Simulation();
    const node = new CfsNodeCpu(sim, 2, PERIOD_MS, () => {});
    const stays = node.addPod(1, undefined);
    const goesIdle = node.addPod(1, undefined);
    const goesBusy = node.addPod(1, undefined);
    const listed: number[] = [];
    at(sim, 10, () => {
      goesBusy.run({ phase: 0 } as Attempt, 250);
      goesIdle.retire();
      goesBusy.retire();
    });
    // Period starts are seen when the node is used: a 1 ms burst on `stays` each period.
    for (const atMs of [150, 250, 350])
      at(sim, atMs, () => {
        stays.run({ phase: 0 } as Attempt, 1);
        listed.push(node.podsListed);
      });
    sim.run({ until: 1000 });
    // 150: the idle gone pod is forgotten; the busy one (its 250 ms burst ends at 260) stays
    // through the period starting at 200, and is forgotten at 300.
    expect(listed).toEqual([2, 2, 1]);
  });

  it('a forgotten pod that gets work again is back in its place and served as before', () => {
    const ends = (retire: boolean) => {
      const sim = new Simulation();
      const got = new Map<string, number>();
      const node = new CfsNodeCpu(sim, 1, PERIOD_MS, (call) =>
        got.set((call as unknown as { name: string }).name, sim.now),
      );
      const first = node.addPod(1.5, undefined);
      const gone = node.addPod(0.25, undefined);
      const last = node.addPod(0.25, undefined);
      if (retire) at(sim, 0, () => gone.retire());
      const burst = (name: string) => ({ phase: 0, name }) as unknown as Attempt;
      let listedBefore = 0;
      at(sim, 150, () => {
        first.run(burst('first'), 60);
        listedBefore = node.podsListed;
      });
      // A late burst on the gone pod (its sidecar passing on a late response), after it
      // was forgotten at the period starting at 100.
      at(sim, 160, () => gone.run(burst('gone'), 10));
      at(sim, 160, () => last.run(burst('last'), 10));
      sim.run({ until: 1000 });
      return { got: [...got.entries()], listedBefore, listed: node.podsListed };
    };
    const forgotten = ends(true);
    expect(forgotten.got).toEqual(ends(false).got);
    // 1 core: first (weight 1536) and the two small pods (256 each) share it 6:1:1 from 160.
    expect(forgotten.got.map(([name]) => name)).toEqual(['first', 'gone', 'last']);
    // Forgotten at the period that starts at 100 (seen at 150), back at 160.
    expect(forgotten.listedBefore).toBe(2);
    expect(forgotten.listed).toBe(3);
    // Both small pods end at 230 (first's 60 ms at 0.75 core ends at 226.7, then they
    // share the core): the tie goes the same way as when the gone pod was never forgotten.
    expect(forgotten.got[1]![1]).toBeCloseTo(230, 9);
    expect(forgotten.got[2]![1]).toBeCloseTo(230, 9);
  });
});
