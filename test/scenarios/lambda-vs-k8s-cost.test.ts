import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { simulate } from '../../src/model/simulate.js';
import { crossoverReport } from '../../src/report/crossovers.js';
import type { RunRecord } from '../../src/report/run-record.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

/**
 * scenarios/lambda-vs-k8s-cost.yaml, reduced: a minute per run, one replication, four loads,
 * the function against the right-sized Deployment and the same pods on Fargate.
 */
const FILE = fileURLToPath(new URL('../../scenarios/lambda-vs-k8s-cost.yaml', import.meta.url));
const document = parse(readFileSync(FILE, 'utf8'));
document.duration = '1m';
document.sweep.variants = {
  function: document.sweep.variants.function,
  k8s: document.sweep.variants.k8s,
  fargate: document.sweep.variants.fargate,
  'k8s-hpa': document.sweep.variants['k8s-hpa'],
};
document.sweep.grid = { 'workload.users.rate': ['1/s', '10/s', '100/s', '1000/s'] };
const specs = expandSweep(document, { fileName: 'lambda-vs-k8s-cost.yaml', replications: 1 });
const records: RunRecord[] = specs.map((spec) => ({
  runId: spec.runId,
  variant: spec.variant,
  params: spec.params,
  replication: spec.replication,
  seed: spec.seed,
  result: simulate(spec.scenario, { seed: spec.seed }),
}));
const report = crossoverReport(
  specs[0]!.scenario.sweep!.crossovers!,
  records.filter((record) => record.variant !== 'k8s-hpa'),
)!;
const cost = report.crossings.filter(
  (crossing) => crossing.metric === 'cost_allocated_usd_per_million',
);

describe('lambda-vs-k8s-cost', () => {
  it('interpolates on a log scale: the rates span four decades', () => {
    expect(report.scale).toBe('log');
  });

  it('the function is cheaper at the lowest load and dearer at the highest: one crossover with each', () => {
    for (const other of ['k8s', 'fargate']) {
      const crossings = cost.filter((c) => c.a === 'function' && c.b === other);
      expect(crossings).toHaveLength(1);
      expect(crossings[0]).toMatchObject({
        kind: 'crossing',
        lowerBelow: 'function',
        lowerAbove: other,
      });
      expect(crossings[0]!.at!).toBeGreaterThan(10);
      expect(crossings[0]!.at!).toBeLessThan(100);
    }
  });

  it('Fargate tasks of the same size cost more than pods on nodes at every load', () => {
    const pair = cost.filter((c) => c.a === 'k8s' && c.b === 'fargate');
    expect(pair.map((c) => c.kind)).toEqual(['none']);
    expect(pair[0]!.lowerBelow).toBe('k8s');
  });

  it('cold starts are in it: the pool starts empty, so each load pays its first inits', () => {
    for (const record of records.filter((r) => r.variant === 'function')) {
      const fn = record.result.functions!.functions[0]!;
      expect(fn.coldStarts).toBeGreaterThan(0);
      expect(fn.initMeanMs!).toBeGreaterThan(100);
    }
  });

  it('retries are in it: the client retries the 2% failed attempts, and each option serves and bills every attempt', () => {
    let allRetries = 0;
    for (const record of records) {
      const { result } = record;
      const retries = result.clientRetries!;
      allRetries += retries;
      const served =
        record.variant === 'function'
          ? result.functions!.functions[0]!.invocations
          : result.endpoints.find((e) => e.service === 'api')!.requests;
      expect(served).toBe(result.requests.total + retries);
    }
    expect(allRetries).toBeGreaterThan(0);
  });

  it("the real HPA at the same target holds the right-sized count: its runs equal the stand-in's", () => {
    const at = (variant: string, rate: string) =>
      records.find((r) => r.variant === variant && r.params['workload.users.rate'] === rate)!;
    for (const rate of ['100/s', '1000/s']) {
      const hpa = at('k8s-hpa', rate).result;
      const standIn = at('k8s', rate).result;
      const decisions = hpa.autoscaling!.decisions.filter((d) => d.controller === 'hpa');
      expect(decisions.length).toBeGreaterThan(0);
      expect(decisions.every((d) => d.replicas === d.current)).toBe(true);
      expect(hpa.latency).toEqual(standIn.latency);
      expect(hpa.cost.allocation).toEqual(standIn.cost.allocation);
    }
  });
});
