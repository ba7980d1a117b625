import { describe, expect, it } from 'vitest';
import { perRequestUsd } from '../../src/model/cost/exact-usd.js';
import { DEFAULT_PRICES } from '../../src/model/cost/prices.js';

/**
 * The defaults are AWS's US East prices as re-checked in November 2026 (docs/cost.md, "The
 * price table", which cites each figure and how firm it is): a change here must change the
 * table, and the other way round.
 */
describe('the default prices are the ones docs/cost.md cites', () => {
  const f = DEFAULT_PRICES.functions;

  it('Lambda: requests, duration, provisioned concurrency on both architectures (price list)', () => {
    expect(f.requestPerMillion).toBe(0.2);
    expect(f.durationPerGBSecond).toEqual({ x86_64: 0.0000166667, arm64: 0.0000133334 });
    expect(f.provisionedPerGBSecond).toEqual({ x86_64: 0.0000041667, arm64: 0.0000033334 });
    expect(f.provisionedDurationPerGBSecond).toEqual({
      x86_64: 0.0000097222,
      arm64: 0.0000077778,
    });
    expect(f.ephemeralStoragePerGBSecond).toBe(0.0000000309);
  });

  it("Lambda SnapStart: the cache and restore prices of AWS's SnapStart example", () => {
    expect(f.snapStartCachePerGBSecond).toBe(0.0000015046);
    expect(f.snapStartRestorePerGB).toBe(0.0001397998);
  });

  it('API Gateway: HTTP 1.00 then 0.90 past 300M; REST 3.50, 2.80, 2.38, 1.51 at 333M, 1B, 20B', () => {
    const M = 1_000_000;
    expect(DEFAULT_PRICES.gateway.http).toEqual([
      { upToRequests: 300 * M, perMillion: 1.0 },
      { upToRequests: null, perMillion: 0.9 },
    ]);
    expect(DEFAULT_PRICES.gateway.rest).toEqual([
      { upToRequests: 333 * M, perMillion: 3.5 },
      { upToRequests: 1000 * M, perMillion: 2.8 },
      { upToRequests: 20_000 * M, perMillion: 2.38 },
      { upToRequests: null, perMillion: 1.51 },
    ]);
  });

  it("Fargate: Linux/x86 and Linux/ARM per vCPU-hour and GB-hour; AWS's ECS example per second", () => {
    expect(DEFAULT_PRICES.fargate.perVcpuHour).toEqual({ x86_64: 0.04048, arm64: 0.03238 });
    expect(DEFAULT_PRICES.fargate.perGBHour).toEqual({ x86_64: 0.004445, arm64: 0.00356 });
    // The ECS pricing page's example: "$0.000011244 per vCPU second" (to its 9 decimals).
    expect((DEFAULT_PRICES.fargate.perVcpuHour.x86_64 / 3600).toFixed(9)).toBe('0.000011244');
  });

  it('per request, each per-million price is its exact decimal', () => {
    expect(perRequestUsd(f.requestPerMillion)).toBe(0.0000002);
    expect(DEFAULT_PRICES.gateway.rest.map((tier) => perRequestUsd(tier.perMillion))).toEqual([
      0.0000035, 0.0000028, 0.00000238, 0.00000151,
    ]);
  });
});
