import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { writeOutputs } from '../report/atomic-write.js';
import { type CrossoverReport, crossoverReport } from '../report/crossovers.js';
import { crossoversCsv } from '../report/crossovers-csv.js';
import { edgesCsv } from '../report/edges-csv.js';
import { endpointsCsv } from '../report/endpoints-csv.js';
import { failuresCsv } from '../report/failures-csv.js';
import { nodesCsv } from '../report/nodes-csv.js';
import {
  OPTIONAL_OUTPUT_FILES,
  optionalGroupsOf,
  optionalOutputFiles,
} from '../report/optional-output-files.js';
import { podsCsv } from '../report/pods-csv.js';
import { proxiesCsv } from '../report/proxies-csv.js';
import { resultsJson } from '../report/results-json.js';
import type { RunRecord } from '../report/run-record.js';
import { runsCsv } from '../report/runs-csv.js';
import { servicesCsv } from '../report/services-csv.js';
import { type SummaryRow, summarize } from '../report/summary.js';
import { summaryCsv } from '../report/summary-csv.js';
import { timeseriesCsv } from '../report/timeseries-csv.js';
import { timeseriesPodsCsv } from '../report/timeseries-pods-csv.js';
import { versionsCsv } from '../report/versions-csv.js';
import type { Locate } from '../scenario/errors.js';
import { parseScenarioValue, TO_JS_OPTIONS, YAML_OPTIONS } from '../scenario/load.js';
import { documentLocator } from '../scenario/locate.js';
import type { Scenario } from '../scenario/schema.js';
import { expandSweep, type RunSpec } from '../scenario/sweep-expand.js';
import { estimateWork } from '../scenario/work-estimate.js';
import {
  eventBudgetFor,
  LIBRARY_LIMIT_OPTIONS,
  type WorkLimits,
  workLimitsWith,
} from '../scenario/work-limits.js';
import { claimSweepFolder, type FolderMode } from './claim-folder.js';
import { FILE_LIMITS, type FileLimits, fileLimitsWith } from './file-limits.js';
import { FolderError } from './folder-error.js';
import { readScenarioText } from './load-scenario-file.js';
import { joinablePath, prepareOutputFolder, removeCreatedFolders } from './output-path.js';
import { RunPool } from './pool.js';
import { RESULT_FILE, RUNS_DIR, runFilePath, type SweepManifest, writeRunFile } from './resume.js';
import { loadScenarioFile } from './run-scenario.js';
import { checkShard, inShard, type Shard } from './shard.js';
import { listRunFiles, readRunFileChecked } from './sweep-folder.js';
import { checkSweepWork } from './work-check.js';

/**
 * A sweep from scenario to records: expand it into runs, run them on the worker pool, keep
 * each finished run (in memory, or as a run file in the output folder), and hand back the
 * records in run-id order, never in the order the threads happened to finish.
 */

/** A scenario document ready to expand: as parsed from the file, before validation. */
export interface SweepSource {
  document: unknown;
  /** for messages */
  fileName: string;
  locate?: Locate;
}

