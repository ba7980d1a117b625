import type { RandomStreams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type {
  PipelineRunResult,
  PipelineRunRow,
  PipelinesResult,
} from '../../metrics/pipeline-result.js';
import { DEPLOY_STAGE, type PipelinesConfig } from '../../scenario/pipeline-schema.js';
import type { Scenario } from '../../scenario/schema.js';
import type { TemplateChange } from '../cluster/control-surface.js';
import { INITIAL_VERSION } from '../cluster/pod-template.js';
import type { RolloutOutcome } from '../deploy/rollout-record.js';
import type { DistributionCache } from '../distribution-cache.js';
import { doraRows, nearestRank } from './dora.js';
import type { RolloutStarter } from './rollout-starter.js';
import { RunnerPool } from './runner-pool.js';

export interface PipelineRunsParts {
  scenario: Scenario & { pipelines: PipelinesConfig };
  sim: Simulation;
  streams: RandomStreams;
  distributions: DistributionCache;
  rollouts: RolloutStarter;
}

/** One commit going through one service's pipeline: its row, and where it is. */
interface Chain {
  row: PipelineRunRow;
  stage: number;
  /** the stage at which the commit fails (drawn when it arrives); -1: none */
  failAt: number;
  queuedAtMs: number;
  jobStartMs: number;
}

const MS_PER_S = 1000;

/**
 * The run's CI/CD pipelines (docs/cicd.md): commits arrive (Poisson or fixed times), each
 * stage is a job that waits FIFO for a runner of the shared pool, holds it for its duration
 * and may fail (the pipeline stops); the deploy stage holds its runner until the rollout
 * has ended. A deployed release may be bad: after its detection time it is rolled back (the
 * last good version rolled out again, with no pipeline) or fixed forward (a fix commit).
 * Whether a commit fails a stage, and whether it is a bad release, is drawn once per commit
 * when it arrives: a monorepo commit is one change, so its services' jobs fail together at
 * the same stage, and one of its services (drawn) gets the bad version. Random streams:
 * `pipeline:<service>:commits`, `:failures`, `:releases` per service (per-service layout) or
 * `pipeline:commits`, `pipeline:failures`, `pipeline:releases` (monorepo); per service
 * `pipeline:<service>:durations` and `pipeline:<service>:detection`.
 */
export class PipelineRuns {
  private readonly config: PipelinesConfig;
  private readonly pool: RunnerPool;
  private readonly services: string[];
  private readonly rows: PipelineRunRow[] = [];
  private readonly jobWaitsMs: number[] = [];
  private readonly lastGood = new Map<string, string>();
  private readonly unrestored = new Map<string, PipelineRunRow[]>();
  private nextCommit = 0;
  /** chains and rollbacks not yet ended */
  private inProgress = 0;

  constructor(private readonly parts: PipelineRunsParts) {
    const { scenario, sim } = parts;
    this.config = scenario.pipelines;
    this.pool = new RunnerPool(this.config.runners, () => sim.now);
    this.pool.measure(scenario.warmup, scenario.duration);
    this.services = this.config.services ?? Object.keys(scenario.services);
  }

  /** Schedules the commits: each pipeline's own, or the monorepo's. */
  start(): void {
    const { commits, layout } = this.config;
    const sources = layout === 'monorepo' ? [undefined] : this.services;
    for (const service of sources) {
      const name = service === undefined ? 'pipeline:commits' : `pipeline:${service}:commits`;
      const targets = service === undefined ? this.services : [service];
      if (commits.at !== undefined)
        for (const at of commits.at)
          this.parts.sim.scheduleAt(at, (t: readonly string[]) => this.commit(t), targets);
      else if (commits.rate !== undefined && commits.rate > 0)
        this.poisson(commits.rate, this.parts.streams.stream(name).next, targets);
    }
  }

  /** No pipeline runs and no rollback rolls out: the run may end. */
  idle(): boolean {
    return this.inProgress === 0;
  }

  private poisson(perSecond: number, next: () => number, targets: readonly string[]): void {
    const { sim, scenario } = this.parts;
    const arrive = () => {
      this.commit(targets);
      schedule();
    };
    const schedule = () => {
      const gapMs = (-Math.log(1 - next()) / perSecond) * MS_PER_S;
      if (sim.now + gapMs < scenario.duration) sim.schedule(gapMs, arrive, undefined);
    };
    schedule();
  }

  private commit(targets: readonly string[], kind: 'commit' | 'fix' = 'commit'): void {
    const { sim, scenario } = this.parts;
    const commit = this.nextCommit++;
    const streamOf = (what: string) =>
      this.parts.streams.stream(
        this.config.layout === 'monorepo' ? `pipeline:${what}` : `pipeline:${targets[0]}:${what}`,
      ).next;
    const failAt = this.failingStage(streamOf('failures'));
    const badService = this.badService(streamOf('releases'), targets);
    for (const service of targets) {
      const row: PipelineRunRow = {
        service,
        commit,
        kind,
        commitS: sim.now / MS_PER_S,
        measured: sim.now >= scenario.warmup && sim.now < scenario.duration,
        queueWaitS: 0,
        stageS: this.config.stages.map(() => null),
        result: 'unfinished',
        failedStage: null,
        deployStartS: null,
        deployEndS: null,
        bad: service === badService,
        restoredS: null,
      };
      this.rows.push(row);
      this.inProgress++;
      this.queue({ row, stage: 0, failAt, queuedAtMs: 0, jobStartMs: 0 });
    }
  }

  /** The first stage the commit fails, each passed with 1 − its failure probability; -1: none. */
  private failingStage(next: () => number): number {
    const { stages } = this.config;
    for (let i = 0; i < stages.length; i++) {
      const p = stages[i]!.failureProbability;
      if (p > 0 && next() < p) return i;
    }
    return -1;
  }

  /** The service a bad release breaks (one of the commit's), or undefined for a good one. */
  private badService(next: () => number, targets: readonly string[]): string | undefined {
    const bad = this.config.badRelease;
    if (bad === undefined || !(next() < bad.probability)) return undefined;
    return targets.length === 1 ? targets[0] : targets[Math.floor(next() * targets.length)];
  }

  private queue(chain: Chain): void {
    chain.queuedAtMs = this.parts.sim.now;
    this.pool.take(() => this.startJob(chain));
  }

  private startJob(chain: Chain): void {
    const { sim, streams, distributions } = this.parts;
    const waitMs = sim.now - chain.queuedAtMs;
    chain.row.queueWaitS += waitMs / MS_PER_S;
    if (chain.row.measured) this.jobWaitsMs.push(waitMs);
    chain.jobStartMs = sim.now;
    const stage = this.config.stages[chain.stage]!;
    const next = streams.stream(`pipeline:${chain.row.service}:durations`).next;
    sim.schedule(distributions.get(stage.duration).sample(next), this.endJob, chain);
  }

  private readonly endJob = (chain: Chain): void => {
    const { sim } = this.parts;
    const stage = this.config.stages[chain.stage]!;
    const { row } = chain;
    const failed = chain.stage === chain.failAt;
    if (!failed && stage.name === DEPLOY_STAGE) {
      this.deploy(chain);
      return;
    }
    row.stageS[chain.stage] = (sim.now - chain.jobStartMs) / MS_PER_S;
    this.pool.release();
    if (failed) {
      row.result = 'failed';
      row.failedStage = stage.name;
      this.inProgress--;
    } else if (++chain.stage < this.config.stages.length) this.queue(chain);
    else {
      row.result = 'passed';
      this.inProgress--;
    }
  };

  /** The deploy job starts the rollout and holds its runner until it has ended. */
  private deploy(chain: Chain): void {
    const { sim, scenario } = this.parts;
    const { row } = chain;
    const bad = this.config.badRelease;
    row.deployStartS = sim.now / MS_PER_S;
    const version = `c${row.commit}`;
    const change: TemplateChange = { service: row.service, version };
    if (row.bad && bad?.errorRate !== undefined) {
      const endpoints = Object.keys(scenario.services[row.service]!.endpoints);
      change.endpoints = Object.fromEntries(
        endpoints.map((e) => [e, { errorRate: bad.errorRate }]),
      );
    }
    this.parts.rollouts.start(row.service, change, (atMs, outcome) => {
      row.stageS[chain.stage] = (atMs - chain.jobStartMs) / MS_PER_S;
      row.deployEndS = atMs / MS_PER_S;
      row.result = pipelineResultOf(outcome);
      if (row.result === 'failed') row.failedStage = DEPLOY_STAGE;
      this.pool.release();
      this.inProgress--;
      if (row.result !== 'deployed') return;
      this.live(row.service, version, !row.bad, atMs);
      if (row.bad) this.badLive(row);
    });
  }

  /** A rollout ended with every pod ready: a good version restores the service's bad releases. */
  private live(service: string, version: string, good: boolean, atMs: number): void {
    if (!good) return;
    this.lastGood.set(service, version);
    for (const row of this.unrestored.get(service) ?? []) row.restoredS = atMs / MS_PER_S;
    this.unrestored.delete(service);
  }

  /** A bad release is live: it is found after its detection time, then remediated. */
  private badLive(row: PipelineRunRow): void {
    const { sim, streams, distributions } = this.parts;
    const bad = this.config.badRelease!;
    const list = this.unrestored.get(row.service) ?? [];
    list.push(row);
    this.unrestored.set(row.service, list);
    const next = streams.stream(`pipeline:${row.service}:detection`).next;
    sim.schedule(distributions.get(bad.detection).sample(next), this.detected, row);
  }

  private readonly detected = (row: PipelineRunRow): void => {
    if (row.restoredS !== null) return;
    const remediation = this.config.badRelease!.remediation;
    if (remediation === 'fix-forward') {
      this.commit([row.service], 'fix');
      return;
    }
    const version = this.lastGood.get(row.service) ?? INITIAL_VERSION;
    this.inProgress++;
    this.parts.rollouts.start(row.service, { service: row.service, version }, (atMs, outcome) => {
      this.inProgress--;
      if (outcome === 'complete') this.live(row.service, version, true, atMs);
    });
  };

  result(): PipelinesResult {
    const { scenario } = this.parts;
    const waits = this.jobWaitsMs.map((ms) => ms / MS_PER_S);
    const days = (scenario.duration - scenario.warmup) / 86_400_000;
    return {
      layout: this.config.layout,
      runners: this.config.runners,
      stages: this.config.stages.map((s) => s.name),
      runs: this.rows,
      dora: doraRows(
        this.rows,
        this.services,
        days,
        this.config.stages.some((stage) => stage.name === DEPLOY_STAGE),
      ),
      runnerUtilization: this.pool.utilization(),
      jobs: waits.length,
      jobWaitMeanS: waits.length === 0 ? null : waits.reduce((a, b) => a + b, 0) / waits.length,
      jobWaitP95S: nearestRank(waits, 0.95),
    };
  }
}

/**
 * A deploy's result from its rollout's outcome: an Argo Rollout's promotion is a deployment;
 * its abort fails the deploy job (`kubectl argo rollouts status` exits non-zero on a
 * Degraded Rollout); a rollback by hand counts as superseded.
 */
function pipelineResultOf(outcome: RolloutOutcome): PipelineRunResult {
  if (outcome === 'complete' || outcome === 'promoted') return 'deployed';
  if (outcome === 'aborted') return 'failed';
  return outcome === 'failed-deadline' ? 'failed-deadline' : 'superseded';
}
