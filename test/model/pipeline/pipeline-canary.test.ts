import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/index.js';

/**
 * A pipeline whose deploy stage releases through an Argo Rollouts canary (canary-10.yaml:
 * steps 20% -> pause 20 s -> 50% -> pause 30 s, promoted 57 s after it starts): the deploy
 * job holds its runner until the Rollout is promoted or aborted, as a job running
 * `kubectl argo rollouts status` does, so the commit's lead time includes the canary.
 */
function canaryPipeline(badRelease: string, analysis: string) {
  const fixture = readFileSync('test/fixtures/model/canary-10.yaml', 'utf8')
    .replace(/\nevents:[\s\S]*$/, '\n')
    .replace('duration: 120s', 'duration: 10m')
    .replace(
      '          - pause: { duration: 30s }\n',
      `          - pause: { duration: 30s }${analysis}\n`,
    );
  if (analysis !== '' && !fixture.includes('analysis:')) throw new Error('canary-10.yaml changed');
  const text = `${fixture}pipelines:
  runners: 1
  commits: { at: [0s] }
  stages:
    - { name: build, duration: 60s }
    - { name: deploy, duration: 5s }
${badRelease}`;
  return simulate(parseScenario(text, 'pipeline-canary.yaml')).pipelines!;
}

const ANALYSIS = `
        analysis:
          metrics:
            - { name: errors, interval: 10s, successCondition: "errorRate <= 5%" }`;

describe('a pipeline deploying through an Argo canary', () => {
  it('counts a promoted canary as deployed, its lead time including every step', () => {
    const result = canaryPipeline('', '');
    // build 0-60 s, deploy job 60-65 s, then the canary's 57 s: live at 122 s
    expect(result.runs[0]).toMatchObject({ result: 'deployed', deployEndS: 122 });
    const all = result.dora.find((row) => row.service === 'all')!;
    expect(all).toMatchObject({ deploys: 1, leadTimeP50S: 122, failedDeploys: 0 });
  });

  it('fails the deploy stage when the analysis aborts a bad release', () => {
    const bad = '  badRelease: { probability: 1, errorRate: 50% }\n';
    const result = canaryPipeline(bad, ANALYSIS);
    expect(result.runs[0]).toMatchObject({ result: 'failed', failedStage: 'deploy' });
    const all = result.dora.find((row) => row.service === 'all')!;
    // an aborted release never went live: no deployment, no lead time, nothing to restore
    expect(all).toMatchObject({ deploys: 0, leadTimeP50S: null, timeToRestoreP50S: null });
  });
});
