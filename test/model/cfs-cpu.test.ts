import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';
import { replicate, tInterval } from '../support/scenario-files.js';

/**
 * The node's CPU under the default CFS rule: limits are quotas per 100 ms period, pods
 * share a node by their requests, bursts are time-shared. Hand-computed cases on both
 * sides of each boundary, then processor-sharing theory.
 */

/** One service `api` on one node of `nodeCpu` cores; requests replayed at `arrivalsS` (s). */
function oneService(options: {
  nodeCpu: number;
  request?: string;
  limit?: string;
  cpu: string;
  arrivalsS: number[];
}) {
  const limits = options.limit === undefined ? '' : `, limits: { cpu: "${options.limit}" }`;
  return parseScenario(
    `name: cfs
duration: 10s
drain: 10s
cluster:
  provider: none
  nodePools: [{ name: pool, cpu: ${options.nodeCpu}, memory: 16Gi, pricePerHour: 0.1, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  api:
    concurrency: 100
    resources: { requests: { cpu: "${options.request ?? '100m'}" }${limits} }
    endpoints:
      get: { cpu: ${options.cpu} }
workload:
  - name: users
    arrivals: trace
    trace: { format: timestamps, values: [${options.arrivalsS.join(', ')}] }
    target: api.get
`,
    'cfs.yaml',
  );
}

const latencies = (result: RunResult) => [result.latency.meanMs, result.latency.maxMs];

describe('a CPU limit is a quota per 100 ms period', () => {
  it('a 150 ms burst under a 500m limit on an idle node ends at 250 ms: 50 ms of CPU per period', () => {
    const result = simulate(
      oneService({ nodeCpu: 2, limit: '500m', cpu: '150ms', arrivalsS: [0] }),
    );
    expect(result.latency.maxMs).toBeCloseTo(250, 9);
    const [pod] = result.pods;
    expect(pod!.cfs).toEqual({ periods: 3, throttledPeriods: 2, throttledMs: 100 });
  });

  it('either side of 150 ms under 500m: 149.999 ms ends in the third period, 150.001 ms needs a fourth', () => {
    const end = (cpu: string) =>
      simulate(oneService({ nodeCpu: 2, limit: '500m', cpu, arrivalsS: [0] })).latency.maxMs!;
    expect(end('149.999ms')).toBeCloseTo(249.999, 9);
    expect(end('150.001ms')).toBeCloseTo(300.001, 9);
  });

  it('a burst that fits within the quota is never slowed; one a hair longer waits for the next period', () => {
    const fits = simulate(oneService({ nodeCpu: 2, limit: '500m', cpu: '50ms', arrivalsS: [0] }));
    expect(latencies(fits)).toEqual([50, 50]);
    expect(fits.pods[0]!.cfs).toMatchObject({ throttledPeriods: 0 });
    const over = simulate(
      oneService({ nodeCpu: 2, limit: '500m', cpu: '50.001ms', arrivalsS: [0] }),
    );
    expect(over.latency.maxMs).toBeCloseTo(100.001, 9);
    expect(over.pods[0]!.cfs).toMatchObject({ throttledPeriods: 1 });
  });

  it('two bursts under a 1-core limit with two idle node cores run at full speed until the quota is spent at 50 ms', () => {
    // 2 × 80 ms: both run on a core each for 50 ms (100 ms of CPU: the quota), wait, then
    // finish their last 30 ms in the next period, at 130 ms.
    const result = simulate(oneService({ nodeCpu: 2, limit: '1', cpu: '80ms', arrivalsS: [0, 0] }));
    expect(latencies(result).map((ms) => Number(ms!.toFixed(9)))).toEqual([130, 130]);
    // Throttled from 50 ms to the period's end at 100 ms: one throttled period of two.
    expect(result.pods[0]!.cfs).toEqual({ periods: 2, throttledPeriods: 1, throttledMs: 50 });
  });

  it('either side of the 50 ms boundary: two 50 ms bursts end unthrottled at 50 ms, two of 50.001 ms at 100.001 ms', () => {
    const twoBursts = (cpu: string) =>
      simulate(oneService({ nodeCpu: 2, limit: '1', cpu, arrivalsS: [0, 0] }));
    const within = twoBursts('50ms');
    expect(latencies(within)).toEqual([50, 50]);
    expect(within.pods[0]!.cfs).toMatchObject({ throttledPeriods: 0, throttledMs: 0 });
    const over = twoBursts('50.001ms');
    expect(latencies(over).map((ms) => Number(ms!.toFixed(9)))).toEqual([100.001, 100.001]);
    expect(over.pods[0]!.cfs).toMatchObject({ throttledPeriods: 1 });
    expect(over.pods[0]!.cfs!.throttledMs).toBeCloseTo(50, 9);
  });

  it("a limit under 10m still gets the kubelet's smallest quota, 1 ms per period", () => {
    // 5m would be 0.5 ms per period; the kubelet sets 1 ms, so a 1 ms burst is not throttled.
    const result = simulate(
      oneService({ nodeCpu: 2, request: '5m', limit: '5m', cpu: '1ms', arrivalsS: [0] }),
    );
    expect(latencies(result)).toEqual([1, 1]);
    const longer = simulate(
      oneService({ nodeCpu: 2, request: '5m', limit: '5m', cpu: '1.5ms', arrivalsS: [0] }),
    );
    expect(longer.latency.maxMs).toBeCloseTo(100.5, 9);
  });

  it('a limit never adds cores: a 2-core limit on a 1-core node gets one core', () => {
    const result = simulate(
      oneService({ nodeCpu: 1, limit: '2', cpu: '100ms', arrivalsS: [0, 0] }),
    );
    // Two 100 ms bursts sharing one core finish together at 200 ms.
    expect(result.latency.maxMs).toBeCloseTo(200, 9);
    expect(result.nodes[0]!.cpuUtilization).toBeLessThanOrEqual(1);
  });
});

