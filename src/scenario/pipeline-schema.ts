import { z } from 'zod';
import { distribution, dnsLabel, duration, fraction, rate } from './fields.js';

/**
 * CI/CD pipelines (issue 14, docs/cicd.md): a top-level `pipelines:` block. Commits arrive,
 * each runs its pipeline's stages in order, each stage a job that waits in one FIFO queue
 * for a runner of the shared pool (a GitHub Actions or GitLab CI job holds one runner), and
 * the deploy stage rolls the new version out in the same run.
 */

/** Most runners a pool may have (docs/limits.md). */
export const MAX_RUNNERS = 1000;
/** Most stages a pipeline may have (docs/limits.md). */
export const MAX_STAGES = 20;
/** Most fixed commit times a pipeline may list (docs/limits.md). */
export const MAX_COMMIT_TIMES = 10_000;
/** The deploy stage's name: its job holds its runner until the rollout has finished. */
export const DEPLOY_STAGE = 'deploy';

/**
 * Stages when none are given: msasim's assumptions for a containerised service (a build of a
 * few minutes, a test suite that fails 5% of commits); docs/cicd.md says where they come from.
 */
export const DEFAULT_STAGES = [
  { name: 'checkout', duration: 'lognormal(median=15s, p99=1m)' },
  { name: 'build', duration: 'lognormal(median=3m, p99=10m)' },
  { name: 'test', duration: 'lognormal(median=5m, p99=15m)', failureProbability: '5%' },
  { name: 'image', duration: 'lognormal(median=2m, p99=6m)' },
  { name: 'push', duration: 'lognormal(median=30s, p99=2m)' },
  { name: DEPLOY_STAGE, duration: '10s' },
];

const stage = z.strictObject({
  name: dnsLabel.describe('the stage (a job): checkout, build, test, image, push, deploy, ...'),
  duration: distribution.describe(
    "the job's time on its runner; for deploy, the time before the rollout starts (the job then holds its runner until the new pods are all ready)",
  ),
  failureProbability: fraction
    .prefault('0')
    .describe('the probability that the job fails (a failing test): the pipeline stops there'),
});

const commits = z
  .strictObject({
    rate: rate
      .optional()
      .describe('Poisson commits per pipeline (per service, or to the monorepo), like 8/d or 2/h'),
    at: z
      .array(duration)
      .max(MAX_COMMIT_TIMES)
      .optional()
      .describe(`fixed commit times from the start, at most ${MAX_COMMIT_TIMES}`),
  })
  .superRefine((c, ctx) => {
    if ((c.rate === undefined) === (c.at === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'give either rate (Poisson) or at (a list of times)',
      });
  });

const badRelease = z.strictObject({
  probability: fraction.describe(
    'the probability that a commit that passed its pipeline is a bad release (needs remediation)',
  ),
  detection: distribution
    .prefault('exponential(mean=30m)')
    .describe('from the bad version being live to its detection (default exponential(mean=30m))'),
  remediation: z
    .enum(['rollback', 'fix-forward'])
    .default('rollback')
    .describe(
      'rollback: the previous version is rolled out again at detection (no pipeline); fix-forward: a fix commit enters the pipeline at detection',
    ),
  errorRate: fraction
    .optional()
    .describe("the bad version's endpoints fail this share of calls (default: unchanged)"),
});

export const pipelinesSchema = z
  .strictObject({
    runners: z
      .number()
      .int('must be a whole number of runners')
      .min(1, 'must be at least 1')
      .max(MAX_RUNNERS, `must be at most ${MAX_RUNNERS}`)
      .describe(`the shared runner pool: jobs wait FIFO for one, 1 to ${MAX_RUNNERS}`),
    layout: z
      .enum(['per-service', 'monorepo'])
      .default('per-service')
      .describe(
        'per-service: each service its own pipeline and commits; monorepo: every commit builds and deploys every listed service',
      ),
    services: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        'the services with a pipeline (monorepo: the ones each commit deploys); default all',
      ),
    commits: commits.describe('when commits arrive: rate (Poisson) or at (fixed times)'),
    stages: z
      .array(stage)
      .min(1)
      .max(MAX_STAGES)
      .prefault(DEFAULT_STAGES)
      .describe(
        `the stages in order, each a job on one runner; at most ${MAX_STAGES}; default checkout, build, test (5% fail), image, push, deploy`,
      ),
    badRelease: badRelease
      .optional()
      .describe('bad releases: a share of deploys fail in production and are remediated'),
  })
  .optional()
  .describe('CI/CD pipelines on a shared runner pool, with DORA metrics (docs/cicd.md)');

export type PipelinesConfig = NonNullable<z.output<typeof pipelinesSchema>>;
export type StageConfig = PipelinesConfig['stages'][number];
