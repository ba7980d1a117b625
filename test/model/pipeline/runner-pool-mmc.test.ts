import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/index.js';
import { longPipelineYaml } from '../../support/pipeline-scenario.js';
import { mmcMeanWait } from '../../support/queueing-theory.js';
import { tInterval } from '../../support/scenario-files.js';

/**
 * One stage with exponential durations, Poisson commits, c runners: the runner pool is an
 * M/M/c queue, and a job's mean wait for a runner is Erlang C's
 * Wq = C(c, λ/μ) / (cμ − λ). Each replication is an independent run (seed n, n + 1, ...),
 * its first 2 hours left out (warmup); the check is a 99% Student-t interval over them.
 */
const scenarioWith = (runners: number, commitsPerMinute: number) =>
  parseScenario(
    longPipelineYaml(
      'runner-pool-mmc',
      'duration: 2d\nwarmup: 2h\ndrain: 6h',
      `  runners: ${runners}
  commits: { rate: ${commitsPerMinute}/m }
  stages:
    - { name: build, duration: exponential(mean=1m) }
`,
    ),
    'runner-pool-mmc.yaml',
  );

describe('the runner pool with exponential jobs and Poisson commits (M/M/c)', () => {
  for (const { runners, perMinute } of [
    { runners: 1, perMinute: 0.7 },
    { runners: 3, perMinute: 2.4 },
    { runners: 8, perMinute: 7 },
  ]) {
    it(`waits as Erlang C says with ${runners} runners at ${perMinute} commits a minute`, () => {
      const scenario = scenarioWith(runners, perMinute);
      const means = Array.from({ length: 8 }, (_, i) => {
        const result = simulate(scenario, { seed: 1 + i }).pipelines!;
        expect(result.runs.every((row) => row.result === 'passed')).toBe(true);
        return result.jobWaitMeanS!;
      });
      const expected = mmcMeanWait(perMinute / 60, 1 / 60, runners);
      const interval = tInterval(means, 0.99);
      expect(interval.relativeHalfWidth).toBeLessThan(0.2);
      expect(expected).toBeGreaterThan(interval.lower);
      expect(expected).toBeLessThan(interval.upper);
    });
  }

  it('is busy λ / (cμ) of the time', () => {
    const result = simulate(scenarioWith(3, 2.4), { seed: 1 }).pipelines!;
    expect(result.runnerUtilization).toBeGreaterThan(0.8 - 0.03);
    expect(result.runnerUtilization).toBeLessThan(0.8 + 0.03);
  });
});
