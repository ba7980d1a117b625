import { describe, expect, it } from 'vitest';
import { chargeMicroUsd, picoUsd } from '../../src/model/cost/exact-usd.js';
import {
  billedMs,
  FunctionBilling,
  provisionedBilledMs,
} from '../../src/model/cost/function-billing.js';
import { functionCost, gatewayLines } from '../../src/model/cost/function-cost.js';
import { DEFAULT_PRICES } from '../../src/model/cost/prices.js';
import { computeCost } from '../../src/model/cost.js';
import type { InvocationUsage } from '../../src/model/serverless/function-usage.js';

function usage(overrides: Partial<InvocationUsage>): InvocationUsage {
  return {
    functionName: 'fn',
    memoryMb: 128,
    architecture: 'x86_64',
    ephemeralStorageMb: 512,
    durationMs: 1,
    initMs: 0,
    provisioned: false,
    restoredFromSnapshot: false,
    ...overrides,
  };
}

function costOf(invocations: InvocationUsage[], initBilled = true) {
  const billing = new FunctionBilling(initBilled);
  for (const invocation of invocations) billing.invocation(invocation);
  return functionCost(billing, DEFAULT_PRICES);
}

describe('billed duration of one invocation', () => {
  it('rounds the duration up to the next millisecond', () => {
    expect(billedMs(usage({ durationMs: 0.2 }), true)).toBe(1);
    expect(billedMs(usage({ durationMs: 1 }), true)).toBe(1);
    expect(billedMs(usage({ durationMs: 1.001 }), true)).toBe(2);
    expect(billedMs(usage({ durationMs: 119.9999 }), true)).toBe(120);
  });

  it('does not bill float noise as a millisecond', () => {
    expect(billedMs(usage({ durationMs: 0.1 + 0.2 + 119.7 }), true)).toBe(120);
  });

  it('adds the init to the duration before rounding when the init is billed (the 2025 rule)', () => {
    const cold = usage({ durationMs: 102.25, initMs: 302.11 });
    expect(billedMs(cold, true)).toBe(405);
    expect(billedMs(cold, false)).toBe(103);
  });

  it('bills a SnapStart restore by its own charge, not as init: Python pays it, Java nothing', () => {
    const restored = { durationMs: 100, initMs: 250, restoredFromSnapshot: true };
    expect(billedMs(usage(restored), true)).toBe(100);
    const billingOf = (runtime: string) => {
      const billing = new FunctionBilling(true);
      billing.invocation(usage({ ...restored, runtime }));
      billing.snapshotCached({
        functionName: 'fn',
        memoryMb: 128,
        architecture: 'x86_64',
        activeMs: 60_000,
        runtime,
      });
      return billing.functionTotals()[0]!;
    };
    expect(billingOf('python')).toMatchObject({ restores: 1, snapshotCacheMs: 3 * 3_600_000 });
    expect(billingOf('dotnet')).toMatchObject({ restores: 1 });
    expect(billingOf('java')).toMatchObject({ restores: 0, snapshotCacheMs: 0, onDemandMs: 100 });
  });

  it('never bills init on a provisioned instance: it was initialized when enabled', () => {
    expect(billedMs(usage({ durationMs: 10.5, initMs: 300, provisioned: true }), true)).toBe(11);
  });
});

describe('charges of hand-worked invocations', () => {
  it('one 1 ms invocation at 128 MB costs 1/8 GB × 0.001 s × 0.0000166667 USD plus one request', () => {
    const cost = costOf([usage({ durationMs: 0.3 })]);
    // 0.000125 GB-s × 0.0000166667 = 2.08e-9 USD: 0 micro-dollars; the request 0.2 micro-dollars: 0
    expect(cost.lines.map((line) => [line.item, line.quantity])).toEqual([
      ['function-requests', 1],
      ['function-duration', 0.000125],
    ]);
  });

  it('bills a million 99.5 ms invocations at 1769 MB on arm64 as 100 ms each, exactly', () => {
    const invocation = usage({ memoryMb: 1769, architecture: 'arm64', durationMs: 99.5 });
    const billing = new FunctionBilling(true);
    for (let i = 0; i < 1_000_000; i++) billing.invocation(invocation);
    const cost = functionCost(billing, DEFAULT_PRICES);
    // 1e6 × 100 ms × 1769/1024 GB = 172,753.90625 GB-s × 0.0000133334 = 2.30339...
    const duration = cost.lines.find((line) => line.item === 'function-duration');
    expect(duration?.quantity).toBe(172_753.90625);
    expect(duration?.costUsd).toBe(2.303397);
    expect(cost.usd).toBe(2.503397);
  });

  it('bills a cold start at 10,240 MB its init under the 2025 rule and not under the earlier one', () => {
    const cold = usage({ memoryMb: 10_240, durationMs: 50, initMs: 950 });
    const durationUsd = (initBilled: boolean) =>
      costOf([cold], initBilled).lines.find((line) => line.item === 'function-duration')?.costUsd;
    // 10 GB × 1 s × 0.0000166667 = 0.000166667 → 167 micro-dollars; 10 GB × 0.05 s → 8
    expect(durationUsd(true)).toBe(0.000167);
    expect(durationUsd(false)).toBe(0.000008);
  });

  it('bills ephemeral storage only above 512 MB', () => {
    expect(
      costOf([usage({ ephemeralStorageMb: 512, durationMs: 1000 })]).lines.map((l) => l.item),
    ).not.toContain('function-ephemeral-storage');
    const storage = costOf([usage({ ephemeralStorageMb: 1536, durationMs: 1000 })]).lines.find(
      (line) => line.item === 'function-ephemeral-storage',
    );
    expect(storage?.quantity).toBe(1);
  });

  it('sums a million 1 ms invocations to the same micro-dollars as one of a million ms: no drift', () => {
    const many = new FunctionBilling(true);
    const one = usage({ memoryMb: 1024, durationMs: 1 });
    for (let i = 0; i < 1_000_000; i++) many.invocation(one);
    const long = new FunctionBilling(true);
    long.invocation(usage({ memoryMb: 1024, durationMs: 1_000_000 }));
    const duration = (billing: FunctionBilling) =>
      functionCost(billing, DEFAULT_PRICES).lines.find((l) => l.item === 'function-duration');
    expect(duration(many)?.costUsd).toBe(duration(long)?.costUsd);
    expect(duration(many)?.costUsd).toBe(0.016667);
  });
});

