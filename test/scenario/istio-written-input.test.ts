import { describe, expect, it } from 'vitest';
import { parseScenario, type ScenarioError } from '../../src/scenario/index.js';

/** A callee whose policy and routing are written the way Istio's own resources write them. */
function scenario(db: string): string {
  return `name: istio-written
duration: 5s
mesh: { strategy: sidecar }
services:
  api:
    endpoints:
      get: { cpu: 1ms, calls: [db.query] }
  db:
    versions: { v1: { replicas: 1 }, v2: { replicas: 1 } }
${db}
    endpoints:
      query: { cpu: 1ms }
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }
`;
}

function problems(db: string): string[] {
  try {
    parseScenario(scenario(db), 's.yaml');
    return [];
  } catch (error) {
    return (error as ScenarioError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

describe('input written as Istio writes it', () => {
  it('percents out of 100 are taken with or without their sign, as Envoy and Istio write them', () => {
    const parsed = parseScenario(
      scenario(
        '    trafficPolicy:\n      outlierDetection: { maxEjectionPercent: "50%", minHealthPercent: 10 }',
      ),
    );
    const outlier = parsed.services.db!.trafficPolicy!.outlierDetection!;
    expect([outlier.maxEjectionPercent, outlier.minHealthPercent]).toEqual([50, 10]);
    expect(
      problems('    trafficPolicy:\n      retries: { retryBudget: { budgetPercent: 150 } }'),
    ).toEqual([
      'services.db.trafficPolicy.retries.retryBudget.budgetPercent: expected a percent from 0 to 100, like 10 or 10%; got 150',
    ]);
  });

  it("Istio's integer route weights get the way to write them", () => {
    expect(problems('    routing:\n      split: { v1: 90, v2: 10 }')).toEqual([
      'services.db.routing.split.v1: expected a probability between 0 and 1, or a percentage like 2.5%; got 90; for 90 percent write 90%',
      'services.db.routing.split.v2: expected a probability between 0 and 1, or a percentage like 2.5%; got 10; for 10 percent write 10%',
    ]);
  });

  it("Istio's connection pool names are answered with msasim's", () => {
    expect(problems('    trafficPolicy:\n      circuitBreaker: { http2MaxRequests: 100 }')).toEqual(
      [expect.stringContaining('unknown field "http2MaxRequests"; did you mean "maxRequests"?')],
    );
  });
});
