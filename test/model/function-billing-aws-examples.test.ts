import { describe, expect, it } from 'vitest';
import { FunctionBilling } from '../../src/model/cost/function-billing.js';
import { functionCost } from '../../src/model/cost/function-cost.js';
import { DEFAULT_PRICES, type Prices } from '../../src/model/cost/prices.js';
import type { InvocationUsage } from '../../src/model/serverless/function-usage.js';

/**
 * Every worked example of AWS's Lambda pricing page (https://aws.amazon.com/lambda/pricing/,
 * US East) that prices what msasim models, fed invocation by invocation through the billing
 * and compared to the cent. The page's examples differ on the free tier: each test says
 * which convention its example follows (docs/cost.md has the table).
 */

const MS_PER_HOUR = 3_600_000;

function pricesWith(freeTier: boolean): Prices {
  return { ...DEFAULT_PRICES, functions: { ...DEFAULT_PRICES.functions, freeTier } };
}

function usage(overrides: Partial<InvocationUsage>): InvocationUsage {
  return {
    functionName: 'fn',
    memoryMb: 1024,
    architecture: 'x86_64',
    ephemeralStorageMb: 512,
    durationMs: 0,
    initMs: 0,
    provisioned: false,
    restoredFromSnapshot: false,
    ...overrides,
  };
}

function invoke(billing: FunctionBilling, times: number, invocation: InvocationUsage): void {
  for (let i = 0; i < times; i++) billing.invocation(invocation);
}

function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** Each line's cost to the cent, by item: the page shows each charge rounded so. */
function lineCents(cost: ReturnType<typeof functionCost>): Record<string, number> {
  const byItem: Record<string, number> = {};
  for (const line of cost.lines) byItem[line.item] = (byItem[line.item] ?? 0) + line.costUsd;
  return Object.fromEntries(Object.entries(byItem).map(([item, usd]) => [item, cents(usd)]));
}

