import { describe, expect, it } from 'vitest';
import type {
  FunctionUsageSink,
  GatewayUsage,
  InvocationUsage,
  ProvisionedConcurrencyUsage,
} from '../../../src/model/serverless/function-usage.js';
import { simulate } from '../../../src/model/simulate.js';
import { functionsCsv } from '../../../src/report/functions-csv.js';
import { parseScenario } from '../../../src/scenario/load.js';
import { functionScenarioYaml } from './function-scenario.js';

/** A sink that keeps what it is told, as a test can read it (the billing keeps totals). */
class CountingSink implements FunctionUsageSink {
  readonly invocations: InvocationUsage[] = [];
  readonly provisionedSpans: ProvisionedConcurrencyUsage[] = [];
  readonly gateway: GatewayUsage[] = [];
  invocation(usage: InvocationUsage): void {
    this.invocations.push(usage);
  }
  provisioned(usage: ProvisionedConcurrencyUsage): void {
    this.provisionedSpans.push(usage);
  }
  gatewayRequests(usage: GatewayUsage): void {
    this.gateway.push(usage);
  }
}

function run(fn: string, warmup = '0s') {
  const sink = new CountingSink();
  const yaml = functionScenarioYaml({
    fn,
    workload: 'arrivals: poisson\nrate: 5/s\ntarget: fn.invoke',
    duration: '2m',
  }).replace('duration: 2m', `duration: 2m\nwarmup: ${warmup}`);
  const result = simulate(parseScenario(yaml), { functionUsage: sink });
  return { sink, fn: result.functions!.functions[0]!, result };
}

describe('the usage a function reports to its sink', () => {
  it('is one record per measured invocation, with its duration, init and configuration', () => {
    const { sink, fn } = run(
      'memoryMb: 512\narchitecture: arm64\nephemeralStorageMb: 1024\nhandler: { cpu: 10ms }\ninit: 300ms',
      '30s',
    );
    expect(sink.invocations.length).toBe(fn.invocations);
    const cold = sink.invocations.filter((u) => u.initMs > 0);
    expect(cold.length).toBe(fn.coldStarts);
    expect(cold.every((u) => u.initMs === 300)).toBe(true);
    for (const usage of sink.invocations) {
      expect(usage).toMatchObject({
        functionName: 'fn',
        memoryMb: 512,
        architecture: 'arm64',
        ephemeralStorageMb: 1024,
        provisioned: false,
        restoredFromSnapshot: false,
      });
      expect(usage.durationMs).toBeCloseTo((10 * 1769) / 512, 6);
    }
  });

  it('tells provisioned instances apart, and the span they were enabled over the measured period', () => {
    const { sink } = run('handler: { cpu: 10ms }\nprovisionedConcurrency: 3', '30s');
    expect(sink.invocations.every((u) => u.provisioned)).toBe(true);
    expect(sink.provisionedSpans).toEqual([
      {
        functionName: 'fn',
        memoryMb: 1024,
        architecture: 'x86_64',
        instances: 3,
        enabledFromMs: 30_000,
        enabledUntilMs: 120_000,
      },
    ]);
  });

  it('marks SnapStart restores, and counts the gateway requests by API type', () => {
    const { sink, fn, result } = run(
      'runtime: java\nsnapStart: true\nhandler: { cpu: 10ms }\ngateway: { type: rest }',
    );
    const restored = sink.invocations.filter((u) => u.restoredFromSnapshot);
    expect(restored.length).toBe(fn.coldStarts);
    expect(sink.gateway).toEqual([{ apiType: 'rest', requests: result.requests.total }]);
  });

  it('writes a statistic without samples as an empty cell, not 0', () => {
    const { result } = run('handler: { cpu: 10ms }\nreservedConcurrency: 0');
    const record = { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };
    const [header, row] = functionsCsv([record]).trim().split('\n');
    const cells = Object.fromEntries(
      header!.split(',').map((name, i) => [name, row!.split(',')[i]]),
    );
    expect(cells.invocations).toBe('0');
    expect(cells.cold_share).toBe('');
    expect(cells.duration_p99_ms).toBe('');
    expect(cells.init_mean_ms).toBe('');
  });
});
