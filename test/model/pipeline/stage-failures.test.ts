import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/index.js';
import { longPipelineYaml } from '../../support/pipeline-scenario.js';

/**
 * Each job fails with its stage's probability, independently: of n commits, the number that
 * fail at a stage is binomial. A commit that fails stops there, so the second stage is run
 * by those that passed the first. Checked within 4 standard deviations of the binomial.
 */
const result = simulate(
  parseScenario(
    longPipelineYaml(
      'stage-failures',
      'duration: 2d\ndrain: 1h',
      `  runners: 50
  commits: { rate: 100/h }
  stages:
    - { name: test, duration: 1m, failureProbability: 20% }
    - { name: lint, duration: 10s, failureProbability: 10% }
`,
    ),
    'stage-failures.yaml',
  ),
).pipelines!;

function expectBinomial(successes: number, trials: number, p: number): void {
  const sd = Math.sqrt(trials * p * (1 - p));
  expect(Math.abs(successes - trials * p)).toBeLessThan(4 * sd);
}

describe('stage failure probabilities', () => {
  const runs = result.runs;
  const failedAt = (stage: string) => runs.filter((row) => row.failedStage === stage).length;

  it('fail each stage as often as a binomial with its probability', () => {
    expect(runs.length).toBeGreaterThan(4000);
    expectBinomial(failedAt('test'), runs.length, 0.2);
    expectBinomial(failedAt('lint'), runs.length - failedAt('test'), 0.1);
  });

  it('stop the pipeline at the failing stage: later stages are not run', () => {
    for (const row of runs.filter((r) => r.failedStage === 'test')) {
      expect(row.result).toBe('failed');
      // 60 s, read as a difference of simulated times (a few ulps off late in the run)
      expect(row.stageS[0]).toBeCloseTo(60, 9);
      expect(row.stageS[1]).toBeNull();
    }
    const passed = runs.filter((row) => row.result === 'passed');
    expect(passed.length + failedAt('test') + failedAt('lint')).toBe(runs.length);
  });

  it('count pipeline failures in the DORA rows', () => {
    const all = result.dora.find((row) => row.service === 'all')!;
    expect(all.pipelineFailures).toBe(failedAt('test') + failedAt('lint'));
    expect(all.deploys).toBe(0);
    expect(all.leadTimeP50S).toBeNull();
    expect(all.changeFailureRate).toBeNull();
  });
});
