import { describe, expect, it } from 'vitest';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
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
    const window = [...timeSeriesRows(result.timeseries)].find(
      (w) => w.scope === 'api' && w.startMs === 5000,
    )!;
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

  it('with a constant think time, start spread over one think, not in one burst', () => {
    const result = simulate(loadScenario('closed-loop-crowd'));
    const first = [...timeSeriesRows(result.timeseries)].filter(
      (w) => w.scope === 'total' && w.startMs < 1000,
    );
    // The residual of a constant 1 s is uniform on [0, 1 s): 150 users over ten 100 ms
    // windows, Binomial(150, 0.1) each (sd 3.7); the burst this replaces put all 150 in
    // one instant.
    expect(first.reduce((sum, w) => sum + w.requests, 0)).toBe(150);
    for (const window of first) expect(window.requests).toBeLessThan(35);
    expect(result.latency.p99Ms).toBeLessThan(5);
  });

  it('with an exponential think time, start in steady state: no surge in the first second', () => {
    // 150 users thinking exp(mean 1 s) against a ~1 ms service send ~150/s. Started in
    // steady state, each user's requests in the first second are Poisson(≈1), so the first
    // second's count is Poisson(≈150) like any other second's; over 5 seeds the mean first
    // second has sd √(150 / 5) = 5.5. Uniform offsets sent ~225 (a surge of 50%).
    const scenario = loadScenario('closed-loop-crowd');
    const workload = scenario.workload[0]!;
    if (workload.arrivals === 'closed') workload.thinkTime = { kind: 'exponential', mean: 1000 };
    const firstSeconds = [1, 2, 3, 4, 5].map((seed) =>
      [...timeSeriesRows(simulate(scenario, { seed }).timeseries)]
        .filter((w) => w.scope === 'total' && w.startMs < 1000)
        .reduce((sum, w) => sum + w.requests, 0),
    );
    const mean = firstSeconds.reduce((sum, n) => sum + n, 0) / firstSeconds.length;
    expect(Math.abs(mean - 150)).toBeLessThan(3.29 * Math.sqrt(150 / 5));
  });
});
