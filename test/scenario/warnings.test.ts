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
