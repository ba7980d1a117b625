import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

describe('CPU pools', () => {
  it('a pod without a CPU limit uses its idle node cores: four bursts run at once', () => {
    const result = simulate(loadScenario('cpu-shared-node'));
    expect(result.requests.succeeded).toBe(16);
    expect(result.latency.maxMs).toBe(10);
    expect(result.latency.meanMs).toBe(10);
  });

  it('a pod with a CPU limit of 1 has one core of its own: the bursts queue', () => {
    const result = simulate(loadScenario('cpu-own-limit'));
    expect(result.requests.succeeded).toBe(16);
    expect(result.latency.maxMs).toBe(40);
    expect(result.latency.meanMs).toBe(25);
  });

  it('unlimited pods on one node queue together for its cores', () => {
    const result = simulate(loadScenario('cpu-two-pods-share'));
    expect(result.requests.succeeded).toBe(16);
    expect(result.latency.meanMs).toBe(15);
    expect(result.latency.maxMs).toBe(20);
    // 16 bursts of 10 ms over 5 s on 2 cores: the node is 1.6% busy; each service used half.
    expect(result.nodes[0]!.cpuUtilization).toBeCloseTo(0.016, 12);
    for (const service of result.services) expect(service.coresUsed).toBeCloseTo(0.016, 12);
  });
});
