import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario, ServiceConfig } from '../../src/scenario/schema.js';
import { expectedMaxOfThreeBins } from '../support/balls-in-bins.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * Connection pinning (the gRPC load-imbalance problem): kube-proxy picks a pod per new
 * connection, so a caller's long-lived connections fix where its requests go. The fixture:
 * 3 caller pods, each sending exactly a third of the requests, to 3 backend pods.
 */
const base = loadScenario('connection-pinning');

function withBackend(change: Partial<ServiceConfig>): Scenario {
  const backend = { ...base.services.backend!, ...change };
  return { ...base, services: { ...base.services, backend } };
}

/** The busiest backend pod's requests over the fair share (a third of them). */
function busiestShare(result: RunResult): number {
  const counts = result.pods.filter((p) => p.service === 'backend').map((p) => p.requests);
  const total = counts.reduce((sum, n) => sum + n, 0);
  return Math.max(...counts) / (total / 3);
}

function busiestOverSeeds(scenario: Scenario, runs: number): { mean: number; sd: number } {
  const shares = Array.from({ length: runs }, (_, i) =>
    busiestShare(simulate(scenario, { seed: 1 + i })),
  );
  const mean = shares.reduce((sum, x) => sum + x, 0) / runs;
  const variance = shares.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (runs - 1);
  return { mean, sd: Math.sqrt(variance) };
}

describe('connection pinning under kube-proxy', () => {
  it('balls in bins: 3 connections into 3 pods put E[max] = 17/9 of the fair share on the busiest', () => {
    // All distinct (6/27): 1; all on one (3/27): 3; otherwise (18/27): 2.
    expect(expectedMaxOfThreeBins(3)).toBeCloseTo(17 / 9, 12);
    expect(expectedMaxOfThreeBins(30) / 10).toBeCloseTo(1.27173, 5);
  });

  it('gRPC, one HTTP/2 connection per caller: the busiest pod averages 17/9 ≈ 1.89 of its fair share', () => {
    // Each run's share is 1, 2 or 3 (sd 0.567 in theory). Over 200 seeds the standard error
    // is about 0.04; four of them is the tolerance (a correct model misses it 1 in 16,000).
    const runs = 200;
    const { mean, sd } = busiestOverSeeds(base, runs);
    const tolerance = (4 * sd) / Math.sqrt(runs);
    expect(tolerance).toBeLessThan(0.2);
    expect(Math.abs(mean - 17 / 9)).toBeLessThan(tolerance);
  });

  it('HTTP/1.1 pools of 10 (kept busy): the busiest pod near even, at 30 connections in 3 bins, 1.27', () => {
    // The load keeps more than 10 calls in flight per caller, so every pool opens all 10
    // connections and uses them alike: load follows connections, 30 balls into 3 bins.
    const http1 = {
      ...withBackend({
        connections: { protocol: 'http1', maxConnections: 10, idleTimeout: 3_600_000 },
      }),
      workload: [{ ...base.workload[0]!, rate: 1800 }],
    } as Scenario;
    const runs = 60;
    const { mean, sd } = busiestOverSeeds(http1, runs);
    const tolerance = (4 * sd) / Math.sqrt(runs);
    expect(tolerance).toBeLessThan(0.1);
    expect(Math.abs(mean - expectedMaxOfThreeBins(30) / 10)).toBeLessThan(tolerance);
  });

  it('balancing per request (round-robin, each caller its own turn): pods within one call per caller', () => {
    // Each caller's round-robin gives the pods its calls in turn, so their counts from it
    // differ by at most one; over three callers, by at most three.
    const perRequest = withBackend({ loadBalancer: 'round-robin' });
    for (let seed = 1; seed <= 5; seed++) {
      const counts = simulate(perRequest, { seed })
        .pods.filter((p) => p.service === 'backend')
        .map((p) => p.requests);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
    }
  });

  it('opening a connection costs a round trip before the request; reusing one costs nothing', () => {
    // 1 ms from the client, 0.1 ms in frontend, 10 ms each way to backend, 0.5 ms there:
    // 22.6 ms on an open connection. A caller's first call to a pod opens one first: 20 ms
    // more (calls put on it meanwhile wait for it), 42.6 ms at most.
    const result = simulate(withBackend({ loadBalancer: 'round-robin' }));
    expect(result.latency.p50Ms).toBeCloseTo(22.6, 1);
    expect(result.latency.maxMs).toBeCloseTo(42.6, 9);
  });
});
