import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, resolvePrices } from '../../src/model/cost/prices.js';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';

const BASE = `name: priced
services:
  a:
    endpoints:
      get: { cpu: 1ms }
workload:
  - name: users
    arrivals: poisson
    rate: 10/s
    target: a.get
`;

function errorsOf(pricing: string): string[] {
  try {
    parseScenario(`${BASE}pricing:\n${pricing}`, 'priced.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('pricing: in a scenario', () => {
  it('leaves the scenario without a pricing field when none is given, and the default table applies', () => {
    const scenario = parseScenario(BASE, 'priced.yaml');
    expect(scenario.pricing).toBeUndefined();
    expect(resolvePrices(scenario.pricing)).toBe(DEFAULT_PRICES);
  });

  it('overrides only the prices it names (another region)', () => {
    const scenario = parseScenario(
      `${BASE}pricing:
  functions:
    durationPerGBSecond: { arm64: 0.000015 }
    freeTier: true
  gateway:
    http: [{ upToMillions: 300, perMillion: 1.11 }, { perMillion: 1.0 }]
  kubernetes: { cpuPerCoreHour: 0.04 }
`,
      'priced.yaml',
    );
    const prices = resolvePrices(scenario.pricing);
    expect(prices.functions.durationPerGBSecond).toEqual({ x86_64: 0.0000166667, arm64: 0.000015 });
    expect(prices.functions.freeTier).toBe(true);
    expect(prices.functions.requestPerMillion).toBe(0.2);
    expect(prices.gateway.http).toEqual([
      { upToRequests: 300_000_000, perMillion: 1.11 },
      { upToRequests: null, perMillion: 1 },
    ]);
    expect(prices.gateway.rest).toBe(DEFAULT_PRICES.gateway.rest);
    expect(prices.kubernetes).toEqual({ cpuPerCoreHour: 0.04, memoryPerGBHour: 0.004237 });
  });

  it('reports a negative price, an unknown field and badly ordered tiers, each at its place', () => {
    expect(
      errorsOf(`  functions:
    requestPerMillion: -1
    durationPerGBSecnd: { x86_64: 1 }
  gateway:
    rest: [{ upToMillions: 500, perMillion: 3 }, { upToMillions: 400, perMillion: 2 }]
`),
    ).toEqual([
      'priced.yaml:13:24: pricing.functions.requestPerMillion: expected a number >= 0 and <= 1000, got -1',
      'priced.yaml:14:5: pricing.functions.durationPerGBSecnd: unknown field "durationPerGBSecnd"; did you mean "durationPerGBSecond"?',
      'priced.yaml:16:66: pricing.gateway.rest[1].upToMillions: the last tier takes the rest of the requests: leave upToMillions out',
      "priced.yaml:16:66: pricing.gateway.rest[1].upToMillions: tiers climb: upToMillions must be above the previous tier's 500",
    ]);
  });
});
