import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

describe('the cost ledger', () => {
  it('bills node-hours and the control plane over the duration, and per million requests', () => {
    const result = simulate(loadScenario('cost-eks'));
    // 3 m5.large × 0.096 USD/h × 0.5 h = 0.144; control plane 0.10 × 0.5 = 0.05.
    expect(result.cost.nodeUsd).toBeCloseTo(0.144, 12);
    expect(result.cost.controlPlaneUsd).toBeCloseTo(0.05, 12);
    expect(result.cost.totalUsd).toBeCloseTo(0.194, 12);
    // A request every 5 ms for 1800 s: 360,000 requests; 0.194 / 0.36 USD per million.
    expect(result.requests.total).toBe(360_000);
    expect(result.cost.perMillionRequestsUsd).toBeCloseTo(0.194 / 0.36, 12);
    // Every request succeeds here, so useful work costs the same per million.
    expect(result.cost.perMillionSucceededUsd).toBe(result.cost.perMillionRequestsUsd);
    expect(result.cost.periodMs).toBe(1_800_000);
  });

  it('bills what useful work cost: per million successful requests, none when none succeeded', () => {
    const scenario = loadScenario('cost-eks');
    scenario.services.api!.endpoints.get!.errorRate = 0.25;
    const result = simulate(scenario);
    const { total, succeeded } = result.requests;
    expect(succeeded).toBeLessThan(total);
    expect(result.cost.perMillionSucceededUsd).toBeCloseTo((0.194 / succeeded) * 1e6, 9);
    scenario.services.api!.replicas = 0;
    const noneServed = simulate(scenario);
    expect(noneServed.requests.succeeded).toBe(0);
    expect(noneServed.cost.perMillionSucceededUsd).toBeNull();
    expect(noneServed.cost.perMillionRequestsUsd).toBeCloseTo((0.194 / 0.36) * 1, 9);
  });
});
