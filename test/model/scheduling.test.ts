import { describe, expect, it } from 'vitest';
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
