import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

/** scenarios/cold-start-bursts.yaml's claims, on its one replication (the file's comment). */
const FILE = fileURLToPath(new URL('../../scenarios/cold-start-bursts.yaml', import.meta.url));
const specs = expandSweep(parse(readFileSync(FILE, 'utf8')), {
  fileName: 'cold-start-bursts.yaml',
  replications: 1,
});
const results = new Map<string, RunResult>(
  specs.map((spec) => [spec.variant, simulate(spec.scenario, { seed: spec.seed })]),
);
const fn = (variant: string) => results.get(variant)!.functions!.functions[0]!;
const p99 = (variant: string) => results.get(variant)!.latency.p99Ms!;

describe('cold-start-bursts', () => {
  it('on demand, about 1% of calls start cold, and they make the p99 five times the p50', () => {
    expect(fn('on-demand').coldShare!).toBeCloseTo(0.0101, 4);
    expect(p99('on-demand')).toBeGreaterThan(5 * results.get('on-demand')!.latency.p50Ms!);
  });

  it('a keep-alive longer than the gaps leaves only the first burst cold', () => {
    expect(fn('keep-alive-20m').coldStarts).toBe(fn('keep-alive-20m').peakInstances);
    expect(fn('keep-alive-20m').coldStarts).toBeLessThan(fn('on-demand').coldStarts / 3);
  });

  it('provisioned concurrency removes every cold start, and most of it sits idle', () => {
    expect(fn('provisioned-100').coldStarts).toBe(0);
    expect(fn('provisioned-100').peakConcurrency).toBeLessThan(30);
    expect(p99('provisioned-100')).toBeLessThan(p99('on-demand') / 2);
  });

  it('SnapStart halves the init and needs fewer instances', () => {
    expect(fn('snapstart').initMeanMs!).toBeLessThan(fn('on-demand').initMeanMs! / 1.8);
    expect(fn('snapstart').peakInstances).toBeLessThan(fn('on-demand').peakInstances);
    expect(p99('snapstart')).toBeLessThan(p99('on-demand') / 2);
  });

  it("the function's bill: on demand 0.062 USD for the hour; 100 provisioned instances 1.55", () => {
    const usd = (variant: string) => results.get(variant)!.cost.functionUsd!;
    expect(usd('on-demand')).toBeCloseTo(0.0616, 3);
    expect(usd('keep-alive-20m')).toBeCloseTo(0.0598, 3);
    // SnapStart on Java: no cache or restore charge, and a restore is not billed as init.
    expect(usd('snapstart')).toBeCloseTo(0.0592, 3);
    expect(usd('provisioned-100')).toBeCloseTo(1.55, 2);
  });
});