export interface SweepOptions {
  /** worker threads; default os.availableParallelism() */
  workers?: number;
  /** replaces sweep.replications */
  replications?: number;
  /** replaces the base seed */
  seed?: number;
  /** most runs the sweep may have; default DEFAULT_MAX_RUNS (see sweep-expand.ts) */
  maxRuns?: number;
  /**
   * runSweep checks every run against the work limits before any starts, as `msasim sweep`
   * does: these raise them, each one not given at its default (docs/limits.md). `runs` is
   * maxRuns, when that is not given.
   */
  limits?: Partial<WorkLimits>;
  /** the sizes of the files read, when `source` is a path (file-limits.ts) */
  fileLimits?: Partial<FileLimits>;
  /** run only this slice (see shard.ts) */
  shard?: Shard;
  /** run only these run ids (to reproduce a run) */
  only?: readonly number[];
  /** most events one run may process; default: 4 × its estimated events + 1e6 */
  eventBudget?: number;
  /** wall-clock limit of one run in ms; its thread is terminated. Default: none */
  runTimeoutMs?: number;
  /** keep run files here (see resume.ts); without it runs are kept in memory only */
  outDir?: string;
  /** with outDir: keep the run files already there and run only the missing ones */
  resume?: boolean;
  /**
   * with outDir: replace msasim's files in it (run files, sweep.json, outputs) even when they
   * belong to another sweep; without it such a folder is refused. Never removes other files.
   */
  overwrite?: boolean;
  /** abort (Ctrl-C) stops the sweep: running runs are terminated, finished ones kept */
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepProgress {
  /** runs of this sweep (or shard) finished, failed or found done */
  done: number;
  failed: number;
  total: number;
  /** the run that just ended; undefined for the first report */
  runId?: number;
}

export interface RunFailure {
  spec: RunSpec;
  message: string;
}

export interface SweepOutcome {
  plan: SweepPlan;
  /** every completed run of the selection, by run id */
  records: RunRecord[];
  failures: RunFailure[];
  interrupted: boolean;
  /** runs found complete in outDir and not run again */
  resumed: number;
}

export interface SweepPlan {
  source: SweepSource;
  /** every run of the whole sweep, by run id */
  specs: RunSpec[];
  /** the scenario without overrides, defaults filled */
  scenario: Scenario;
  manifest: SweepManifest;
}

/**
 * The event budget of a run without --event-budget: derived from its own estimate
 * (work-limits.ts), once per scenario (a grid point's replications share one).
 */
const derivedBudgets = new WeakMap<Scenario, number>();

function defaultEventBudget(scenario: Scenario): number {
  let budget = derivedBudgets.get(scenario);
  if (budget === undefined) {
    budget = eventBudgetFor(estimateWork(scenario));
    derivedBudgets.set(scenario, budget);
  }
  return budget;
}

/** Thrown by runSweep when some runs failed; the others are in `records`. */
export class SweepRunError extends Error {
  override name = 'SweepRunError';

  constructor(
    readonly failures: readonly RunFailure[],
    readonly records: readonly RunRecord[],
  ) {
    super(
      failures.map((f) => `run ${f.spec.runId} (seed ${f.spec.seed}): ${f.message}`).join('\n'),
    );
  }
}

/**
 * Runs a sweep and returns its records by run id. `source` is a scenario file's path, a
 * scenario document (the parsed YAML, as a JavaScript value), or a SweepSource. With
 * `outDir`, finished runs are also kept there as run files (see resume.ts); the output files
 * are written by writeSweepOutputs. Throws SweepRunError if a run failed (the other records
 * are in it) and SweepInterruptedError if `signal` stopped the sweep.
 *
 *   const records = await runSweep('scenarios/checkout-chain.yaml', { replications: 5 });
 */
export async function runSweep(
  source: string | SweepSource | Record<string, unknown>,
  options: SweepOptions = {},
): Promise<RunRecord[]> {
  const limits = workLimitsWith({
    ...options.limits,
    runs: options.maxRuns ?? options.limits?.runs,
  });
  const plan = planSweep(sweepSourceOf(source, fileLimitsWith(options.fileLimits)), {
    ...options,
    maxRuns: limits.runs,
  });
  // A document has no file to point into: its refusals name the field alone.
  const locate = plan.source.locate ?? (() => ({ line: 0, column: 0 }));
  checkSweepWork(plan.source.fileName, plan.specs, limits, locate, LIBRARY_LIMIT_OPTIONS);
  const outcome = await executeSweep(plan, options);
  if (outcome.interrupted) throw new SweepInterruptedError(outcome.records);
  if (outcome.failures.length > 0) throw new SweepRunError(outcome.failures, outcome.records);
  return outcome.records;
}

/** A scenario never has a `document` field, so a value with one is a SweepSource. */
function sweepSourceOf(
  source: string | SweepSource | Record<string, unknown>,
  fileLimits: FileLimits,
): SweepSource {
  if (typeof source === 'string') return readSweepSource(source, fileLimits);
  if ('document' in source && typeof source.fileName === 'string') return source as SweepSource;
  return { document: source, fileName: '(scenario document)' };
}

export class SweepInterruptedError extends Error {
  override name = 'SweepInterruptedError';

