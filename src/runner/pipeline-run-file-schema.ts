import { z } from 'zod';
import type { PipelinesResult } from '../metrics/pipeline-result.js';

/**
 * RunResult.pipelines in a run file (docs/cicd.md): checked like the rest of the file, so
 * that --resume and merge write the same pipelines.csv and dora.csv as the sweep.
 */
const count = z.number().nonnegative();
/** Any number or null: a lead time quantile may be Infinity (encodeRunRecord keeps it). */
const statistic = z.custom<number>((value) => typeof value === 'number').nullable();

const runRow = z.object({
  service: z.string(),
  commit: count,
  kind: z.enum(['commit', 'fix']),
  commitS: count,
  measured: z.boolean(),
  queueWaitS: count,
  stageS: z.array(statistic),
  result: z.enum(['deployed', 'superseded', 'passed', 'failed', 'unfinished']),
  failedStage: z.string().nullable(),
  deployStartS: statistic,
  deployEndS: statistic,
  bad: z.boolean(),
  restoredS: statistic,
});

const doraRow = z.object({
  service: z.string(),
  commits: count,
  deploys: count,
  deploysPerDay: statistic,
  leadTimeP50S: statistic,
  leadTimeP95S: statistic,
  leadTimeMeanS: statistic,
  failedDeploys: count,
  changeFailureRate: statistic,
  timeToRestoreP50S: statistic,
  timeToRestoreMeanS: statistic,
  pipelineFailures: count,
});

export const pipelinesResultSchema: z.ZodType<PipelinesResult, unknown> = z.object({
  layout: z.enum(['per-service', 'monorepo']),
  runners: count,
  stages: z.array(z.string()),
  runs: z.array(runRow),
  dora: z.array(doraRow),
  runnerUtilization: statistic,
  jobs: count,
  jobWaitMeanS: statistic,
  jobWaitP95S: statistic,
});
