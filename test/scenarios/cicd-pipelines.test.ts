import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DoraRow, PipelinesResult } from '../../src/metrics/pipeline-result.js';
import { simulate } from '../../src/model/simulate.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

/** scenarios/cicd-pipelines.yaml's claims (the file's comment), on four of its twelve runs. */
const FILE = fileURLToPath(new URL('../../scenarios/cicd-pipelines.yaml', import.meta.url));
const specs = expandSweep(parse(readFileSync(FILE, 'utf8')), { fileName: 'cicd-pipelines.yaml' });
const run = (variant: string, runners: number): PipelinesResult => {
  const spec = specs.find(
    (s) => s.variant === variant && s.params['pipelines.runners'] === runners,
  )!;
  return simulate(spec.scenario, { seed: spec.seed }).pipelines!;
};
const all = (p: PipelinesResult): DoraRow => p.dora.find((row) => row.service === 'all')!;
const minutes = (s: number | null) => s! / 60;

describe('cicd-pipelines', () => {
  const perService2 = run('per-service', 2);
  const perService4 = run('per-service', 4);
  const monorepo12 = run('monorepo', 12);
  const monorepo20 = run('monorepo', 20);

  it('per-service, 2 runners: busy 22%, lead time p50 13.2 min, p95 20.8 min', () => {
    expect(all(perService2)).toMatchObject({ commits: 148, deploys: 138, pipelineFailures: 10 });
    expect(all(perService2).deploysPerDay).toBe(46);
    expect(perService2.runnerUtilization!).toBeCloseTo(0.221, 3);
    expect(perService2.jobWaitP95S!).toBeCloseTo(49.4, 1);
    expect(minutes(all(perService2).leadTimeP50S)).toBeCloseTo(13.2, 1);
    expect(minutes(all(perService2).leadTimeP95S)).toBeCloseTo(20.8, 1);
  });

  it('per-service, 4 runners: no job waits; 12.7 and 19.4 min', () => {
    expect(perService4.jobWaitP95S).toBe(0);
    expect(minutes(all(perService4).leadTimeP50S)).toBeCloseTo(12.7, 1);
    expect(minutes(all(perService4).leadTimeP95S)).toBeCloseTo(19.4, 1);
  });

  it('monorepo: 12 runners busy 86%, 2.4 h and 6.6 h; 20 runners busy 55%, 43 and 84 min', () => {
    expect(monorepo12.runnerUtilization!).toBeCloseTo(0.86, 3);
    expect(all(monorepo12).leadTimeP50S! / 3600).toBeCloseTo(2.4, 1);
    expect(all(monorepo12).leadTimeP95S! / 3600).toBeCloseTo(6.6, 1);
    expect(monorepo20.runnerUtilization!).toBeCloseTo(0.548, 3);
    expect(minutes(all(monorepo20).leadTimeP50S)).toBeCloseTo(43.1, 1);
    expect(minutes(all(monorepo20).leadTimeP95S)).toBeCloseTo(84.1, 1);
  });

  it('the monorepo with 20 runners is 3 to 4 times slower than per-service with 2', () => {
    const p50 = all(monorepo20).leadTimeP50S! / all(perService2).leadTimeP50S!;
    const p95 = all(monorepo20).leadTimeP95S! / all(perService2).leadTimeP95S!;
    expect(p50).toBeGreaterThan(3);
    expect(p95).toBeLessThan(4.5);
    expect(p95).toBeGreaterThan(3.5);
  });
});