  constructor(readonly records: readonly RunRecord[]) {
    super(`the sweep was interrupted after ${records.length} runs`);
  }
}

/**
 * Reads a scenario file as a sweep source. The file is validated first by the loader (so
 * its errors read as they do for `msasim run`), and trace files it names are read into
 * the document, which then needs no file beside it (a worker thread, another machine).
 */
export function readSweepSource(path: string, fileLimits: FileLimits = FILE_LIMITS): SweepSource {
  const scenario = loadScenarioFile(path, fileLimits);
  const text = readScenarioText(path, fileLimits.scenarioBytes);
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const document = parsed.toJS(TO_JS_OPTIONS) as Record<string, unknown>;
  inlineTraceFiles(document, scenario);
  return { document, fileName: path, locate: documentLocator(parsed, lineCounter) };
}

function inlineTraceFiles(document: Record<string, unknown>, scenario: Scenario): void {
  const items = document.workload;
  if (!Array.isArray(items)) return;
  scenario.workload.forEach((workload, index) => {
    const item = items[index] as { trace?: Record<string, unknown> } | undefined;
    if (workload.arrivals !== 'trace' || item?.trace?.file === undefined) return;
    item.trace = { values: workload.trace.values, format: workload.trace.format };
  });
}

export function planSweep(
  source: SweepSource,
  options: Pick<SweepOptions, 'replications' | 'seed' | 'maxRuns'> = {},
): SweepPlan {
  const scenario = parseScenarioValue(source.document, source.fileName, source.locate);
  const specs = expandSweep(source.document, {
    fileName: source.fileName,
    locate: source.locate,
    replications: options.replications,
    seed: options.seed,
    maxRuns: options.maxRuns,
  });
  const manifest: SweepManifest = {
    format: 1,
    scenario: scenario.name,
    document: source.document,
    replications: options.replications ?? scenario.sweep?.replications ?? 1,
    baseSeed: options.seed ?? scenario.sweep?.seed ?? scenario.seed,
    runs: specs.length,
  };
  return { source, specs, scenario, manifest };
}

/** The runs of the plan that the options select: the shard's slice, or the `only` ids. */
export function selectRuns(plan: SweepPlan, options: SweepOptions): RunSpec[] {
  if (options.shard !== undefined) checkShard(options.shard);
  const only = options.only === undefined ? undefined : new Set(options.only);
  for (const id of only ?? []) {
    if (!Number.isInteger(id) || id < 0 || id >= plan.specs.length) {
      throw new RangeError(
        `run id ${id} is not in this sweep: ids are 0 to ${plan.specs.length - 1}`,
      );
    }
  }
  return plan.specs.filter(
    (spec) => inShard(spec.runId, options.shard) && (only === undefined || only.has(spec.runId)),
  );
}

export async function executeSweep(
  plan: SweepPlan,
  givenOptions: SweepOptions,
): Promise<SweepOutcome> {
  const outDir =
    givenOptions.outDir === undefined ? undefined : await joinablePath(givenOptions.outDir);
  const options = { ...givenOptions, outDir };
  const selected = selectRuns(plan, options);
  const done = await prepareOutDir(plan, options);
  const todo = selected.filter((spec) => !done.has(spec.runId));
  const records: RunRecord[] = [];
  const failures: RunFailure[] = [];
  const progress: SweepProgress = {
    done: selected.length - todo.length,
    failed: 0,
    total: selected.length,
  };
  options.onProgress?.({ ...progress });

  const onRecord = async (record: RunRecord) => {
    if (options.outDir === undefined) records.push(record);
    else await writeRunFile(options.outDir, record);
  };
  const onEnd = (runId: number, failure?: RunFailure) => {
    progress.done++;
    if (failure !== undefined) {
      progress.failed++;
      failures.push(failure);
    }
    options.onProgress?.({ ...progress, runId });
  };
  if (todo.length > 0) await runAll(todo, options, onRecord, onEnd);

  const kept = options.outDir === undefined ? records : await readRecords(options.outDir, selected);
  // A Ctrl-C that lands after the last run finished interrupted nothing: the sweep is whole.
  const interrupted =
    (options.signal?.aborted ?? false) && kept.length + failures.length < selected.length;
  return {
    plan,
    records: [...kept].sort((a, b) => a.runId - b.runId),
    failures: failures.sort((a, b) => a.spec.runId - b.spec.runId),
    interrupted,
    resumed: done.size,
  };
}

/**
 * Makes outDir ready and returns the runs already done there, before any run: the folder is
 * created and proven writable, then taken for this sweep (claim-folder.ts), which refuses a
 * folder of another sweep, damaged files, and files it cannot tell are its own.
 */
async function prepareOutDir(plan: SweepPlan, options: SweepOptions): Promise<Set<number>> {
  const dir = options.outDir;
  if (dir === undefined) return new Set();
  if (options.resume && options.overwrite) {
    throw new SweepSetupError(
      '--resume keeps the runs already in --out and --overwrite replaces them: give one of them',
    );
  }
  const mode: FolderMode = options.resume ? 'resume' : options.overwrite ? 'overwrite' : 'fresh';
  const created = await prepareOutputFolder(dir);
  try {
    return await claimSweepFolder({
      dir,
      manifest: plan.manifest,
      mode,
      outputFiles: SWEEP_FOLDER_FILES,
      expectedRun: (runId) => plan.specs[runId]!,
      command: 'sweep',
    });
  } catch (error) {
    await removeCreatedFolders(created);
    throw error;
  }
}

/** The sweep cannot start as asked: bad input, not a failed run. */
export class SweepSetupError extends FolderError {
  override name = 'SweepSetupError';
}

/** The selected runs' records from their files, each checked again: the folder is shared. */
async function readRecords(dir: string, selected: readonly RunSpec[]): Promise<RunRecord[]> {
  const names = await listRunFiles(dir);
  if ('problem' in names) {
    throw new FolderError(`${join(dir, RUNS_DIR)} ${names.problem}: run the same command again`);
  }
  const complete = new Set(names.ids);
  const records: RunRecord[] = [];
  for (const spec of selected) {
    if (!complete.has(spec.runId)) continue;
    const path = runFilePath(dir, spec.runId);
    const check = await readRunFileChecked(path, spec.runId, spec);
    if (!check.ok) {
      throw new FolderError(
        `${path} ${check.problem}: delete it and run the same command with --resume`,
      );
    }
    records.push(check.record);
  }
  return records;
}

/**
 * Feeds runs to the pool in run-id order, keeping each thread busy with exactly one run:
 * queued runs stay out of the pool, so Ctrl-C has only the running ones to stop.
 */
async function runAll(
  todo: readonly RunSpec[],
  options: SweepOptions,
  onRecord: (record: RunRecord) => Promise<void>,
  onEnd: (runId: number, failure?: RunFailure) => void,
): Promise<void> {
  const threads = Math.min(options.workers ?? availableParallelism(), todo.length);
  const pool = new RunPool({ workers: Math.max(1, threads) });
  let next = 0;
  const lane = async () => {
    while (next < todo.length && !options.signal?.aborted) {
      const spec = todo[next++]!;
      const outcome = await runOne(pool, spec, options);
      if (options.signal?.aborted) return;
      if ('result' in outcome) {
        await onRecord(recordOf(spec, outcome.result));
        onEnd(spec.runId);
      } else {
        onEnd(spec.runId, { spec, message: outcome.message });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: pool.threads }, lane));
  } finally {
    await pool.close();
  }
}