describe('provisioned concurrency', () => {
  it('rounds each enabled span up to five minutes', () => {
    const span = (ms: number) => ({
      functionName: 'fn',
      memoryMb: 1024,
      architecture: 'x86_64' as const,
      instances: 1,
      enabledFromMs: 1000,
      enabledUntilMs: 1000 + ms,
    });
    expect(provisionedBilledMs(span(1))).toBe(300_000);
    expect(provisionedBilledMs(span(300_000))).toBe(300_000);
    expect(provisionedBilledMs(span(300_001))).toBe(600_000);
  });
});

describe('API gateway requests by tier', () => {
  it('prices 400M REST requests as 333M at $3.50 and 67M at $2.80 per million', () => {
    const lines = gatewayLines(
      { apiType: 'rest', requests: 400_000_000 },
      DEFAULT_PRICES.gateway.rest,
    );
    expect(lines.map(({ line }) => [line.quantity, line.costUsd])).toEqual([
      [333_000_000, 1165.5],
      [67_000_000, 187.6],
    ]);
  });

  it('prices 1M HTTP API requests at $1.00', () => {
    const billing = new FunctionBilling(true);
    billing.gatewayRequests({ apiType: 'http', requests: 600_000 });
    billing.gatewayRequests({ apiType: 'http', requests: 400_000 });
    expect(functionCost(billing, DEFAULT_PRICES).usd).toBe(1);
  });
});

describe('exact money', () => {
  it('holds prices as whole pico-dollars', () => {
    expect(picoUsd(0.0000166667)).toBe(16_666_700n);
    expect(picoUsd(0.0000000309)).toBe(30_900n);
  });

  it('rounds a charge half up to the micro-dollar and a credit symmetrically', () => {
    expect(chargeMicroUsd(5n, 0.0000001, 1n)).toBe(1n);
    expect(chargeMicroUsd(-5n, 0.0000001, 1n)).toBe(-1n);
    expect(chargeMicroUsd(4n, 0.0000001, 1n)).toBe(0n);
  });
});

describe("the functions' bill in the run's cost", () => {
  it('adds functionCost to the total and to the cost per million requests', () => {
    const billing = new FunctionBilling(true);
    for (let i = 0; i < 1000; i++) billing.invocation(usage({ memoryMb: 1024, durationMs: 1000 }));
    const functions = functionCost(billing, DEFAULT_PRICES);
    // 1000 GB-s × 0.0000166667 + 1000 × 0.0000002 = 0.0166667 + 0.0002
    expect(functions.usd).toBe(0.016867);
    const cost = computeCost(
      [{ costUsd: 1 }],
      0,
      3_600_000,
      { total: 1000, succeeded: 1000 },
      { bytes: 0, prices: { out: 0, in: 0 } },
      { functionUsd: functions.usd, lines: functions.lines },
    );
    expect(cost.totalUsd).toBe(1.016867);
    expect(cost.functionUsd).toBe(0.016867);
    expect(cost.perMillionRequestsUsd).toBeCloseTo(1016.867, 9);
    expect(cost.lines?.map((line) => line.item)).toEqual([
      'function-requests',
      'function-duration',
    ]);
  });

  it('bills a provisioned span on the row of the function whatever its storage', () => {
    const billing = new FunctionBilling(true);
    billing.invocation(usage({ memoryMb: 1024, ephemeralStorageMb: 1024, durationMs: 10 }));
    billing.provisioned({
      functionName: 'fn',
      memoryMb: 1024,
      architecture: 'x86_64',
      instances: 2,
      enabledFromMs: 0,
      enabledUntilMs: 60_000,
    });
    expect(billing.functionTotals()).toHaveLength(1);
    expect(billing.functionTotals()[0]?.provisionedInstanceMs).toBe(600_000);
  });
});
