import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';

/**
 * Values at the edges of what the schema reads: each is read as written, or refused with a
 * located message in the schema's own words (never zod's "Invalid input" or "Too big").
 */
const BASE = `name: edges
services:
  api:
    endpoints:
      get:
        cpu: 1ms
workload:
  - name: users
    arrivals: poisson
    rate: 10/s
    target: api.get
`;

function messages(text: string): string[] {
  try {
    parseScenario(text, 's.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the scenario was accepted');
}

describe('scientific notation is a number wherever numbers are read', () => {
  it('a mixture weight of 1e-3', () => {
    const scenario = parseScenario(
      BASE.replace('cpu: 1ms', 'cpu: "mixture(0.999 1ms, 1e-3 100ms)"'),
      's.yaml',
    );
    expect(scenario.services.api!.endpoints.get!.cpu).toEqual({
      kind: 'mixture',
      components: [
        { weight: 0.999, distribution: { kind: 'constant', value: 1 } },
        { weight: 0.001, distribution: { kind: 'constant', value: 100 } },
      ],
    });
  });

  it('a probability written "1e-9"', () => {
    const scenario = parseScenario(BASE.replace('cpu: 1ms', 'errorRate: "1e-9"'), 's.yaml');
    expect(scenario.services.api!.endpoints.get!.errorRate).toBe(1e-9);
  });
});

describe('messages in the schema’s words', () => {
  it('a threshold that is a list says what a threshold is', () => {
    expect(messages(`${BASE}thresholds:\n  latency_p99_ms: []\n`)).toEqual([
      's.yaml:13:19: thresholds.latency_p99_ms: expected a condition in quotes: an operator (<, <=, >, >=) and a number, like "< 300" or "> 99.9%"; got a list',
    ]);
  });

  it('a threshold section that is a list says it is a mapping', () => {
    expect(messages(`${BASE}thresholds:\n  all: []\n`)).toEqual([
      's.yaml:13:8: thresholds.all: expected a mapping (name: value), got a list',
    ]);
  });

  it('a service name over 63 characters states the DNS label limit', () => {
    const name = 'a'.repeat(64);
    expect(
      messages(BASE.replace('  api:', `  ${name}:`).replace('api.get', `${name}.get`)),
    ).toEqual([
      `s.yaml:3:3: services.${name}: invalid name "${name}": must be at most 63 characters (the DNS label limit Kubernetes sets for names); this one has 64`,
    ]);
  });
});

describe("all of a workload item's mistakes in one pass", () => {
  it('an unknown arrivals kind, a misspelt field, an unknown field and a bad value', () => {
    const text = BASE.replace(
      '    arrivals: poisson\n',
      '    arrivals: poison\n    bogus: 3\n    timeout: 5\n    rat: 4\n',
    ).replace('    rate: 10/s\n', '');
    expect(messages(text)).toEqual([
      's.yaml:9:15: workload[0].arrivals: expected one of poisson, constant, closed, trace; got "poison"; did you mean "poisson"?',
      's.yaml:10:5: workload[0].bogus: unknown field "bogus"; allowed fields are name, mix, target, timeout, retry, cohorts, arrivals, rate, profile, users, thinkTime, trace',
      's.yaml:11:14: workload[0].timeout: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got 5',
      's.yaml:12:5: workload[0].rat: unknown field "rat"; did you mean "rate"?',
    ]);
  });

  it('a misspelt arrivals key is one mistake, not also a missing field', () => {
    expect(messages(BASE.replace('    arrivals:', '    arival:'))).toEqual([
      's.yaml:9:5: workload[0].arival: unknown field "arival"; did you mean "arrivals"?',
    ]);
  });

  it('a profile of an unknown type, with its other mistakes', () => {
    const text = BASE.replace(
      '    rate: 10/s\n',
      '    rate: 10/s\n    profile: { type: sine, ovr: 5s, to: -1 }\n',
    );
    expect(messages(text)).toEqual([
      's.yaml:11:22: workload[0].profile.type: expected one of ramp, diurnal, onoff, mmpp; got "sine"',
      's.yaml:11:28: workload[0].profile.ovr: unknown field "ovr"; did you mean "over"?',
      's.yaml:11:41: workload[0].profile.to: expected a number >= 0, got -1',
    ]);
  });

  it('an item with a known kind is checked as that kind alone', () => {
    const [users, rate, ...rest] = messages(
      BASE.replace('    arrivals: poisson', '    arrivals: closed'),
    );
    expect(users).toBe('s.yaml:8:5: workload[0]: missing required field "users"');
    expect(rate).toMatch(/^s\.yaml:10:5: workload\[0\]\.rate: unknown field "rate"/);
    expect(rest).toEqual([]);
  });
});

describe('a value near an allowed one is named, and a range error echoes the value', () => {
  it('a provider one letter off gets a did-you-mean; one far from all does not', () => {
    const near = BASE.replace('services:', 'cluster:\n  provider: ekss\nservices:');
    expect(messages(near)).toEqual([
      's.yaml:3:13: cluster.provider: expected one of eks, gke, aks, none; got "ekss"; did you mean "eks"?',
    ]);
    const far = BASE.replace('services:', 'cluster:\n  provider: azure\nservices:');
    expect(messages(far)).toEqual([
      's.yaml:3:13: cluster.provider: expected one of eks, gke, aks, none; got "azure"',
    ]);
  });

  it('a CFS quota period out of range says what it got, in milliseconds', () => {
    const text = BASE.replace('services:', 'cluster:\n  cpuCfsQuotaPeriod: 5s\nservices:');
    expect(messages(text)).toEqual([
      's.yaml:3:22: cluster.cpuCfsQuotaPeriod: must be between 1ms and 1s, as the kubelet allows; got 5000ms',
    ]);
  });
});

describe('durations with several parts, as Go and Kubernetes write them', () => {
  it('read as the same scenario as the single-unit durations they sum to', () => {
    const combined = BASE.replace('cpu: 1ms', 'cpu: "exponential(mean=1ms500us)"').replace(
      '    target: api.get\n',
      '    target: api.get\n    timeout: 1m30s\nduration: 2h45m\n',
    );
    const single = BASE.replace('cpu: 1ms', 'cpu: "exponential(mean=1.5ms)"').replace(
      '    target: api.get\n',
      '    target: api.get\n    timeout: 90s\nduration: 165m\n',
    );
    const scenario = parseScenario(combined, 's.yaml');
    expect(scenario.duration).toBe(9_900_000);
    expect(scenario).toEqual(parseScenario(single, 's.yaml'));
  });

  it('refused where they are wrong, located, saying what is allowed and which part is wrong', () => {
    expect(messages(`${BASE}duration: 1m30\n`)).toEqual([
      's.yaml:12:11: duration: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got "1m30" (30 has no unit)',
    ]);
    expect(messages(`${BASE}duration: 1x\n`)).toEqual([
      's.yaml:12:11: duration: expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s; got "1x" (x is not a unit)',
    ]);
  });

  it('bounded as a whole: a sum above the longest duration is refused', () => {
    expect(messages(`${BASE}duration: 365d1s\n`)).toEqual([
      's.yaml:12:11: duration: must be a duration of at most 365d',
    ]);
  });
});
