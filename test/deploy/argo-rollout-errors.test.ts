import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';

const BASE = `name: argo
duration: 60s
cluster:
  provider: none
  nodePools: [{ name: big, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 1 }]
workload: [{ name: users, arrivals: constant, rate: 10/s, target: web.get }]
`;

/** The loader's error lines for a scenario whose web service has this strategy (and events). */
function problems(strategy: string, extra = ''): string[] {
  const text = `${BASE}services:
  web:
    replicas: 3
    endpoints: { get: { cpu: 1ms } }
    strategy: ${strategy}
${extra}`;
  try {
    parseScenario(text, 'argo.yaml');
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  return [];
}

describe('an Argo Rollouts strategy is refused where Argo refuses it, with a located error', () => {
  it('refuses canary and blueGreen together', () => {
    expect(problems('{ canary: {}, blueGreen: {} }')).toEqual([
      'argo.yaml:11:40: services.web.strategy.blueGreen: canary and blueGreen may not both be given (Argo Rollouts: "Multiple Strategies can not be listed"): keep one',
    ]);
  });

  it('refuses a setWeight outside 0..100 in the words of every bound: the field, what is allowed, what was given', () => {
    expect(
      problems(
        '{ canary: { steps: [{ setWeight: 101 }, { setWeight: -5 }, { setWeight: 12.5 }] } }',
      ),
    ).toEqual([
      'argo.yaml:11:48: services.web.strategy.canary.steps[0].setWeight: expected a whole number >= 0 and <= 100, got 101',
      'argo.yaml:11:68: services.web.strategy.canary.steps[1].setWeight: expected a whole number >= 0 and <= 100, got -5',
      'argo.yaml:11:87: services.web.strategy.canary.steps[2].setWeight: expected a whole number >= 0 and <= 100, got 12.5',
    ]);
  });

  it('refuses a step with two actions, and an analysis step without a count', () => {
    const found = problems(
      `{ canary: { steps: [{ setWeight: 5, pause: {} }, { analysis: { metrics: [{ name: e, interval: 10s, successCondition: "errorRate < 1%" }] } }] } }`,
    );
    expect(found).toEqual([
      'argo.yaml:11:35: services.web.strategy.canary.steps[0]: a step is exactly one of setWeight, pause or analysis',
      'argo.yaml:11:88: services.web.strategy.canary.steps[1].analysis.metrics[0].count: an analysis step needs a count: without one it would never end',
    ]);
  });

  it('refuses a successCondition outside its small syntax', () => {
    const found = problems(
      '{ canary: { analysis: { metrics: [{ name: e, interval: 10s, successCondition: "result[0] < 0.01" }] } } }',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^argo\.yaml:11:\d+: services\.web\.strategy\.canary\.analysis\.metrics\[0\]\.successCondition: must be one comparison: `errorRate <= 1%`/,
    );
  });

  it('refuses traffic routing without a mesh, and promote on a service with no Argo strategy', () => {
    const found = problems(
      '{ canary: { trafficRouting: mesh } }',
      `  api:
    replicas: 1
    endpoints: { get: { cpu: 1ms } }
events:
  - { at: 10s, promote: { service: api } }
`,
    );
    expect(found).toEqual([
      'argo.yaml:11:43: services.web.strategy.canary.trafficRouting: routes calls by version through the mesh, and mesh.strategy is none (kube-proxy knows no versions): set mesh.strategy (e.g. sidecar), or use a canary without trafficRouting',
      'argo.yaml:16:36: events[0].promote.service: service "api" has no Argo Rollouts strategy (strategy.canary or strategy.blueGreen): promote and abort act on an Argo Rollout',
    ]);
  });
});
