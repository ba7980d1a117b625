import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';

const BASE = [
  'name: f',
  'duration: 5m',
  'cluster:',
  '  zones: [a, b]',
  '  nodePools: [{ name: general, instanceType: m5.large, count: 2 }]',
  'services:',
  '  web: { endpoints: { get: { cpu: 1ms } } }',
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

describe('faults: and steadyState: refuse what cannot happen, with the line and field', () => {
  it('loads each kind of fault and a steady state', () => {
    expect(
      errorOf(
        'faults:',
        '  - { podCrashes: { service: web, mtbf: 10m } }',
        '  - { at: 1m, duration: 2m, nodeFailure: { node: general-1 } }',
        '  - { at: 2m, zoneOutage: { zone: b } }',
        'steadyState: { availability: 99.9%, p99: 300ms }',
      ),
    ).toBe('');
  });

  it('names an unknown service, node or zone, with a suggestion', () => {
    expect(errorOf('faults:', '  - { podCrashes: { service: wbe, mtbf: 10m } }')).toMatch(
      /f\.yaml:11:\d+: faults\[0\]\.podCrashes\.service: unknown service "wbe".*web/,
    );
    expect(errorOf('faults:', '  - { nodeFailure: { node: general-2 } }')).toMatch(
      /f\.yaml:11:\d+: faults\[0\]\.nodeFailure\.node: unknown node "general-2"/,
    );
    expect(errorOf('faults:', '  - { zoneOutage: { zone: c } }')).toMatch(
      /faults\[0\]\.zoneOutage\.zone: unknown zone "c"/,
    );
  });

  it('refuses a fault after duration, a short mtbf, two kinds at once and an empty steady state', () => {
    expect(errorOf('faults:', '  - { at: 5m, zoneOutage: { zone: a } }')).toMatch(
      /faults\[0\]\.at: must be before duration \(5m\): faults start while requests arrive/,
    );
    expect(errorOf('faults:', '  - { podCrashes: { service: web, mtbf: 500ms } }')).toMatch(
      /faults\[0\]\.podCrashes\.mtbf: must be at least 1s/,
    );
    expect(
      errorOf('faults:', '  - { zoneOutage: { zone: a }, nodeFailure: { node: general-0 } }'),
    ).toMatch(/faults\[0\]: give one fault per item, not nodeFailure and zoneOutage/);
    expect(errorOf('steadyState: { window: 1m }')).toMatch(
      /steadyState: give availability, p99 or both/,
    );
  });

  it('refuses a steady-state window longer than the measured period, and takes one as long', () => {
    expect(errorOf('steadyState: { window: 1h, availability: 99% }')).toMatch(
      /f\.yaml:10:\d+: steadyState\.window: 1h is longer than the measured period \(5m: duration less warmup\), so no window would be checked; give at most 5m/,
    );
    expect(errorOf('steadyState: { window: 5m, availability: 99% }')).toBe('');
  });
});
