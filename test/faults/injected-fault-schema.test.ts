import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';

const BASE = [
  'name: f',
  'duration: 5m',
  'cluster:',
  '  nodePools: [{ name: general, instanceType: m5.large, count: 2 }]',
  'services:',
  '  web: { endpoints: { get: { cpu: 1ms, calls: [api.get] } } }',
  '  api: { endpoints: { get: { cpu: 1ms } } }',
  'functions:',
  '  resize: { handler: { cpu: 10ms } }',
  'workload:',
  '  - { name: u, arrivals: poisson, rate: 1/s, target: web.get }',
].join('\n');

/** The error of the scenario with these lines added; '' if it loads. */
function errorOf(...lines: string[]): string {
  try {
    parseScenario(`${BASE}\n${lines.join('\n')}`, 'f.yaml');
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('faults on calls and invocations are checked when the file is read', () => {
  it('loads each kind, with its defaults', () => {
    expect(
      errorOf(
        'faults:',
        '  - { networkDelay: { service: api, from: web, latency: 200ms, jitter: 20ms, correlation: 25% } }',
        '  - { networkLoss: { service: api, loss: 2% } }',
        '  - { httpAbort: { service: api, percentage: 5%, httpStatus: 503 } }',
        '  - { functionDelay: { function: resize, startupDelayMilliseconds: 1000 } }',
        '  - { functionError: { function: resize, invocationPercentage: 10, preventExecution: true } }',
      ),
    ).toBe('');
    const scenario = parseScenario(
      `${BASE}\nfaults:\n  - { functionError: { function: resize } }\n  - { httpAbort: { service: api, httpStatus: 500 } }`,
      'f.yaml',
    );
    expect(scenario.faults![0]!.functionError).toEqual({
      function: 'resize',
      invocationPercentage: 100,
      preventExecution: false,
    });
    expect(scenario.faults![1]!.httpAbort!.percentage).toBe(1);
  });

  it('names an unknown service, caller or function with its line and field', () => {
    expect(errorOf('faults:', '  - { networkDelay: { service: apj, latency: 1s } }')).toMatch(
      /f\.yaml:13:\d+: faults\[0\]\.networkDelay\.service: unknown service "apj".*api/,
    );
    expect(
      errorOf('faults:', '  - { networkLoss: { service: api, from: wbe, loss: 1% } }'),
    ).toMatch(/f\.yaml:13:\d+: faults\[0\]\.networkLoss\.from: unknown service "wbe"/);
    expect(errorOf('faults:', '  - { functionError: { function: resise } }')).toMatch(
      /faults\[0\]\.functionError\.function: unknown function "resise".*resize/,
    );
  });

  it('refuses a fault between two services that never call each other, at its from', () => {
    expect(errorOf('faults:', '  - { networkLoss: { service: web, from: api, loss: 1% } }')).toBe(
      'f.yaml:13:42: faults[0].networkLoss.from: api never calls web (api calls no service), so this fault would hit no call; name a caller of web, or leave from out to hit every call into it',
    );
    expect(
      errorOf('faults:', '  - { networkDelay: { service: web, from: web, latency: 1s } }'),
    ).toMatch(/faults\[0\]\.networkDelay\.from: web never calls web \(web calls api\)/);
  });

  it('refuses values out of bounds, saying what is allowed', () => {
    expect(errorOf('faults:', '  - { networkDelay: { service: api, latency: 11m } }')).toMatch(
      /faults\[0\]\.networkDelay\.latency: must be at most 10m/,
    );
    expect(errorOf('faults:', '  - { networkLoss: { service: api, loss: 2 } }')).toMatch(
      /faults\[0\]\.networkLoss\.loss: .*2%/,
    );
    expect(errorOf('faults:', '  - { httpAbort: { service: api, httpStatus: 600 } }')).toMatch(
      /faults\[0\]\.httpAbort\.httpStatus/,
    );
    expect(
      errorOf(
        'faults:',
        '  - { functionDelay: { function: resize, startupDelayMilliseconds: 900001 } }',
      ),
    ).toMatch(/faults\[0\]\.functionDelay\.startupDelayMilliseconds/);
    expect(
      errorOf('faults:', '  - { functionError: { function: resize, invocationPercentage: 0 } }'),
    ).toMatch(/faults\[0\]\.functionError\.invocationPercentage/);
  });
});
