import { describe, expect, it } from 'vitest';
import {
  type FargateTask,
  fargateBilledSeconds,
  fargateCost,
  fargateTaskSize,
} from '../../src/model/cost/fargate-billing.js';
import { DEFAULT_PRICES } from '../../src/model/cost/prices.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

function task(overrides: Partial<FargateTask>): FargateTask {
  return {
    service: 'api',
    size: { vcpu: 1, memoryGb: 2 },
    architecture: 'x86_64',
    startMs: 0,
    endMs: 600_000,
    ...overrides,
  };
}

describe('Fargate task size', () => {
  it("rounds 1 vCPU and 8 GB, plus EKS's 256 MB, up to 2 vCPU and 9 GB (the EKS guide's example)", () => {
    expect(fargateTaskSize({ cpuCores: 1, memoryBytes: 8 * GiB })).toEqual({
      vcpu: 2,
      memoryGb: 9,
    });
  });

  it('gives the smallest task to a small pod: 0.1 vCPU and 128Mi run on 0.25 vCPU and 0.5 GB', () => {
    expect(fargateTaskSize({ cpuCores: 0.1, memoryBytes: 128 * MiB })).toEqual({
      vcpu: 0.25,
      memoryGb: 0.5,
    });
  });

  it('steps 8 vCPU tasks by 4 GB: 8 vCPU and 17 GB run on 8 vCPU and 20 GB', () => {
    expect(fargateTaskSize({ cpuCores: 8, memoryBytes: 17 * GiB }, 0)).toEqual({
      vcpu: 8,
      memoryGb: 20,
    });
  });

  it('has no task above 16 vCPU or 120 GB', () => {
    expect(fargateTaskSize({ cpuCores: 17, memoryBytes: GiB })).toBeUndefined();
    expect(fargateTaskSize({ cpuCores: 1, memoryBytes: 120 * GiB })).toBeUndefined();
  });
});

describe('Fargate billing', () => {
  it('bills per second, rounded up, with a one-minute minimum', () => {
    expect(fargateBilledSeconds(task({ endMs: 59_000 }))).toBe(60);
    expect(fargateBilledSeconds(task({ endMs: 60_000 }))).toBe(60);
    expect(fargateBilledSeconds(task({ endMs: 60_001 }))).toBe(61);
  });

  it('prices 5 tasks of 1 vCPU and 2 GB for 10 minutes a day over 30 days at $1.23', () => {
    const tasks = Array.from({ length: 5 * 30 }, () => task({}));
    const cost = fargateCost(tasks, DEFAULT_PRICES.fargate);
    expect(cost.lines.map((line) => [line.item, line.quantity, line.costUsd])).toEqual([
      ['fargate-vcpu', 25, 1.012],
      ['fargate-memory', 50, 0.22225],
    ]);
    expect(Math.round(cost.usd * 100) / 100).toBe(1.23);
  });

  it('prices arm64 tasks at the arm64 rates', () => {
    const cost = fargateCost(
      [task({ architecture: 'arm64', endMs: 3_600_000 })],
      DEFAULT_PRICES.fargate,
    );
    expect(cost.usd).toBe(0.03238 + 2 * 0.00356);
  });
});
