import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bindPod,
  chooseNode,
  placeReplicas,
  type SchedulingStrategy,
} from '../../src/model/scheduler.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/** Pod placement the way kube-scheduler's NodeResourcesFit scoring places them. */

describe('the scheduler', () => {
  it('a pod whose requests fit on no node stays Pending and serves nothing', () => {
    const result = simulate(loadScenario('scheduler-pending'));
    const phases = result.pods.map((p) => p.phase).sort();
    expect(phases).toEqual(['Pending', 'Running', 'Running']);
    const api = result.services.find((s) => s.service === 'api')!;
    expect(api.readyPods).toBe(2);
    expect(api.pendingPods).toBe(1);
    expect(result.pods.find((p) => p.phase === 'Pending')!.requests).toBe(0);
    // One 1.5-CPU pod per 2-CPU node.
    expect(result.nodes.map((n) => n.cpuRequested)).toEqual([1.5, 1.5]);
    expect(result.availability).toBe(1);
  });

  it('LeastAllocated spreads pods over the emptiest nodes', () => {
    const result = simulate(loadScenario('scheduler-least-allocated'));
    expect(result.pods.map((p) => p.node)).toEqual(['pool-0', 'pool-1']);
    expect(result.nodes.map((n) => n.pods)).toEqual([1, 1]);
  });

  it('MostAllocated packs pods onto the fullest node that fits', () => {
    const result = simulate(loadScenario('scheduler-most-allocated'));
    expect(result.pods.map((p) => p.node)).toEqual(['pool-0', 'pool-0']);
    expect(result.nodes.map((n) => n.pods)).toEqual([2, 0]);
    expect(result.nodes.map((n) => n.cpuRequested)).toEqual([2, 0]);
  });
});

describe('placing many replicas at once', () => {
  const pool = fc.record({
    cpuCores: fc.constantFrom(0, 0.5, 2, 4, 8),
    memoryBytes: fc.constantFrom(2 ** 30, 4 * 2 ** 30, 8 * 2 ** 30),
    count: fc.integer({ min: 1, max: 6 }),
  });
  const service = fc.record({
    cpu: fc.constantFrom(0, 0.1, 0.25, 0.5, 1, 1.5),
    memoryBytes: fc.constantFrom(0, 2 ** 27, 2 ** 29, 2 ** 30),
    replicas: fc.integer({ min: 0, max: 12 }),
  });

  function nodesOf(pools: { cpuCores: number; memoryBytes: number; count: number }[]) {
    return pools.flatMap((p, i) =>
      Array.from({ length: p.count }, (_, j) => ({
        name: `p${i}-${j}`,
        pool: `p${i}`,
        zone: 'a',
        cpuCores: p.cpuCores,
        memoryBytes: p.memoryBytes,
        pricePerHourUsd: 0,
        cpuRequested: 0,
        memoryRequested: 0,
        pods: 0,
      })),
    );
  }

  it('puts every replica where a scan of every node would (chooseNode, then bindPod)', () => {
    fc.assert(
      fc.property(
        fc.array(pool, { minLength: 1, maxLength: 3 }),
        fc.array(service, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('LeastAllocated', 'MostAllocated'),
        (pools, services, strategy: SchedulingStrategy) => {
          const byHeap = nodesOf(pools);
          const byScan = nodesOf(pools);
          for (const { replicas, ...requests } of services) {
            const placed = placeReplicas(byHeap, requests, replicas, strategy);
            const scanned = Array.from({ length: replicas }, () => {
              const node = chooseNode(byScan, requests, strategy);
              if (node !== undefined) bindPod(node, requests);
              return node?.name;
            });
            expect(placed.map((node) => node?.name)).toEqual(scanned);
          }
          expect(byHeap).toEqual(byScan);
        },
      ),
      { numRuns: 300 },
    );
  });
});