describe('pods share a busy node in proportion to their CPU requests', () => {
  /** Two always-busy pods on a 2-core node, `big` requesting 1536m, `small` 256m. */
  const contention = (bigRate: string, bigCpu: string) =>
    parseScenario(
      `name: shares
duration: 20s
warmup: 5s
drain: 0s
cluster:
  provider: none
  nodePools: [{ name: pool, cpu: 2, memory: 16Gi, pricePerHour: 0.1, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  big:
    concurrency: 1000
    queueLimit: 100000
    resources: { requests: { cpu: 1536m } }
    endpoints: { get: { cpu: "${bigCpu}" } }
  small:
    concurrency: 1000
    queueLimit: 100000
    resources: { requests: { cpu: 256m } }
    endpoints: { get: { cpu: 10ms } }
workload:
  - { name: b, arrivals: constant, rate: ${bigRate}, target: big.get }
  - { name: s, arrivals: constant, rate: 1000/s, target: small.get }
`,
      'shares.yaml',
    );

  it('two saturating pods requesting 1536m and 256m get CPU in the ratio 6:1', () => {
    // Both offer far more than 2 cores (big 20 cores' worth, small 10): CFS weights decide.
    const result = simulate(contention('2000/s', '10ms'));
    const cores = (name: string) => result.services.find((s) => s.service === name)!.coresUsed;
    expect(cores('big') + cores('small')).toBeCloseTo(2, 6);
    expect(cores('big') / cores('small')).toBeCloseTo(6, 6);
  });

  it("a pod using less than its share gets what it uses at once, whatever its neighbour's overload", () => {
    // big uses 0.6 core (60 bursts/s of 10 ms) of the 1.71 its weight entitles it to;
    // small is overloaded. big's bursts are never held back: latency = its 10 ms burst.
    const result = simulate(contention('60/s', '10ms'));
    const big = result.services.find((s) => s.service === 'big')!;
    expect(big.coresUsed).toBeCloseTo(0.6, 2);
    expect(big.latency.p50Ms).toBeCloseTo(10, 1);
    expect(big.latency.p99Ms!).toBeLessThan(10.1);
  });
});

describe('bursts on a core are time-shared: M/G/1 processor sharing', () => {
  /** One unlimited pod alone on a 1-core node: its bursts share the core equally. */
  const psScenario = (cpu: string, rate: number, seed: number) =>
    parseScenario(
      `name: ps
seed: ${seed}
duration: 60s
warmup: 5s
cluster:
  provider: none
  nodePools: [{ name: pool, cpu: 1, memory: 16Gi, pricePerHour: 0.1, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  api:
    concurrency: 100000
    queueLimit: 100000
    endpoints:
      get: { cpu: "${cpu}" }
workload:
  - { name: users, arrivals: poisson, rate: ${rate}/s, target: api.get }
outputs: { window: 10s }
`,
      'ps.yaml',
    );

  /** 99.9% interval over 20 replications covers E[S] / (1 − rho). */
  function expectPsMean(cpu: string, meanServiceMs: number, rho: number) {
    const scenario = psScenario(cpu, (rho / meanServiceMs) * 1000, 3);
    const runs = replicate(scenario, 20);
    const interval = tInterval(
      runs.map((r) => r.latency.meanMs!),
      0.999,
    );
    const theory = meanServiceMs / (1 - rho);
    expect(interval.relativeHalfWidth).toBeLessThan(0.06);
    expect(interval.lower).toBeLessThanOrEqual(theory);
    expect(interval.upper).toBeGreaterThanOrEqual(theory);
  }

  it('M/M/1-PS: mean response E[S] / (1 − rho)', () => {
    expectPsMean('exponential(mean=2ms)', 2, 0.7);
  });

  it('M/G/1-PS is insensitive: lognormal and bimodal bursts give the same E[S] / (1 − rho)', () => {
    expectPsMean('lognormal(mean=2ms, cv=2)', 2, 0.7);
    expectPsMean('mixture(0.9 1ms, 0.1 11ms)', 2, 0.7);
  });
});
