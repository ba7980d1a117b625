import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';

const scenario = (api: string, events = '') => `
name: t
services:
  api:
${api}
    endpoints: { get: { cpu: 1ms } }
workload: [{ name: w, arrivals: poisson, rate: 1/s, target: api.get }]
${events}`;

const errorOf = (yaml: string): string => {
  try {
    parseScenario(yaml, 'bad.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the scenario was accepted');
};

describe('versions and routing: one clear error per mistake, with its place', () => {
  it('refuses replicas beside versions: the service runs their sum', () => {
    expect(errorOf(scenario('    replicas: 2\n    versions: { v1: { replicas: 1 } }'))).toBe(
      "bad.yaml:5:15: services.api.replicas: give the replicas of each version (versions.<name>.replicas), not the service's: it runs their sum",
    );
  });

  it('runs the sum of its versions replicas', () => {
    const parsed = parseScenario(
      scenario('    versions: { v1: { replicas: 3 }, v2: { replicas: 1 } }'),
      'ok.yaml',
    );
    expect(parsed.services.api!.replicas).toBe(4);
  });

  it('refuses routing for a service without versions', () => {
    expect(errorOf(scenario('    routing: { split: { v1: 100% } }'))).toBe(
      'bad.yaml:5:14: services.api.routing: service "api" has no versions to route among: give it versions (services.api.versions)',
    );
  });

  it('names a split that does not add up to 100% and a version that does not exist', () => {
    const message = errorOf(
      scenario(
        '    versions: { v1: { replicas: 1 }, v2: { replicas: 1 } }\n    routing: { split: { v1: 90%, v3: 5% } }',
      ),
    );
    expect(message).toContain(
      'services.api.routing.split: the weights add up to 95%, not 100% (Istio requires route weights to sum to 100)',
    );
    expect(message).toContain(
      'services.api.routing.split.v3: service "api" has no version "v3"; its versions are v1, v2',
    );
  });

  it('refuses a match on a cohort no workload tags', () => {
    expect(
      errorOf(
        scenario(
          '    versions: { v1: { replicas: 1 } }\n    routing: { match: [{ cohort: beta, version: v1 }] }',
        ),
      ),
    ).toBe(
      'bad.yaml:6:34: services.api.routing.match[0].cohort: no workload tags a cohort "beta": give a workload cohorts: { beta: 10% }',
    );
  });

  it('asks which version a scale event scales', () => {
    expect(
      errorOf(
        scenario(
          '    versions: { v1: { replicas: 1 }, v2: { replicas: 1 } }',
          'events: [{ at: 1s, scale: { service: api, replicas: 3 } }]',
        ),
      ),
    ).toBe(
      'bad.yaml:8:27: events[0].scale: service "api" runs versions side by side: say which to scale (version: v1 or v2)',
    );
  });
});

describe('setRouting in events', () => {
  it('names an unknown service', () => {
    expect(
      errorOf(
        scenario(
          '    versions: { v1: { replicas: 1 } }',
          'events: [{ at: 1s, setRouting: { service: apx, routing: { split: { v1: 100% } } } }]',
        ),
      ),
    ).toContain('events[0].setRouting.service: unknown service "apx"');
  });
});
