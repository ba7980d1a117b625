import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { backOffIntervalMs, backOffMs } from '../../src/model/mesh/resilience/back-off.js';
import { OutlierDetector } from '../../src/model/mesh/resilience/outlier-detector.js';
import type { Pod } from '../../src/model/pod.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';
import { trafficHarness } from '../support/traffic-harness.js';

/**
 * Envoy's resilience policies, hand-computed (docs/mesh/resilience.md). Every case runs
 * under `library` (the policies in the caller, no proxy cost), so the numbers are the
 * policies' alone; zero or constant network and CPU times make them exact where they can be.
 */

const run = (yaml: string): RunResult => simulate(parseScenario(yaml, 'resilience.yaml'));
const edge = (result: RunResult, from: string, to: string) =>
  result.edges.find((e) => e.from === from && e.to === to)!;

const CLUSTER = `
cluster:
  cpuScheduler: fifo
  nodePools: [{ name: big, cpu: 64, memory: 64Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
mesh: { strategy: library }`;

describe('retries with independent failures (probability p, n retries)', () => {
  const p = 0.3;
  const n = 2;
  const result = run(`
name: retries
seed: 5
duration: 40s
${CLUSTER}
services:
  back:
    replicas: 3
    concurrency: 1000
    endpoints: { get: { cpu: 1ms, errorRate: ${p} } }
    trafficPolicy:
      retries: { attempts: ${n}, retryOn: [5xx] }
workload:
  - { name: users, arrivals: poisson, rate: 500/s, target: back.get }
`);
  const calls = edge(result, 'client', 'back');
  const N = calls.requests;

  it('succeed with probability 1 − p^(n+1), within four standard errors', () => {
    const success = 1 - p ** (n + 1); // 0.973
    const observed = 1 - calls.errors / N;
    const standardError = Math.sqrt((success * (1 - success)) / N);
    expect(N).toBeGreaterThan(19_000);
    expect(Math.abs(observed - success)).toBeLessThan(4 * standardError);
    expect(calls.attemptsFailed).toBe(calls.attempts - (N - calls.errors));
  });

  it('make (1 − p^(n+1)) / (1 − p) attempts per call on average, within four standard errors', () => {
    // The tries of a call: k with probability p^(k−1)(1 − p) for k ≤ n, n + 1 with p^n.
    const probabilities = [1, 2, 3].map((k) => (k <= n ? p ** (k - 1) * (1 - p) : p ** n));
    const mean = probabilities.reduce((sum, q, i) => sum + q * (i + 1), 0);
    const variance = probabilities.reduce((sum, q, i) => sum + q * (i + 1 - mean) ** 2, 0);
    expect(mean).toBeCloseTo((1 - p ** (n + 1)) / (1 - p), 12); // 1.39
    const observed = calls.attempts / N;
    expect(Math.abs(observed - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
    expect(calls.retries).toBe(calls.attempts - N);
  });
});

describe("Envoy's jittered back-off", () => {
  it('doubles its interval from the base to the max: 25, 50, 100, 200, then 250 ms', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => backOffIntervalMs(n, 25, 250))).toEqual([
      25, 50, 100, 200, 250, 250, 250,
    ]);
  });

  it('draws each wait uniformly from the whole milliseconds below its interval', () => {
    const next = createStream(1, 'back-off').next;
    for (const retry of [1, 2, 3, 4, 5]) {
      const interval = backOffIntervalMs(retry, 25, 250);
      const draws = Array.from({ length: 20_000 }, () => backOffMs(retry, 25, 250, next()));
      expect(Math.min(...draws)).toBe(0);
      expect(Math.max(...draws)).toBe(interval - 1);
      expect(draws.every(Number.isInteger)).toBe(true);
      // Uniform on {0, ..., b − 1}: mean (b − 1) / 2, variance (b² − 1) / 12.
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const standardError = Math.sqrt((interval ** 2 - 1) / 12 / draws.length);
      expect(Math.abs(mean - (interval - 1) / 2)).toBeLessThan(4 * standardError);
    }
  });

  it('delays a retry by its draw in the simulation: one retry after an error, no other time spent', () => {
    const result = run(`
name: back-off
duration: 20s
${CLUSTER}
services:
  back:
    endpoints: { get: { cpu: 0ms, errorRate: 1 } }
    trafficPolicy:
      retries: { attempts: 1, retryOn: [5xx] }
workload:
  - { name: users, arrivals: constant, rate: 200/s, target: back.get }
`);
    // Each request fails twice; its latency is the first retry's wait, in [0, 24] ms.
    expect(result.requests.failed).toBe(result.requests.total);
    expect(result.latencyAll.maxMs).toBeLessThanOrEqual(24);
    const mean = result.latencyAll.meanMs!;
    const standardError = Math.sqrt((25 ** 2 - 1) / 12 / result.requests.total);
    expect(Math.abs(mean - 12)).toBeLessThan(4 * standardError);
  });
});

