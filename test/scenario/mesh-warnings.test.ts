import { describe, expect, it } from 'vitest';
import { formatPath, parseScenario } from '../../src/scenario/index.js';
import { scenarioWarnings } from '../../src/scenario/warnings.js';

/** A caller and a callee whose policies and routing the tests vary. */
function scenario(mesh: string, db: string): string {
  return `name: warn
duration: 5s
mesh: { strategy: ${mesh} }
services:
  api:
    endpoints:
      get: { cpu: 1ms, calls: [db.query] }
  db:
${db}
    endpoints:
      query: { cpu: 1ms }
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }
`;
}

function warnings(text: string): string[] {
  return scenarioWarnings(parseScenario(text, 's.yaml')).map(
    ({ path, message }) => `${formatPath(path)}: ${message}`,
  );
}

const CANARY = `    versions:
      v1: { replicas: 2 }
      v2: { replicas: 0 }
    routing:
      split: { v1: 90%, v2: 10% }`;

describe('mesh settings that do nothing, or fail every call they touch, are warned about', () => {
  it('none when every setting acts', () => {
    expect(
      warnings(scenario('sidecar', CANARY.replace('v2: { replicas: 0 }', 'v2: { replicas: 1 }'))),
    ).toEqual([]);
  });

  it('policies and routing under strategy none everywhere: kube-proxy applies neither', () => {
    const db = `    replicas: 2\n    trafficPolicy: { timeout: 1s }`;
    expect(warnings(scenario('none', db))).toEqual([
      'services.db.trafficPolicy: mesh strategy none everywhere: kube-proxy applies no policies, so this does nothing; set mesh.strategy (library, sidecar, sidecar-light or ambient)',
    ]);
    expect(warnings(scenario('library', db))).toEqual([]);
  });

  it('a split weight on a version with no pod: those calls fail with 503', () => {
    expect(warnings(scenario('sidecar', CANARY))).toEqual([
      'services.db.routing.split.v2: 10% of the calls go to version v2, which has 0 replicas: each fails with 503 (no healthy upstream)',
    ]);
  });

  it('a per-try timeout not shorter than the route timeout: never the one that fires', () => {
    const db = (perTry: string) =>
      `    replicas: 2\n    trafficPolicy: { timeout: 1s, retries: { perTryTimeout: ${perTry} } }`;
    expect(warnings(scenario('sidecar', db('5s')))).toEqual([
      'services.db.trafficPolicy.retries.perTryTimeout: 5s per try is not less than the route timeout (1s), which covers every try: the first try is cut by the route timeout and never retried',
    ]);
    expect(warnings(scenario('sidecar', db('999ms')))).toEqual([]);
  });

  it('a waypoint outside ambient is ignored', () => {
    const db = `    replicas: 2\n    mesh: { waypoint: true }`;
    expect(warnings(scenario('sidecar', db))).toEqual([
      'services.db.mesh.waypoint: a waypoint exists only under mesh strategy ambient; under sidecar it is ignored',
    ]);
    expect(warnings(scenario('ambient', db))).toEqual([]);
  });
});
