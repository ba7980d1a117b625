import { describe, expect, it } from 'vitest';
import { formatPath, parseScenario } from '../../src/scenario/index.js';
import { scenarioWarnings } from '../../src/scenario/warnings.js';

/** Legal but almost surely a mistake: each is a warning at the field to look at. */
const BASE = `name: warn
duration: 5s
services:
  api:
    endpoints:
      get: { cpu: 1ms, calls: [db.query] }
  db:
    replicas: 2
    endpoints:
      query: { cpu: 1ms }
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }
`;

function warnings(text: string): string[] {
  return scenarioWarnings(parseScenario(text, 's.yaml')).map(
    ({ path, message }) => `${formatPath(path)}: ${message}`,
  );
}

describe('scenario warnings', () => {
  it('none for a scenario that means what it says', () => {
    expect(warnings(BASE)).toEqual([]);
  });

  it('a service of 0 replicas that an endpoint calls', () => {
    expect(warnings(BASE.replace('replicas: 2', 'replicas: 0'))).toEqual([
      'services.db.replicas: 0 replicas, yet api.get calls it: every such request fails as unavailable (no ready pod)',
    ]);
  });

  it('a service of 0 replicas that workloads send to, each caller named once', () => {
    const text = BASE.replace('  api:\n', '  api:\n    replicas: 0\n').replace(
      '  - { name: users',
      '  - { name: bots, arrivals: poisson, rate: 1/s, mix: { api.get: 1 } }\n  - { name: users',
    );
    expect(warnings(text)).toEqual([
      'services.api.replicas: 0 replicas, yet workload bots and workload users call it: every such request fails as unavailable (no ready pod)',
    ]);
  });

  it('no warning for 0 replicas of a service nothing calls', () => {
    const text = BASE.replace(
      '  db:\n',
      '  spare:\n    replicas: 0\n    endpoints: { get: {} }\n  db:\n',
    );
    expect(warnings(text)).toEqual([]);
  });

  it('a node pool of 0 nodes', () => {
    const text = `${BASE}cluster:\n  nodePools:\n    - { name: general, instanceType: m5.large }\n    - { name: spare, instanceType: m5.large, count: 0 }\n`;
    expect(warnings(text)).toEqual([
      'cluster.nodePools[1].count: node pool "spare" has 0 nodes, so it adds nothing to the cluster: give it nodes, or remove it',
    ]);
  });

  it('a trace whose every timestamp is at or after duration, and not one that starts before', () => {
    const trace = (values: string) =>
      BASE.replace(
        '  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }',
        `  - { name: replay, arrivals: trace, target: api.get, trace: { values: [${values}], format: timestamps } }`,
      );
    expect(warnings(trace('5, 7.5'))).toEqual([
      'workload[0].trace: every timestamp of the trace is at or after duration (5s), the first at 5s: workload replay sends no request (timestamps are seconds from the start)',
    ]);
    expect(warnings(trace('9, 4.999'))).toEqual([]);
  });
});

describe("a queue's consumer", () => {
  const scenario = (trigger: string, redrive = '') => `name: q
duration: 5s
services: {}
functions:
  worker: { handler: { cpu: 1ms }, reservedConcurrency: 10, timeout: 10s }
queues:
  dlq: {}
  orders:
    visibilityTimeout: 1m${redrive}
    trigger: { function: worker${trigger} }
workload:
  - { name: producers, arrivals: poisson, rate: 10/s, target: orders.send }
`;

  it('is warned when its pollers may ask for more than the function may run (AWS advice)', () => {
    expect(warnings(scenario(''))).toEqual([
      'queues.orders.trigger: no maximumConcurrency: the pollers grow to 1,000 batches at once for "worker", which may run 10 (its reservedConcurrency); the rest are throttled and wait out the visibility timeout. Set maximumConcurrency: 10',
    ]);
    expect(
      warnings(
        scenario(
          ', maximumConcurrency: 40',
          '\n    redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 3 }',
        ),
      ),
    ).toEqual([
      'queues.orders.trigger.maximumConcurrency: 40 batches at once for "worker", which may run 10 (its reservedConcurrency); the rest are throttled and wait out the visibility timeout; with maxReceiveCount 3, healthy messages throttled 3 times go to the dead-letter queue (AWS advises at least 5)',
    ]);
  });

  it('is not warned when its cap is within the reserved concurrency', () => {
    expect(warnings(scenario(', maximumConcurrency: 10'))).toEqual([]);
  });
});

describe("a right-sized service's target", () => {
  it('refuses 0.6, which reads as 0.6%, and says what was meant', () => {
    const text = BASE.replace(
      '    replicas: 2',
      '    replicas: { targetCPUUtilization: 0.6, max: 10 }',
    );
    expect(() => parseScenario(text, 's.yaml')).toThrow(
      /services\.db\.replicas\.targetCPUUtilization: 0\.6 reads as 0\.6%, far below any HPA target: a percent is written 60 or 60% \(did you mean 60%\?\)/,
    );
  });
});

describe('a blue/green prePromotionAnalysis', () => {
  const blueGreen = (analysis: string) =>
    `${BASE.replace('    replicas: 2\n', `    replicas: 2\n    strategy:\n      blueGreen:\n        ${analysis}: { metrics: [{ name: e, interval: 10s, successCondition: "errorRate <= 1%" }] }\n`)}mesh: { strategy: sidecar }\n`;

  it('warns that nothing calls the preview, so it finds no data and aborts', () => {
    expect(warnings(blueGreen('prePromotionAnalysis'))).toEqual([
      'services.db.strategy.blueGreen.prePromotionAnalysis: nothing in the scenario calls the preview Service, so this analysis finds no data and aborts every rollout of the service; use postPromotionAnalysis to judge green on real traffic',
    ]);
  });

  it('says nothing of a postPromotionAnalysis, which judges green on real traffic', () => {
    expect(warnings(blueGreen('postPromotionAnalysis'))).toEqual([]);
  });
});