describe('a retry budget', () => {
  /**
   * 100 requests at 0 to a service that always fails, 50 ms away: all 100 first tries are
   * active until their responses come back together at 100 ms. At the k-th response, the
   * try is released (100 − k active) and a retry is allowed while the retries already out
   * are fewer than max(floor(budget% × active), 3).
   */
  const budgetRun = (percent: number) =>
    run(`
name: budget
duration: 2s
cluster:
  cpuScheduler: fifo
  nodePools: [{ name: big, cpu: 64, memory: 64Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 50ms }
mesh: { strategy: library }
services:
  back:
    concurrency: 1000
    endpoints: { get: { cpu: 0ms, errorRate: 1 } }
    trafficPolicy:
      retries: { attempts: 1, retryOn: [5xx], retryBudget: { budgetPercent: ${percent} } }
workload:
  - { name: users, arrivals: trace, trace: { format: timestamps, values: [${Array(100).fill(0).join(', ')}] }, target: back.get }
`);
  const handComputed = (percent: number) => {
    let retries = 0;
    for (let k = 1; k <= 100; k++)
      if (retries < Math.max(Math.floor((percent / 100) * (100 - k)), 3)) retries++;
    return retries;
  };

  it.each([
    [20, 16],
    [50, 33],
    [0, 3],
  ])('of %i% lets %i of 100 failed calls retry, the rest refused', (percent, expected) => {
    expect(handComputed(percent)).toBe(expected);
    const calls = edge(budgetRun(percent), 'client', 'back');
    expect(calls.retries).toBe(expected);
    expect(calls.retryBudgetRefusals).toBe(100 - expected);
    expect(calls.attempts).toBe(100 + expected);
    expect(calls.errors).toBe(100);
  });
});

describe('a circuit breaker', () => {
  /** 10 requests at 0 to one pod that takes 100 ms each, on HTTP/1.1 connections. */
  const breakerRun = (breaker: string, connections: string) =>
    run(`
name: breaker
duration: 2s
${CLUSTER}
services:
  back:
    concurrency: 100
    ${connections}
    endpoints: { get: { cpu: 100ms } }
    trafficPolicy:
      circuitBreaker: ${breaker}
workload:
  - { name: users, arrivals: trace, trace: { format: timestamps, values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, target: back.get }
`);

  it("set in part, it leaves the rest at Istio's 2^32 - 1: ten failing calls retry at once, not three (Envoy's bare default)", () => {
    const result = run(`
name: breaker-in-part
duration: 2s
${CLUSTER}
services:
  back:
    concurrency: 100
    endpoints: { get: { cpu: 100ms, errorRate: 100% } }
    trafficPolicy:
      retries: { attempts: 1, retryOn: [5xx], backOff: { baseInterval: 1ms } }
      circuitBreaker: { maxRequests: 1000 }
workload:
  - { name: users, arrivals: trace, trace: { format: timestamps, values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, target: back.get }
`);
    const calls = edge(result, 'client', 'back');
    expect(calls.retryOverflows).toBe(0);
    expect(calls.retries).toBe(10);
    const envoyBare = run(`
name: breaker-bare
duration: 2s
${CLUSTER}
services:
  back:
    concurrency: 100
    endpoints: { get: { cpu: 100ms, errorRate: 100% } }
    trafficPolicy:
      retries: { attempts: 1, retryOn: [5xx], backOff: { baseInterval: 1ms } }
      circuitBreaker: { maxRequests: 1000, maxRetries: 3 }
workload:
  - { name: users, arrivals: trace, trace: { format: timestamps, values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, target: back.get }
`);
    expect(edge(envoyBare, 'client', 'back').retryOverflows).toBe(7);
  });

  it('with 2 connections and max pending 3 sends 2, queues 3 and rejects exactly the other 5 with 503 UO', () => {
    const result = breakerRun('{ maxConnections: 2, maxPendingRequests: 3 }', 'connections: {}');
    expect(result.requests.byCause.circuit_open).toBe(5);
    expect(result.requests.succeeded).toBe(5);
    expect(edge(result, 'client', 'back').circuitBreakerOverflows).toBe(5);
    // The five sent: two at 0, then the three that waited, as connections came free.
    expect(result.latency.maxMs).toBe(300);
  });

  it('with max requests 4 sends 4 and rejects the other 6 at once', () => {
    const result = breakerRun('{ maxRequests: 4 }', '');
    expect(result.requests.byCause.circuit_open).toBe(6);
    expect(result.requests.succeeded).toBe(4);
    // The four sent end at 100 ms; the six refused, at once.
    expect(result.latency.maxMs).toBe(100);
    expect(result.latencyAll.p50Ms).toBe(0);
  });
});

