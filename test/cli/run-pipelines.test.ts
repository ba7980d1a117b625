import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TWO_COMMITS_ONE_RUNNER, webPipelineYaml } from '../support/pipeline-scenario.js';
import { folderWith, msasim } from './run-cli.js';

const PIPELINE_SCENARIO = webPipelineYaml(TWO_COMMITS_ONE_RUNNER);

describe('msasim run with pipelines', () => {
  it('prints the Pipelines section and writes pipelines.csv and dora.csv to --out', () => {
    const dir = folderWith({ 'p.yaml': PIPELINE_SCENARIO });
    const { status, stdout, stderr } = msasim(['run', 'p.yaml', '--out', 'out'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(
      'Pipelines (per-service, 1 runner: busy 23.3%; 4 jobs waited for a runner 30.0 s on average, p95 60.0 s)',
    );
    expect(stdout).toMatch(/\n {2}all +2 +2 +288\.00 +2\.2 +2\.2 +0\.0% +– +0\n/);
    expect(readdirSync(join(dir, 'out'))).toEqual(
      expect.arrayContaining(['pipelines.csv', 'dora.csv', 'result.json']),
    );
  });

  it('refuses a deploy stage that is not the last, naming the field, exit 2', () => {
    const bad = PIPELINE_SCENARIO.replace(
      '    - { name: build, duration: 60s }\n    - { name: deploy, duration: 5s }',
      '    - { name: deploy, duration: 5s }\n    - { name: build, duration: 60s }',
    );
    const { status, stderr } = msasim(['run', 'p.yaml'], folderWith({ 'p.yaml': bad }));
    expect(status).toBe(2);
    expect(stderr.trim()).toBe(
      'p.yaml:16:15: pipelines.stages[0].name: the deploy stage must be the last stage (it ends when the new pods are ready)',
    );
  });

  it('refuses an unknown service with the services it knows', () => {
    const bad = PIPELINE_SCENARIO.replace('  runners: 1\n', '  runners: 1\n  services: [wbe]\n');
    const { status, stderr } = msasim(['validate', 'p.yaml'], folderWith({ 'p.yaml': bad }));
    expect(status).toBe(2);
    expect(stderr).toContain('p.yaml:14:14: pipelines.services[0]: unknown service "wbe"');
  });

  it('refuses a runner pool of 0', () => {
    const bad = PIPELINE_SCENARIO.replace('runners: 1', 'runners: 0');
    const { status, stderr } = msasim(['validate', 'p.yaml'], folderWith({ 'p.yaml': bad }));
    expect(status).toBe(2);
    expect(stderr.trim()).toBe('p.yaml:13:12: pipelines.runners: must be at least 1');
  });
});

describe('msasim explain with pipelines', () => {
  it('shows the pipelines, the pool, the stages and the short drain', () => {
    const { status, stdout } = msasim(
      ['explain', 'p.yaml'],
      folderWith({ 'p.yaml': PIPELINE_SCENARIO }),
    );
    expect(status).toBe(0);
    expect(stdout).toContain(
      [
        'Pipelines (docs/cicd.md)',
        '  1 pipeline (one per service), 2 commits at fixed times each',
        '  1 shared runner: each stage a job on one runner, jobs waiting FIFO',
        "  stages: build 1m → deploy 5s + the rollout (the Deployment's strategy)",
        '  the drain is 10m: commits still in their pipelines when it ends are unfinished',
      ].join('\n'),
    );
  });
});
