import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { worstCatchUp } from '../../src/metrics/autoscaling-headline.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

/** scenarios/autoscale-spike.yaml's claims, on its one replication (the file's comment). */
const FILE = fileURLToPath(new URL('../../scenarios/autoscale-spike.yaml', import.meta.url));
const specs = expandSweep(parse(readFileSync(FILE, 'utf8')), {
  fileName: 'autoscale-spike.yaml',
  replications: 1,
});
const run = (variant: string): RunResult => {
  const spec = specs.find((s) => s.variant === variant)!;
  return simulate(spec.scenario, { seed: spec.seed });
};
const base = run('default');
const spare = run('spare-nodes');

describe('autoscale-spike', () => {
  it('catches up in 198 s, its phases as the comment states, with 16,856 requests failed', () => {
    expect(worstCatchUp(base.autoscaling!)).toMatchObject({
      startS: 120,
      durationS: 198.002,
      replicasFrom: 4,
      replicasTo: 17,
      metricLagS: 15,
      hpaDecisionS: 105,
      schedulingS: 60,
      imagePullAndStartS: 18,
      failedRequests: 16856,
    });
  });

  it('is never held by the scale-up rate: every sync is within range', () => {
    const reasons = new Set(
      base.autoscaling!.decisions.filter((d) => d.controller === 'hpa').map((d) => d.reason),
    );
    expect([...reasons].sort()).toEqual(['DesiredWithinRange', 'FailedGetMetrics']);
  });

  it('with spare nodes catches up in 33 s and nearly nothing fails, for more node cost', () => {
    expect(worstCatchUp(spare.autoscaling!)?.durationS).toBe(33.001);
    expect(spare.requests.failed).toBe(9);
    expect(spare.cost.totalUsd).toBeGreaterThan(base.cost.totalUsd);
  });
});