describe('outlier detection', () => {
  const pods = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}` }) as Pod);
  const settings = {
    consecutive5xx: 5,
    consecutiveGateway: 0,
    intervalMs: 10_000,
    baseEjectionMs: 30_000,
    maxEjectionMs: 300_000,
    maxEjectionPercent: 100,
    alwaysEjectOneHost: false,
    minHealthPercent: 0,
  };
  /** Feeds `count` errors from `pod` at `atMs`; `hosts` pods in the caller's view. */
  const failAt = (
    sim: Simulation,
    detector: OutlierDetector,
    pod: Pod,
    atMs: number,
    hosts = pods(2),
  ) =>
    sim.scheduleAt(
      atMs,
      () => {
        for (let i = 0; i < 5; i++) detector.observe(pod, 'error', hosts, true);
      },
      undefined,
    );
  const ejectedAt = (sim: Simulation, detector: OutlierDetector, pod: Pod, atMs: number) => {
    let ejected: boolean | undefined;
    sim.scheduleAt(
      atMs,
      () => {
        ejected = detector.isEjected(pod);
      },
      undefined,
    );
    return () => ejected;
  };

  it('ejects at the fifth consecutive 5xx and returns the pod at the first 10 s sweep 30 s later', () => {
    const sim = new Simulation();
    const kinds: string[] = [];
    const detector = new OutlierDetector(sim, settings, (kind) => kinds.push(kind));
    const [bad] = pods(1) as [Pod];
    failAt(sim, detector, bad, 1000);
    // Ejected at 1 s for 30 s: out until the sweep at 40 s (sweeps at 10, 20, 30, 40 s).
    const checks = [999, 1000, 39_999, 40_000].map((t) => ejectedAt(sim, detector, bad, t));
    sim.run({ until: 60_000 });
    expect(checks.map((c) => c())).toEqual([false, true, true, false]);
    expect(kinds).toEqual(['detected', 'enforced']);
  });

  it('ejects a pod again soon after its return for twice as long', () => {
    const sim = new Simulation();
    const detector = new OutlierDetector(sim, settings, () => {});
    const [bad] = pods(1) as [Pod];
    failAt(sim, detector, bad, 1000);
    failAt(sim, detector, bad, 41_000);
    // Back at 40 s; ejected again at 41 s (no quiet sweep yet): 2 × 30 s, out until 110 s.
    const checks = [40_500, 41_000, 109_999, 110_000].map((t) => ejectedAt(sim, detector, bad, t));
    sim.run({ until: 200_000 });
    expect(checks.map((c) => c())).toEqual([false, true, true, false]);
  });

  it('counts a successful response between errors as a reset of the count', () => {
    const sim = new Simulation();
    const detector = new OutlierDetector(sim, settings, () => {});
    const [pod] = pods(1) as [Pod];
    for (let i = 0; i < 4; i++) detector.observe(pod, 'error', [pod], true);
    detector.observe(pod, undefined, [pod], true);
    for (let i = 0; i < 4; i++) detector.observe(pod, 'overflow', [pod], true);
    expect(detector.isEjected(pod)).toBe(false);
    detector.observe(pod, 'connect_failure', [pod], true);
    expect(detector.isEjected(pod)).toBe(true);
  });

  it('at the default 10% ejects none of 9 pods (detected, not enforced), and one of 10', () => {
    const sim = new Simulation();
    const kinds: string[] = [];
    const tenPercent = { ...settings, maxEjectionPercent: 10 };
    const detector = new OutlierDetector(sim, tenPercent, (kind) => kinds.push(kind));
    const [a, b] = pods(2) as [Pod, Pod];
    for (let i = 0; i < 5; i++) detector.observe(a, 'error', pods(9), true);
    expect(detector.isEjected(a)).toBe(false);
    expect(kinds).toEqual(['detected']);
    for (let i = 0; i < 5; i++) detector.observe(b, 'error', pods(10), true);
    expect(detector.isEjected(b)).toBe(true);
    // With alwaysEjectOneHost, one of 9 may go.
    const always = new OutlierDetector(sim, { ...tenPercent, alwaysEjectOneHost: true }, () => {});
    for (let i = 0; i < 5; i++) always.observe(a, 'error', pods(9), true);
    expect(always.isEjected(a)).toBe(true);
  });
});

describe('a per-try timeout', () => {
  /** Tries that need 100 ms of CPU, a 50 ms per-try timeout, one retry. */
  const harness = (hostSelection: number) =>
    trafficHarness(`
name: per-try
duration: 100s
${CLUSTER}
services:
  back:
    replicas: 2
    loadBalancer: random
    onClientGone: cancel
    endpoints: { get: { cpu: 100ms } }
    trafficPolicy:
      retries:
        attempts: 1
        perTryTimeout: 50ms
        retryOn: [5xx]
        hostSelectionRetryMaxAttempts: ${hostSelection}
workload:
  - { name: users, arrivals: constant, rate: 1/s, target: back.get }
`);

  it('cancels each try at 50 ms and sends the retry to the other pod', () => {
    const h = harness(100);
    for (let i = 0; i < 100; i++) h.send(i * 1000, 'back.get');
    h.sim.run({ until: 200_000 });
    expect(h.endings).toHaveLength(100);
    expect(h.endings.every((e) => e.failure === 'deadline_exceeded')).toBe(true);
    // Each request: a try on one pod and its retry on the other, each cut at 50 ms of CPU.
    expect([h.pod('back', 0).served, h.pod('back', 1).served]).toEqual([100, 100]);
    for (const ending of h.endings) {
      const latency = ending.atMs - ending.request.startedAt;
      expect(latency).toBeGreaterThanOrEqual(100);
      expect(latency).toBeLessThanOrEqual(124);
    }
    const calls = h.edge('client', 'back');
    expect([calls.stats.requests, calls.attempts.attempts, calls.attempts.failed]).toEqual([
      100, 200, 200,
    ]);
  });

  it('without the previous-hosts re-pick sends retries to either pod at random', () => {
    const h = harness(0);
    for (let i = 0; i < 100; i++) h.send(i * 1000, 'back.get');
    h.sim.run({ until: 200_000 });
    expect(h.pod('back', 0).served + h.pod('back', 1).served).toBe(200);
    expect(h.pod('back', 0).served).not.toBe(100);
  });
});

describe("a caller's picks with outlier detection", () => {
  it('leave an ejected pod out of every pick until it returns', async () => {
    const { CallerPolicy } = await import('../../src/model/mesh/resilience/caller-policy.js');
    const sim = new Simulation();
    const policy = new CallerPolicy(
      sim,
      {
        routeTimeoutMs: undefined,
        retry: undefined,
        breaker: undefined,
        outlier: {
          consecutive5xx: 5,
          consecutiveGateway: 0,
          intervalMs: 10_000,
          baseEjectionMs: 30_000,
          maxEjectionMs: 300_000,
          maxEjectionPercent: 25,
          alwaysEjectOneHost: false,
          minHealthPercent: 0,
        },
      },
      () => 0.5,
    );
    const four = Array.from({ length: 4 }, (_, i) => ({ name: `p${i}` }) as Pod);
    const bad = four[0]!;
    const attemptOn = (pod: Pod) =>
      ({
        picked: pod,
        pod,
        call: { request: { measured: false }, target: {}, callerZone: undefined },
      }) as unknown as Parameters<typeof policy.observed>[0];
    for (let i = 0; i < 5; i++) policy.observed(attemptOn(bad), 'error', four);
    // The balancer offered the ejected pod first every time: it is never taken.
    let turn = 0;
    const pickInTurn = (pods: readonly Pod[]) => pods[turn++ % pods.length]!;
    const picks = Array.from({ length: 30 }, () => policy.choose(four, attemptOn(bad), pickInTurn));
    expect(picks).not.toContain(bad);
    expect(new Set(picks).size).toBe(3);
    sim.run({ until: 30_001 }); // ejected at 0 for 30 s: back at the sweep at 30 s
    expect(policy.choose(four, attemptOn(bad), (pods) => pods[0]!)).toBe(bad);
  });
});

describe('peak-EWMA', () => {
  it('takes a slower response at once (the peak) and decays with e^(−Δt/10 s) otherwise', async () => {
    const { PeakEwma } = await import('../../src/model/mesh/resilience/peak-ewma.js');
    const sim = new Simulation();
    const ewma = new PeakEwma(sim);
    const pod = { name: 'p' } as Pod;
    expect(ewma.cost(pod, 0)).toBe(30); // never measured: Linkerd's default 30 ms
    ewma.observe(pod, 100);
    expect(ewma.cost(pod, 2)).toBe(300); // 100 ms × (2 pending + 1)
    sim.scheduleAt(10_000, () => ewma.observe(pod, 20), undefined);
    sim.run({ until: 10_001 });
    // 10 s later a 20 ms response: 100 e^−1 + 20 (1 − e^−1).
    const expected = 100 * Math.exp(-1) + 20 * (1 - Math.exp(-1));
    expect(ewma.cost(pod, 0)).toBeCloseTo(expected * Math.exp(-1 / 10_000), 9);
  });

  it('sends fewer calls to a pod that answers slowly', () => {
    const result = run(`
name: ewma
duration: 30s
${CLUSTER}
services:
  back:
    replicas: 2
    loadBalancer: peak-ewma
    endpoints: { get: { cpu: 5ms } }
workload:
  - { name: users, arrivals: poisson, rate: 300/s, target: back.get }
events:
  - at: 0s
    setTemplate: { service: back, version: slow, endpoints: { get: { cpu: 20ms } } }
  - { at: 0s, deletePod: back-0 }
`);
    // back-0 is replaced at once by back-2, the slow version; back-1 stays fast.
    const served = (name: string) => result.pods.find((p) => p.pod === name)!.requests;
    expect(served('back-1')).toBeGreaterThan(3 * served('back-2'));
  });
});

describe('outlier detection with subsets: a bad pod alone in its version', () => {
  /**
   * api-3 is v2's only pod and fails every call from 1 s on; half the calls go to v2.
   * Istio makes an Envoy cluster per subset: v2's has one host, whose ejection would be
   * 100% of it. Ejected anyway, Istio's default (minHealthPercent 0: no panic threshold)
   * leaves v2's cluster with no healthy host; Envoy's own 50% would balance over all of it.
   */
  const run2 = (outlier: string) =>
    run(`
name: subset-outlier
seed: 3
duration: 20s
${CLUSTER}
services:
  api:
    versions: { v1: { replicas: 3 }, v2: { replicas: 1 } }
    routing: { split: { v1: 50%, v2: 50% } }
    trafficPolicy:
      outlierDetection: { consecutive5xxErrors: 5, maxEjectionPercent: 30, ${outlier} }
    endpoints: { get: { cpu: 1ms } }
workload:
  - { name: users, arrivals: poisson, rate: 100/s, target: api.get }
events:
  - { at: 1s, breakPod: { pod: api-3, errorRate: 100% } }
`);
  const v2Share = (result: RunResult) =>
    result.versions!.find((v) => v.version === 'v2')!.requests / result.requests.total;

  it('is detected but never ejected: 1 of 1 is over maxEjectionPercent (30%), though 1 of 4 pods is not', () => {
    const result = run2('alwaysEjectOneHost: false');
    const calls = edge(result, 'client', 'api');
    expect(calls.ejectionsDetected).toBeGreaterThan(0);
    expect(calls.ejectionsEnforced).toBe(0);
  });

  it("ejected anyway (alwaysEjectOneHost), under Istio's default (no panic) v2's calls find no healthy upstream: 503 UH", () => {
    const result = run2('alwaysEjectOneHost: true');
    expect(edge(result, 'client', 'api').ejectionsEnforced).toBeGreaterThan(0);
    expect(result.requests.byCause.unavailable).toBeGreaterThan(0);
  });

  it("with minHealthPercent 50 (Envoy's own default), the ejected pod keeps v2's half of the calls: panic", () => {
    const result = run2('alwaysEjectOneHost: true, minHealthPercent: 50');
    expect(edge(result, 'client', 'api').ejectionsEnforced).toBeGreaterThan(0);
    expect(result.requests.byCause.unavailable).toBe(0);
    expect(Math.abs(v2Share(result) - 0.5)).toBeLessThan(0.03);
  });
});
