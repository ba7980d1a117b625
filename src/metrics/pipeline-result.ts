import type { Statistic } from './run-result.js';

/**
 * What a run's CI/CD pipelines did (issue 14, docs/cicd.md): one row per pipeline run (a
 * commit on one service's pipeline; a monorepo commit has a row per service it deploys:
 * pipelines.csv), the DORA metrics per service and for the whole system (dora.csv), and the
 * runner pool. A statistic with no sample is null (an empty cell), never 0.
 */
export interface PipelinesResult {
  layout: 'per-service' | 'monorepo';
  runners: number;
  /** the stages' names, in order: the columns of each row's stageS */
  stages: string[];
  runs: PipelineRunRow[];
  dora: DoraRow[];
  /** busy runner time over runners × the measured window */
  runnerUtilization: Statistic;
  /** jobs of measured commits that started on a runner */
  jobs: number;
  /** a job's wait for a runner, over the jobs of measured commits, in seconds */
  jobWaitMeanS: Statistic;
  jobWaitP95S: Statistic;
}

/**
 * deployed: its version's pods were all ready; superseded: a later commit's rollout replaced
 * its own before it ended (its change went live with the later one); failed: a stage failed;
 * passed: every stage passed and it has no deploy stage; unfinished: the run ended first;
 * failed-deadline: its rollout passed the Deployment's progressDeadlineSeconds.
 */
export type PipelineRunResult =
  | 'deployed'
  | 'superseded'
  | 'passed'
  | 'failed'
  | 'failed-deadline'
  | 'unfinished';

export interface PipelineRunRow {
  service: string;
  /** the commit's number in the run (a monorepo commit's rows share it) */
  commit: number;
  /** commit: a change; fix: the fix-forward commit of a bad release */
  kind: 'commit' | 'fix';
  commitS: number;
  /** the commit arrived in the measured window [warmup, duration) */
  measured: boolean;
  /** its jobs' waits for a runner, summed */
  queueWaitS: number;
  /** each stage's time on its runner (deploy: until the rollout ended); null: not run */
  stageS: Statistic[];
  result: PipelineRunResult;
  /** the stage that failed */
  failedStage: string | null;
  /** the rollout's start and the moment its pods were all ready (or the later rollout's) */
  deployStartS: Statistic;
  deployEndS: Statistic;
  /** the release was bad (badRelease.probability) */
  bad: boolean;
  /** a bad release: when a good version was live again; null while it was not */
  restoredS: Statistic;
}

/** DORA's four keys (https://dora.dev/guides/dora-metrics-four-keys/) for a service or `all`. */
export interface DoraRow {
  service: string;
  commits: number;
  deploys: number;
  deploysPerDay: Statistic;
  leadTimeP50S: Statistic;
  leadTimeP95S: Statistic;
  leadTimeMeanS: Statistic;
  failedDeploys: number;
  changeFailureRate: Statistic;
  timeToRestoreP50S: Statistic;
  timeToRestoreMeanS: Statistic;
  pipelineFailures: number;
}