describe("AWS Lambda pricing page's worked examples, to the cent", () => {
  it('mobile application backend (free tier on requests and duration): $2.73', () => {
    const billing = new FunctionBilling(true);
    invoke(billing, 3_000_000, usage({ memoryMb: 1536, durationMs: 120 }));
    const cost = functionCost(billing, pricesWith(true));
    expect(cost.lines.find((line) => line.item === 'function-duration')?.quantity).toBe(540_000);
    // 140,000 billable GB-s: $2.33; 2M billable requests: $0.40
    expect(cents(cost.usd)).toBe(2.73);
  });

  it('enriching streaming telemetry (no free tier): $1.49 + $248.00 = $249.49', () => {
    const billing = new FunctionBilling(true);
    invoke(billing, 10_000 * 24 * 31, usage({ memoryMb: 1024, durationMs: 2000 }));
    const cost = functionCost(billing, pricesWith(false));
    expect(lineCents(cost)).toEqual({ 'function-requests': 1.49, 'function-duration': 248 });
    expect(cents(cost.usd)).toBe(249.49);
  });

  it('ML on support tickets, 2048 MB ephemeral storage (free tier on requests and duration, none on storage): $106.41', () => {
    const billing = new FunctionBilling(true);
    invoke(
      billing,
      6_000_000,
      usage({ memoryMb: 4096, ephemeralStorageMb: 2048, durationMs: 280 }),
    );
    const cost = functionCost(billing, pricesWith(true));
    const storage = cost.lines.find((line) => line.item === 'function-ephemeral-storage');
    expect(storage?.quantity).toBe(2_520_000);
    expect(cents(storage?.costUsd ?? 0)).toBe(0.08);
    expect(cents(cost.usd)).toBe(106.41);
  });

  it('provisioned concurrency, mobile application launch (free tier on all requests and on on-demand duration only): $19.96', () => {
    const billing = new FunctionBilling(true);
    billing.provisioned({
      functionName: 'fn',
      memoryMb: 1536,
      architecture: 'x86_64',
      instances: 100,
      enabledFromMs: 12 * MS_PER_HOUR,
      enabledUntilMs: 20 * MS_PER_HOUR,
    });
    invoke(billing, 500_000, usage({ memoryMb: 1536, durationMs: 100, provisioned: true }));
    invoke(billing, 2_500_000, usage({ memoryMb: 1536, durationMs: 120 }));
    const cost = functionCost(billing, pricesWith(true));
    expect(lineCents(cost)).toEqual({
      'function-requests': 0.6,
      'function-duration': 7.5,
      'function-provisioned-concurrency': 18,
      'function-provisioned-duration': 0.73,
      'free-tier-requests': -0.2,
      'free-tier-duration': -6.67,
    });
    // the page's lines: $18 + $0.40 + $0.73 + $0.83 (450,000 − 400,000 GB-s on demand)
    expect(cents(cost.usd)).toBe(19.96);
  });

  it('provisioned concurrency during Cyber Monday (no free tier): $10.08 + $21.78 + $0.40 = $32.26', () => {
    const billing = new FunctionBilling(true);
    billing.provisioned({
      functionName: 'fn',
      memoryMb: 4096,
      architecture: 'x86_64',
      instances: 7,
      enabledFromMs: 0,
      enabledUntilMs: 24 * MS_PER_HOUR,
    });
    invoke(billing, 2_000_000, usage({ memoryMb: 4096, durationMs: 280, provisioned: true }));
    const cost = functionCost(billing, pricesWith(false));
    expect(lineCents(cost)).toEqual({
      'function-requests': 0.4,
      'function-provisioned-concurrency': 10.08,
      'function-provisioned-duration': 21.78,
    });
    expect(cents(cost.usd)).toBe(32.26);
  });

  it('SnapStart on streaming telemetry, 1% restored (no free tier): $4.03 cache + $10.40 restore, $263.92', () => {
    const billing = new FunctionBilling(true);
    const requests = 10_000 * 24 * 31;
    const restored = requests / 100;
    invoke(billing, requests - restored, usage({ memoryMb: 1024, durationMs: 2000 }));
    invoke(
      billing,
      restored,
      usage({ memoryMb: 1024, durationMs: 2000, restoredFromSnapshot: true }),
    );
    billing.snapshotCached({
      functionName: 'fn',
      memoryMb: 1024,
      architecture: 'x86_64',
      activeMs: 31 * 24 * MS_PER_HOUR,
    });
    const cost = functionCost(billing, pricesWith(false));
    expect(lineCents(cost)).toEqual({
      'function-requests': 1.49,
      'function-duration': 248,
      'function-snapstart-cache': 4.03,
      'function-snapstart-restore': 10.4,
    });
    expect(cents(cost.usd)).toBe(263.92);
  });

  it('tenant isolation example, requests and compute (no free tier): $2 + $333.34 (the $33.40 isolation charge is not modelled)', () => {
    const billing = new FunctionBilling(true);
    invoke(billing, 10_000_000, usage({ memoryMb: 1024, durationMs: 2000 }));
    const cost = functionCost(billing, pricesWith(false));
    expect(lineCents(cost)).toEqual({ 'function-requests': 2, 'function-duration': 333.33 });
    // The page rounds 20M × 0.0000166667 = 333.334 up to $333.34; to the cent it is 333.33.
    expect(cost.lines.find((line) => line.item === 'function-duration')?.costUsd).toBe(333.334);
  });

  it('durable functions example, compute and requests on arm64 (free tier on both): $421.34 + $0.20 (durable operations not modelled)', () => {
    const billing = new FunctionBilling(true);
    // each of 1M executions is 2 invocations (before and after the wait) of 16 s: 32 s in all
    invoke(billing, 2_000_000, usage({ architecture: 'arm64', durationMs: 16_000 }));
    const cost = functionCost(billing, pricesWith(true));
    expect(cents(cost.usd)).toBe(421.54);
    const duration = cost.lines
      .filter((line) => line.item.endsWith('duration'))
      .reduce((sum, line) => sum + line.costUsd, 0);
    expect(cents(duration)).toBe(421.34);
  });

  it('HTTP response streaming example, compute and requests (free tier on both): $30.83 + $0.40 (bytes streamed not modelled)', () => {
    const billing = new FunctionBilling(true);
    invoke(billing, 3_000_000, usage({ memoryMb: 1536, durationMs: 500 }));
    const cost = functionCost(billing, pricesWith(true));
    expect(cents(cost.usd)).toBe(31.23);
  });
});
