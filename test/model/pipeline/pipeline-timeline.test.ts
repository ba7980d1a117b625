import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/index.js';
import { TWO_COMMITS_ONE_RUNNER, webPipelineYaml } from '../../support/pipeline-scenario.js';

/** One service, one node, fixed durations: every pipeline time can be computed by hand. */
const scenario = (pipelines: string) =>
  parseScenario(webPipelineYaml(pipelines, 'pipeline-timeline'), 'pipeline-timeline.yaml');

describe('two commits contending for one runner (fixed durations)', () => {
  const result = simulate(scenario(TWO_COMMITS_ONE_RUNNER)).pipelines!;

  it('queues the second build behind the first, and each deploy behind the other build', () => {
    // c0 builds 0-60 s; c1 waits from 10 s and builds 60-120 s; c0's deploy job waits from
    // 60 s (behind c1's build, FIFO) and runs from 120 s: 5 s, then the rollout: the new pod
    // pulls its new image (4 s) and starts (1 s): ready at 130 s, when the job ends; c1's
    // deploy waits from 120 s to 130 s, rolls out at 135 s, ready at 140 s.
    const [c0, c1] = result.runs;
    expect(c0).toMatchObject({
      commit: 0,
      commitS: 0,
      queueWaitS: 60,
      stageS: [60, 10],
      result: 'deployed',
      deployStartS: 125,
      deployEndS: 130,
    });
    expect(c1).toMatchObject({
      commit: 1,
      commitS: 10,
      queueWaitS: 60,
      stageS: [60, 10],
      result: 'deployed',
      deployStartS: 135,
      deployEndS: 140,
    });
  });

  it('gives DORA lead times from commit to every new pod ready', () => {
    const all = result.dora.find((row) => row.service === 'all')!;
    expect(all).toMatchObject({
      commits: 2,
      deploys: 2,
      leadTimeP50S: 130,
      leadTimeP95S: 130,
      leadTimeMeanS: 130,
      failedDeploys: 0,
      changeFailureRate: 0,
      timeToRestoreP50S: null,
      timeToRestoreMeanS: null,
    });
    // 2 deploys in 10 minutes: 288 a day.
    expect(all.deploysPerDay).toBeCloseTo(288, 9);
  });

  it('measures the runner busy from 0 to 140 s of the 600 s window', () => {
    expect(result.runnerUtilization).toBeCloseTo(140 / 600, 12);
    expect(result.jobs).toBe(4);
    // waits 0, 50, 60, 10: mean 30; nearest-rank p95 of four is the largest
    expect(result.jobWaitMeanS).toBe(30);
    expect(result.jobWaitP95S).toBe(60);
  });
});

describe('a bad release rolled back', () => {
  const result = simulate(
    scenario(`
  runners: 1
  commits: { at: [0s] }
  stages:
    - { name: deploy, duration: 5s }
  badRelease: { probability: 100%, detection: 30s, remediation: rollback }
`),
  ).pipelines!;

  it('is live at 10 s, found at 40 s, and v1 (its image still on the node) is ready at 41 s', () => {
    expect(result.runs[0]).toMatchObject({ bad: true, deployEndS: 10, restoredS: 41 });
    const all = result.dora.find((row) => row.service === 'all')!;
    expect(all).toMatchObject({
      deploys: 1,
      failedDeploys: 1,
      changeFailureRate: 1,
      timeToRestoreP50S: 31,
      timeToRestoreMeanS: 31,
    });
  });
});

describe('a bad release fixed forward', () => {
  const result = simulate(
    scenario(`
  runners: 1
  commits: { at: [0s] }
  stages:
    - { name: build, duration: 60s }
    - { name: deploy, duration: 5s }
  badRelease: { probability: 50%, detection: 30s, remediation: fix-forward }
`),
    { seed: 3 },
  ).pipelines!;

  it('restores when the fix commit is live: a pipeline later', () => {
    const [bad, fix] = result.runs;
    if (!bad!.bad) return expect.unreachable('seed 3 draws a bad first release');
    // bad: built 0-60, deployed 60-65, ready 70 (new image); found at 100; the fix
    // builds 100-160, deploys 160-165, pulls its own new image: ready at 170.
    expect(bad).toMatchObject({ deployEndS: 70 });
    expect(fix).toMatchObject({ kind: 'fix', commitS: 100, deployEndS: 170 });
    if (fix!.bad) return expect.unreachable('seed 3 draws a good fix');
    expect(bad!.restoredS).toBe(170);
  });

  it('waits for the first good fix when a fix is bad too (seed 2)', () => {
    const runs = simulate(
      scenario(`
  runners: 1
  commits: { at: [0s] }
  stages:
    - { name: build, duration: 60s }
    - { name: deploy, duration: 5s }
  badRelease: { probability: 50%, detection: 30s, remediation: fix-forward }
`),
      { seed: 2 },
    ).pipelines!.runs;
    // bad at 70, found at 100; its fix is bad at 170, found at 200; the second fix is live at 270
    expect(runs.map((r) => [r.kind, r.bad, r.deployEndS, r.restoredS])).toEqual([
      ['commit', true, 70, 270],
      ['fix', true, 170, 270],
      ['fix', false, 270, null],
    ]);
  });
});
