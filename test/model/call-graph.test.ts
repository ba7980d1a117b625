import { describe, expect, it } from 'vitest';
import type { EdgeMetrics, RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { normalQuantile } from '../support/batch-means.js';
import { loadScenario, replicate, tInterval } from '../support/scenario-files.js';

/**
 * Requests through call graphs: sequential chains add their stations' response times, a
 * parallel step waits for its slowest branch, and every hop pays the network both ways.
 * Deterministic cases (constant times, requests that never overlap) are checked exactly;
 * random ones against theory with tolerances derived below.
 */

const CONFIDENCE = 0.999;

function edge(result: RunResult, from: string, to: string): EdgeMetrics {
  const found = result.edges.find((e) => e.from === from && e.to === to);
  if (found === undefined) throw new Error(`no edge ${from} -> ${to}`);
  return found;
}

/** Mean CPU time of an endpoint whose cpu is exponential(mean=...). */
function exponentialMeanMs(scenario: Scenario, service: string, endpoint: string): number {
  const cpu = scenario.services[service]!.endpoints[endpoint]!.cpu;
  if (cpu.kind !== 'exponential') throw new Error(`${service}.${endpoint} is not exponential`);
  return cpu.mean;
}

describe('a chain of stations (Jackson network)', () => {
  it('a chain of three M/M/1 stations adds their mean response times', () => {
    const scenario = loadScenario('chain-three-stations');
    const workload = scenario.workload[0]!;
    if (workload.arrivals !== 'poisson') throw new Error('expected Poisson arrivals');
    const lambda = workload.rate / 1000;
    // Every station sees the full Poisson stream (Burke: an M/M/1 departure stream is
    // Poisson), so each is M/M/1 with sojourn mean S / (1 - lambda S).
    const sojourn = (service: string) => {
      const s = exponentialMeanMs(scenario, service, 'work');
      return s / (1 - lambda * s);
    };
    const expected = sojourn('a') + sojourn('b') + sojourn('c'); // 2 + 4.67 + 8 = 14.67 ms

    // 20 independent replications, 99.9% t-interval of their means (see
    // single-service-queueing.test.ts for the reasoning).
    const runs = replicate(scenario, 20);
    for (const run of runs) expect(run.requests.failed).toBe(0);
    const endToEnd = tInterval(
      runs.map((r) => r.latency.meanMs!),
      CONFIDENCE,
    );
    console.log(
      'chain end to end (ms): theory',
      expected,
      'simulated',
      endToEnd.mean,
      '±',
      endToEnd.halfWidth,
    );
    expect(endToEnd.relativeHalfWidth).toBeLessThan(0.06);
    expect(endToEnd.lower).toBeLessThanOrEqual(expected);
    expect(endToEnd.upper).toBeGreaterThanOrEqual(expected);

    // The last station alone: its service latency is its own M/M/1 sojourn.
    const leaf = tInterval(
      runs.map((r) => r.services.find((s) => s.service === 'c')!.latency.meanMs!),
      CONFIDENCE,
    );
    console.log(
      'chain station c (ms): theory',
      sojourn('c'),
      'simulated',
      leaf.mean,
      '±',
      leaf.halfWidth,
    );
    expect(leaf.lower).toBeLessThanOrEqual(sojourn('c'));
    expect(leaf.upper).toBeGreaterThanOrEqual(sojourn('c'));
  });
});

describe('a parallel step waits for its slowest branch', () => {
  it('with constant times, latency is ingress + caller CPU + the slowest branch, exactly', () => {
    const result = simulate(loadScenario('fanout-constant'));
    // Constant arrivals every 100 ms over 10 s: at 0, 100, ..., 9900 ms.
    expect(result.requests.total).toBe(100);
    expect(result.requests.succeeded).toBe(100);
    // mean = max = 26 means every request took exactly 26 ms.
    expect(result.latency.meanMs).toBe(26);
    expect(result.latency.maxMs).toBe(26);
    // Each edge as its caller sees it: 1 ms out, the callee's CPU, 1 ms back.
    expect(edge(result, 'front', 'left').latency.maxMs).toBe(7);
    expect(edge(result, 'front', 'right').latency.maxMs).toBe(22);
    expect(edge(result, 'client', 'front').latency.meanMs).toBe(26);
  });

  it('with exponential branches at low load, the mean is S + 1/mu1 + 1/mu2 - 1/(mu1 + mu2)', () => {
    const scenario = loadScenario('fanout-exponential');
    const front = exponentialMeanMs(scenario, 'front', 'get');
    const left = exponentialMeanMs(scenario, 'left', 'work');
    const right = exponentialMeanMs(scenario, 'right', 'work');
    const meanOfMin = 1 / (1 / left + 1 / right);
    const expected = front + left + right - meanOfMin; // 2 + 5 + 20 - 4 = 23 ms
    // No request ever waits, so latencies are i.i.d. draws of S + max(X, Y) and the
    // sample mean has variance Var / n with Var = Var(S) + Var(max), where
    // E[max^2] = E[X^2] + E[Y^2] - E[min^2] (min ~ Exp with mean meanOfMin):
    const meanOfMax = left + right - meanOfMin;
    const varianceOfMax = 2 * left ** 2 + 2 * right ** 2 - 2 * meanOfMin ** 2 - meanOfMax ** 2;
    const variance = front ** 2 + varianceOfMax; // 4 + 377 = 381 ms^2
    const result = simulate(scenario);
    const n = result.latency.count;
    const halfWidth = normalQuantile(0.5 + CONFIDENCE / 2) * Math.sqrt(variance / n);
    console.log(
      'fan-out exponential (ms): theory',
      expected,
      'simulated',
      result.latency.meanMs,
      '±',
      halfWidth,
    );
    expect(n).toBeGreaterThan(15_000);
    expect(Math.abs(result.latency.meanMs! - expected)).toBeLessThanOrEqual(halfWidth);
  });
});

describe('the network adds its latency to every hop, both ways', () => {
  it('a hop within a zone adds exactly twice the same-zone latency', () => {
    const result = simulate(loadScenario('network-same-zone'));
    expect(result.requests.succeeded).toBe(50);
    expect(result.latency.meanMs).toBe(12);
    expect(result.latency.maxMs).toBe(12);
    expect(edge(result, 'front', 'back').latency.maxMs).toBe(2 * 2 + 4);
  });

  it('pods placed in different zones pay the cross-zone latency on their hop', () => {
    const result = simulate(loadScenario('network-cross-zone'));
    const zoneOf = (service: string) => result.pods.find((p) => p.service === service)?.zone;
    expect([zoneOf('front'), zoneOf('back')].sort()).toEqual(['a', 'b']);
    expect(result.requests.succeeded).toBe(50);
    expect(result.latency.meanMs).toBe(22);
    expect(result.latency.maxMs).toBe(22);
    expect(edge(result, 'front', 'back').latency.maxMs).toBe(2 * 7 + 4);
    // The client's hop is ingress, wherever the entry pod runs.
    expect(edge(result, 'client', 'front').latency.maxMs).toBe(22);
  });
});
