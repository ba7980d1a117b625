import { describe, expect, it } from 'vitest';
import { parseScenario, printScenario, ScenarioError } from '../../src/scenario/index.js';
import { scenarioWarnings } from '../../src/scenario/warnings.js';

/**
 * A Deployment sized for its mean load as the HPA would settle it:
 * clamp(ceil(demand / (target × request)), min, max), resolved when the scenario is loaded.
 */
function sized(
  rate: string,
  replicas: string,
  extra = '',
): { replicas: number; unclamped: number | undefined } {
  const scenario = parseScenario(
    `name: sized
duration: 1m
services:
  api:
    replicas: ${replicas}
    resources: { requests: { cpu: 500m } }
    endpoints:
      get: { cpu: 12ms }
${extra}workload:
  - { name: users, arrivals: poisson, rate: ${rate}, target: api.get }
`,
    'sized.yaml',
  );
  const api = scenario.services.api!;
  return { replicas: api.replicas, unclamped: api.replicaSizing?.unclamped };
}

function problem(text: string): string {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

const TARGET = '{ targetCPUUtilization: 60%, min: 2, max: 100 }';

describe('right-sized replicas', () => {
  it('200 req/s of 12 ms CPU is 2.4 cores; at 60% of 500m a pod takes 0.3: exactly 8 replicas', () => {
    expect(sized('200/s', TARGET)).toEqual({ replicas: 8, unclamped: 8 });
  });

  it('201 req/s asks 2.412 cores, 8.04 pods worth: 9 replicas, the next whole pod', () => {
    expect(sized('201/s', TARGET)).toEqual({ replicas: 9, unclamped: 9 });
  });

  it('199 req/s asks 2.388 cores, 7.96 pods worth: 8 replicas', () => {
    expect(sized('199/s', TARGET)).toEqual({ replicas: 8, unclamped: 8 });
  });

  it('min raises a small load: 10 req/s needs 1 pod (0.12 / 0.3), min 2 gives 2', () => {
    expect(sized('10/s', TARGET)).toEqual({ replicas: 2, unclamped: 1 });
  });

  it('max caps a large load: 2,000 req/s needs 80 pods, max 50 gives 50', () => {
    expect(sized('2000/s', '{ targetCPUUtilization: 60%, min: 2, max: 50 }')).toEqual({
      replicas: 50,
      unclamped: 80,
    });
  });

  it('counts the calls a request makes to the service through the call graph, with their probability', () => {
    // 100 req/s to web, which calls api.get half the time: 50/s × 12 ms = 0.6 cores = 2 pods.
    const scenario = parseScenario(
      `name: graph
duration: 1m
services:
  web:
    endpoints:
      home: { cpu: 1ms, calls: [{ call: api.get, probability: 50% }] }
  api:
    replicas: ${TARGET}
    resources: { requests: { cpu: 500m } }
    endpoints:
      get: { cpu: 12ms }
workload:
  - { name: users, arrivals: poisson, rate: 100/s, target: web.home }
`,
      'graph.yaml',
    );
    expect(scenario.services.api!.replicaSizing?.demandCores).toBeCloseTo(0.6, 12);
    expect(scenario.services.api!.replicas).toBe(2);
  });

  it('prints the target back with the resolved count and why in a comment, and parses back the same', () => {
    const scenario = parseScenario(
      `name: sized
duration: 1m
services:
  api:
    replicas: ${TARGET}
    resources: { requests: { cpu: 500m } }
    endpoints:
      get: { cpu: 12ms }
workload:
  - { name: users, arrivals: poisson, rate: 200/s, target: api.get }
`,
      'sized.yaml',
    );
    const printed = printScenario(scenario);
    expect(printed).toContain(
      "# api: 8 replica(s) for 2.4 cores of CPU at the workloads' mean rates, as the HPA would settle at 60% of the CPU request: 2.4 / (60% × 500m) → 8 (min 2, max 100)",
    );
    expect(parseScenario(printed, 'printed.yaml')).toEqual(scenario);
  });

  it('warns when max caps the mean load, with the utilization the pods then run at', () => {
    const scenario = parseScenario(
      `name: capped
duration: 1m
services:
  api:
    replicas: { targetCPUUtilization: 60%, min: 2, max: 50 }
    resources: { requests: { cpu: 500m } }
    endpoints:
      get: { cpu: 12ms }
workload:
  - { name: users, arrivals: poisson, rate: 2000/s, target: api.get }
`,
      'capped.yaml',
    );
    // 24 cores over 50 pods of 500m: 96% of the request.
    expect(scenarioWarnings(scenario)).toEqual([
      {
        path: ['services', 'api', 'replicas', 'max'],
        message:
          'the mean load needs 80 replicas at 60% of the CPU request, but max is 50: its pods run at 96% of their request',
      },
    ]);
  });

  it('refuses min above max, naming the field', () => {
    expect(
      problem(`name: bad
services:
  api:
    replicas: { targetCPUUtilization: 60%, min: 5, max: 3 }
    endpoints: { get: { cpu: 1ms } }
workload:
  - { name: users, arrivals: poisson, rate: 1/s, target: api.get }
`),
    ).toContain(
      'bad.yaml:4:49: services.api.replicas.min: min (5) is above max (3); give min ≤ max, as the HPA requires',
    );
  });

  it('refuses a target of 0 and a max above 10,000', () => {
    const text = (sizing: string) => `name: bad
services:
  api:
    replicas: ${sizing}
    endpoints: { get: { cpu: 1ms } }
workload:
  - { name: users, arrivals: poisson, rate: 1/s, target: api.get }
`;
    expect(problem(text('{ targetCPUUtilization: 0%, max: 3 }'))).toContain(
      'services.api.replicas.targetCPUUtilization: must be a percent above 0, like 60%',
    );
    expect(problem(text('{ targetCPUUtilization: 60%, max: 10001 }'))).toContain(
      'services.api.replicas.max',
    );
  });

  it('refuses a right-sized service that requests no CPU: the HPA has nothing to measure against', () => {
    expect(
      problem(`name: bad
services:
  api:
    replicas: { targetCPUUtilization: 60%, max: 3 }
    resources: { requests: { cpu: 0 }, limits: { cpu: 1 } }
    endpoints: { get: { cpu: 1ms } }
workload:
  - { name: users, arrivals: poisson, rate: 1/s, target: api.get }
`),
    ).toContain(
      'services.api.resources.requests.cpu: a right-sized service needs a CPU request above 0: the HPA measures utilization against it',
    );
  });
});
