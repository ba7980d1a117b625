import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

describe('CPU use under its named definitions', () => {
  it('gives cores used and their share of the requests, the limits and the node, each with its own denominator', () => {
    const result = simulate(loadScenario('cpu-use-definitions'));
    const api = result.services[0]!;
    // 1000 requests × 5 ms of CPU over 10 s: 0.5 cores (the last burst ends at 9.995 s).
    expect(api.coresUsed).toBeCloseTo(0.5, 9);
    expect(api.requestUtilization).toBeCloseTo(1, 9);
    expect(api.limitUtilization).toBeCloseTo(0.25, 9);
    expect(result.cpuCoresUsed).toBeCloseTo(0.5, 9);
    expect(result.nodeCpuUtilization).toBeCloseTo(0.125, 9);
    for (const pod of result.pods) {
      expect(pod.coresUsed).toBeCloseTo(0.25, 9);
      expect(pod.requestUtilization).toBeCloseTo(1, 9);
      expect(pod.limitUtilization).toBeCloseTo(0.25, 9);
    }
    // The time series reads the same definitions window by window.
    const window = result.timeseries.find((w) => w.scope === 'api' && w.startMs === 5000)!;
    expect(window.cpuCoresUsed).toBeCloseTo(0.5, 9);
    expect(window.cpuRequestUtilization).toBeCloseTo(1, 9);
  });

  it('has no share of a limit where a pod has none, rather than a share of 0', () => {
    const scenario = loadScenario('cpu-use-definitions');
    scenario.services.api!.resources.limits.cpu = undefined;
    const api = simulate(scenario).services[0]!;
    expect(api.limitUtilization).toBeNull();
    expect(api.requestUtilization).toBeCloseTo(1, 9);
  });
});

describe('closed-loop users', () => {
  it('think for an exponential time by default', () => {
    const scenario = parseScenario(
      `name: c
services: { api: { endpoints: { get: { cpu: 1ms } } } }
workload: [{ name: u, arrivals: closed, users: 2, target: api.get }]
`,
      'c.yaml',
    );
    const workload = scenario.workload[0]!;
    expect(workload.arrivals === 'closed' && workload.thinkTime).toEqual({
      kind: 'exponential',
      mean: 1000,
    });
  });

  it('start at random offsets over the mean think time, not in one burst', () => {
    const result = simulate(loadScenario('closed-loop-crowd'));
    const first = result.timeseries.filter((w) => w.scope === 'total' && w.startMs < 1000);
    // 150 users spread uniformly over ten 100 ms windows: 15 per window on average,
    // Binomial(150, 0.1) with sd 3.7; the burst this replaces put all 150 in one instant.
    expect(first.reduce((sum, w) => sum + w.requests, 0)).toBe(150);
    for (const window of first) expect(window.requests).toBeLessThan(35);
    expect(result.latency.p99Ms).toBeLessThan(5);
  });
});