type RunOutcome = { result: RunRecord['result'] } | { message: string };

async function runOne(pool: RunPool, spec: RunSpec, options: SweepOptions): Promise<RunOutcome> {
  const signals: AbortSignal[] = [];
  if (options.signal !== undefined) signals.push(options.signal);
  const timeout =
    options.runTimeoutMs === undefined ? undefined : AbortSignal.timeout(options.runTimeoutMs);
  if (timeout !== undefined) signals.push(timeout);
  const task = {
    scenario: spec.scenario,
    seed: spec.seed,
    eventBudget: options.eventBudget ?? defaultEventBudget(spec.scenario),
  };
  try {
    return {
      result: await pool.run(task, signals.length > 0 ? AbortSignal.any(signals) : undefined),
    };
  } catch (error) {
    if (timeout?.aborted && !options.signal?.aborted) {
      return {
        message: `stopped: the run took longer than the wall-clock limit of ${formatMs(options.runTimeoutMs!)} (--run-timeout)`,
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    const hint = message.startsWith('event budget exceeded') ? ' (--event-budget N)' : '';
    return { message: message + hint };
  }
}

function recordOf(spec: RunSpec, result: RunRecord['result']): RunRecord {
  const { runId, variant, params, replication, seed } = spec;
  return { runId, variant, params, replication, seed, result };
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

// ── outputs ────────────────────────────────────────────────────────────────────────────

/** The files a finished sweep writes into its output folder. */
export const OUTPUT_FILES = [
  'runs.csv',
  'summary.csv',
  'timeseries.csv',
  'edges.csv',
  'services.csv',
  'endpoints.csv',
  'failures.csv',
  'pods.csv',
  'nodes.csv',
  'timeseries_pods.csv',
  'proxies.csv',
  'versions.csv',
  'results.json',
] as const;

/** The file a sweep writes when its scenario asks for crossovers (`sweep.crossovers`). */
export const CROSSOVER_OUTPUT_FILES = ['crossovers.csv'] as const;

/** Every name a sweep may write beside runs/ and sweep.json: what --overwrite may replace. */
export const ALL_OUTPUT_FILES: readonly string[] = [
  ...OUTPUT_FILES,
  ...OPTIONAL_OUTPUT_FILES.flatMap((group) => group.names),
  ...CROSSOVER_OUTPUT_FILES,
];

/**
 * The names a sweep (or merge) takes over in its folder: its own, and a run's result.json,
 * so that a sweep never writes beside a run's output (a mixed folder): that folder is
 * refused, or with --overwrite result.json is removed with the rest.
 */
export const SWEEP_FOLDER_FILES: readonly string[] = [...ALL_OUTPUT_FILES, RESULT_FILE];

/**
 * The output files these records give, in the order they are written; crossovers.csv only
 * with the scenario, when it asks for crossovers.
 */
export function outputFileNames(records: readonly RunRecord[], scenario?: Scenario): string[] {
  return [
    ...OUTPUT_FILES,
    ...optionalGroupsOf(records).flatMap((group) => group.names),
    ...(scenario !== undefined && sweepCrossovers(scenario, records) !== undefined
      ? CROSSOVER_OUTPUT_FILES
      : []),
  ];
}

/** Where the variants' curves cross (crossovers.ts), when the scenario asks for it. */
export function sweepCrossovers(
  scenario: Scenario,
  records: readonly RunRecord[],
): CrossoverReport | undefined {
  const spec = scenario.sweep?.crossovers;
  return spec === undefined || records.length === 0 ? undefined : crossoverReport(spec, records);
}

/** The sweep's summary, each variant compared with the scenario's baseline variant. */
export function sweepSummary(scenario: Scenario, records: readonly RunRecord[]): SummaryRow[] {
  return summarize(records, { baseline: scenario.sweep?.baseline });
}

/** Every output file of a sweep, by name: a pure function of the scenario and the records. */
export function sweepOutputFiles(
  scenario: Scenario,
  records: readonly RunRecord[],
): Readonly<Record<string, string>> {
  const summary = sweepSummary(scenario, records);
  const files = {
    'runs.csv': runsCsv(records),
    'summary.csv': summaryCsv(summary),
    'timeseries.csv': timeseriesCsv(records),
    'edges.csv': edgesCsv(records),
    'services.csv': servicesCsv(records),
    'endpoints.csv': endpointsCsv(records),
    'failures.csv': failuresCsv(records),
    'pods.csv': podsCsv(records),
    'nodes.csv': nodesCsv(records),
    'timeseries_pods.csv': timeseriesPodsCsv(records),
    'proxies.csv': proxiesCsv(records),
    'versions.csv': versionsCsv(records),
    'results.json': resultsJson({ scenario, records, summary }),
  };
  return { ...files, ...optionalOutputFiles(records), ...crossoverOutputFile(scenario, records) };
}

function crossoverOutputFile(
  scenario: Scenario,
  records: readonly RunRecord[],
): Partial<Record<(typeof CROSSOVER_OUTPUT_FILES)[number], string>> {
  const report = sweepCrossovers(scenario, records);
  return report === undefined ? {} : { 'crossovers.csv': crossoversCsv(report) };
}

export async function writeSweepOutputs(
  dir: string,
  scenario: Scenario,
  records: readonly RunRecord[],
): Promise<void> {
  await writeOutputs(dir, sweepOutputFiles(scenario, records));
}
