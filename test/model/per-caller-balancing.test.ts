import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario, ServiceConfig } from '../../src/scenario/schema.js';
import { loadScenario } from '../support/scenario-files.js';

function withService(scenario: Scenario, name: string, change: Partial<ServiceConfig>): Scenario {
  const service = { ...scenario.services[name]!, ...change };
  return { ...scenario, services: { ...scenario.services, [name]: service } };
}

function backendMeanMs(result: RunResult): number {
  return result.services.find((s) => s.service === 'backend')!.latency.meanMs!;
}

/**
 * Twelve callers, three backend pods at utilization 0.9 (the fixture). One least-request
 * balancer shared by every caller sees all their requests; a balancer per caller (each
 * Envoy sidecar) sees only its own: about one each (Little's law: 2700/s × 4.4 to 5.8 ms
 * is 12 to 16 in flight, over 12 callers). Same seed, same streams for arrivals and CPU
 * times (common random numbers); only routing differs.
 */
describe('least-request per caller against one shared by all callers (12 callers)', () => {
  const scenario = loadScenario('lb-twelve-callers');
  const shared = simulate(withService(scenario, 'backend', { clients: 'shared' }));
  const perCaller = simulate(scenario);
  const random = simulate(
    withService(scenario, 'backend', { clients: 'shared', loadBalancer: 'random' }),
  );

  it('a caller that sees only its own requests balances worse than one that sees all', () => {
    // Measured: 4.43 ms shared, 5.77 ms per caller, 10.19 ms random (docs/validation.md).
    expect(perCaller.requests.total).toBe(shared.requests.total);
    expect(backendMeanMs(perCaller)).toBeGreaterThan(1.15 * backendMeanMs(shared));
    expect(perCaller.latency.p99Ms!).toBeGreaterThan(shared.latency.p99Ms!);
  });

  it('yet far better than random: its own outstanding requests still track the slow pod', () => {
    expect(backendMeanMs(perCaller)).toBeLessThan(0.7 * backendMeanMs(random));
    expect(perCaller.latency.p99Ms!).toBeLessThan(0.6 * random.latency.p99Ms!);
  });
});

describe('zone-aware routing with a client per caller', () => {
  it('still sends exactly the zone without a cart pod across zones: 1/3 of the calls', () => {
    const scenario = withService(loadScenario('zone-aware-routing'), 'cart', {
      clients: 'per-caller',
    });
    expect(simulate(scenario).network.crossZoneCallsPerRequest).toBe(1 / 3);
  });
});

describe('a client per caller is the default: shared only when asked', () => {
  it('a service without clients routes as with clients: per-caller (same bytes)', () => {
    const scenario = loadScenario('zone-aware-routing');
    const explicit = withService(scenario, 'cart', { clients: 'per-caller' });
    expect(JSON.stringify(simulate(explicit))).toBe(JSON.stringify(simulate(scenario)));
  });
});
