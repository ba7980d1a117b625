import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { comparisonTable } from '../../report/comparison-table.js';
import { crossoversText } from '../../report/crossovers-text.js';
import { htmlReport } from '../../report/figures/html-report.js';
import type { RunRecord } from '../../report/run-record.js';
import { thresholdVariantErrors } from '../../report/thresholds.js';
import type { FileLimits } from '../../runner/file-limits.js';
import { FolderError, fsCode, fsReason } from '../../runner/folder-error.js';
import { joinablePath } from '../../runner/output-path.js';
import { formatShard, parseShard, type Shard } from '../../runner/shard.js';
import {
  executeSweep,
  outputFileNames,
  planSweep,
  type RunFailure,
  readSweepSource,
  type SweepOptions,
  type SweepOutcome,
  type SweepPlan,
  sweepCrossovers,
  sweepSummary,
  writeSweepOutputs,
} from '../../runner/sweep.js';
import { checkSweepWork } from '../../runner/work-check.js';
import type { Scenario } from '../../scenario/schema.js';
import { parseDuration, UnitError } from '../../scenario/units.js';
import type { WorkEstimate } from '../../scenario/work-estimate.js';
import type { WorkLimits } from '../../scenario/work-limits.js';
import { CliError, EXIT_BAD_INPUT, EXIT_RUN_FAILED } from '../exit-codes.js';
import { writtenValue } from '../flag-values.js';
import { fileLimitsFrom, type LimitArgs, limitsFrom, withLimitOptions } from '../limit-options.js';
import { progressDisplay } from '../progress.js';
import { exitCodeOf, type StopSignal, stopOnSignals } from '../stop-signals.js';
import { summaryTable } from '../summary-table.js';
import { gateOnThresholds } from '../threshold-gate.js';
import { printWarnings } from '../warnings.js';
import { readFolder, refuseExisting, writeHtml } from './report.js';
import { wholeNumber } from './run.js';

interface SweepArgs extends LimitArgs {
  file: string;
  workers: number | undefined;
  replications: number | undefined;
  seed: number | undefined;
  out: string | undefined;
  shard: Shard | undefined;
  resume: boolean;
  overwrite: boolean;
  only: number[] | undefined;
  eventBudget: number | undefined;
  runTimeout: number | undefined;
  html?: string | undefined;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <file>',
  describe: "Run the scenario's sweep (variants × grid × replications) on every core",
  builder: (yargs) =>
    sweepOptions(yargs)
      // An example longer than half the help's width (100 columns) wraps into its description.
      .example('$0 sweep scenarios/checkout-chain.yaml', 'into out/checkout-chain/')
      .example('$0 sweep my.yaml --replications 10', '10 runs per variant and grid point')
      .example('$0 sweep my.yaml --workers 4', '4 threads (default: one per core)')
      .example('$0 sweep my.yaml --shard 2/8 --out shard-2', 'the third of 8 slices')
      .example('$0 sweep my.yaml --out results/ --resume', 'finish an interrupted sweep')
      .example('$0 sweep my.yaml --only 17', 'run 17 alone again, to debug it'),
  handler: async (args) => {
    const { plan, outDir } = await prepare(args);
    printWarnings(
      args.file,
      plan.specs.map((spec) => spec.scenario),
    );
    const { outcome, stoppedBy } = await runUntilStopped(plan, args, outDir);
    if (outcome.interrupted) {
      process.stderr.write(interruptedMessage(outcome, args, outDir, stoppedBy));
      process.exit(exitCodeOf(stoppedBy ?? 'SIGINT'));
    }
    if (outDir !== undefined && outcome.records.length > 0) {
      await writeOutputs(outDir, plan.scenario, outcome.records);
    }
    report(plan.scenario, outcome.records, outDir, args);
    if (args.html !== undefined && outDir !== undefined && outcome.records.length > 0) {
      await writeHtml(args.html, htmlReport(await readFolder(outDir), outDir));
      process.stdout.write(`wrote ${args.html}\n`);
    }
    for (const failure of outcome.failures) {
      process.stderr.write(failureMessage(failure, args));
    }
    if (outcome.failures.length > 0) {
      throw new CliError(
        `${outcome.failures.length} of ${outcome.records.length + outcome.failures.length} runs failed (see above); the other runs' results are written`,
        EXIT_RUN_FAILED,
      );
    }
    if (judgesThresholds(args))
      gateOnThresholds(plan.scenario.thresholds, sweepSummary(plan.scenario, outcome.records));
  },
};

function sweepOptions(yargs: Argv): Argv<SweepArgs> {
  const options = yargs
    .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
    .option('workers', {
      type: 'string',
      describe: 'worker threads (default and most: the number of cores, and of runs)',
      coerce: wholeNumber('--workers', 1),
    })
    .option('replications', {
      type: 'string',
      describe: 'runs per variant and grid point (default: sweep.replications)',
      coerce: wholeNumber('--replications', 1),
    })
    .option('seed', {
      type: 'string',
      describe: "base seed of the run seeds (default: sweep.seed, else the scenario's seed)",
      coerce: wholeNumber('--seed', 0),
    })
    .option('out', {
      type: 'string',
      describe: 'output folder (default: out/<scenario name>)',
    })
    .option('shard', {
      type: 'string',
      describe: 'run only slice K of N (0-based): the runs whose id % N = K',
      coerce: (text: unknown) =>
        text === undefined ? undefined : usage(() => parseShard(writtenValue('--shard', text))),
    })
    .option('resume', {
      type: 'boolean',
      default: false,
      describe: 'keep the runs already complete in --out and run only the others',
    })
    .option('overwrite', {
      type: 'boolean',
      default: false,
      describe:
        "replace another sweep's results in --out (its run files, sweep.json and outputs; nothing else)",
    })
    .option('only', {
      type: 'array',
      string: true,
      describe: "run only these run ids and print each one's full summary (writes no files)",
      coerce: runIds,
    })
    .option('event-budget', {
      type: 'string',
      describe:
        "most events one run may process (default: 4 × the run's estimated events + 1e6): stops a runaway model",
      coerce: wholeNumber('--event-budget', 1),
    })
    .option('html', {
      type: 'string',
      describe: 'also write an offline HTML report with charts of the sweep (a new file)',
    })
    .option('run-timeout', {
      type: 'string',
      describe: 'wall-clock limit of one run, like 10m; a run over it is stopped (default: none)',
      coerce: (text: unknown) =>
        text === undefined ? undefined : runTimeoutMs(writtenValue('--run-timeout', text)),
    });
  return withLimitOptions(options, true) as unknown as Argv<SweepArgs>;
}

/** `--only` alone would run nothing and exit 0, as if the runs had passed. */
function runIds(ids: unknown[]): number[] {
  if (ids.length === 0) {
    throw new CliError('--only needs the ids of the runs to run, like --only 17', EXIT_BAD_INPUT);
  }
  return ids.map((id) => wholeNumber('--only', 0)(String(id))!);
}

/**
 * The run timeout is an AbortSignal.timeout, which takes whole milliseconds below 2^32
 * (49.7 days): the flag is bounded to 1ms..49d and rounded to the millisecond, which no
 * wall-clock limit needs finer.
 */
const RUN_TIMEOUT_MAX_MS = 49 * 86_400_000;

function runTimeoutMs(text: string): number {
  const refused = new CliError(
    `--run-timeout must be a duration from 1ms to 49d, like 10m; got ${JSON.stringify(text)}`,
    EXIT_BAD_INPUT,
  );
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (error) {
    if (error instanceof UnitError) throw refused;
    throw error;
  }
  if (!(ms >= 1 && ms <= RUN_TIMEOUT_MAX_MS)) throw refused;
  return Math.round(ms);
}

/** Runs a parser whose RangeError means the user wrote a bad value: exit 2. */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, EXIT_BAD_INPUT);
    throw error;
  }
}

/** Reads and expands the sweep; every problem here is bad input (exit 2), found before any run. */
/**
 * Expands the scenario's sweep and validates every overridden scenario and the thresholds'
 * variant names, before any run: what `sweep` runs and what `validate` checks.
 */
export function planCheckedSweep(
  file: string,
  options: Pick<SweepOptions, 'replications' | 'seed'>,
  limits: WorkLimits,
  fileLimits: FileLimits,
): { plan: SweepPlan; largestRun: WorkEstimate | undefined } {
  const plan = planSweep(readSweepSource(file, fileLimits), { ...options, maxRuns: limits.runs });
  const thresholds = plan.scenario.thresholds;
  if (thresholds !== undefined) {
    const variants = [...new Set(plan.specs.map((spec) => spec.variant))];
    const errors = thresholdVariantErrors(thresholds, variants);
    if (errors.length > 0) throw new CliError(`${file}: ${errors.join('\n')}`, EXIT_BAD_INPUT);
  }
  const largestRun = checkSweepWork(file, plan.specs, limits, plan.source.locate);
  return { plan, largestRun };
}

async function prepare(args: SweepArgs): Promise<{ plan: SweepPlan; outDir: string | undefined }> {
  if (args.only !== undefined && (args.shard !== undefined || args.resume)) {
    throw new CliError(
      '--only runs the given ids alone: drop --shard and --resume',
      EXIT_BAD_INPUT,
    );
  }
  if (args.html !== undefined && (args.only !== undefined || args.shard !== undefined)) {
    throw new CliError(
      '--html reports on the whole sweep: drop --only and --shard (after msasim merge, msasim report DIR --out FILE)',
      EXIT_BAD_INPUT,
    );
  }
  if (args.html !== undefined) await refuseExisting(args.html);
  const { plan } = planCheckedSweep(args.file, args, limitsFrom(args), fileLimitsFrom(args));
  const outDir =
    args.only !== undefined ? undefined : (args.out ?? join('out', plan.scenario.name));
  return { plan, outDir: outDir === undefined ? undefined : await joinablePath(outDir) };
}

/**
 * Ctrl-C or SIGTERM aborts the sweep: threads running a run are terminated, finished runs
 * stay in their files, and no output file is written half-done (see stop-signals.ts).
 */
async function runUntilStopped(
  plan: SweepPlan,
  args: SweepArgs,
  outDir: string | undefined,
): Promise<{ outcome: SweepOutcome; stoppedBy: StopSignal | undefined }> {
  const stop = stopOnSignals();
  const progress = progressDisplay(process.stderr);
  try {
    const outcome = await executeSweep(plan, {
      workers: workerThreads(args.workers),
      shard: args.shard,
      only: args.only,
      eventBudget: args.eventBudget,
      runTimeoutMs: args.runTimeout,
      outDir,
      resume: args.resume,
      overwrite: args.overwrite,
      signal: stop.signal,
      onProgress: (p) => progress.update(p),
    });
    return { outcome, stoppedBy: stop.received() };
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, EXIT_BAD_INPUT);
    throw error;
  } finally {
    progress.stop();
    stop.release();
  }
}

/** The output files; a folder that became unwritable during the sweep is reported, not a bug. */
async function writeOutputs(
  outDir: string,
  scenario: Scenario,
  records: readonly RunRecord[],
): Promise<void> {
  try {
    await writeSweepOutputs(outDir, scenario, records);
  } catch (error) {
    if (fsCode(error) === undefined) throw error;
    throw new FolderError(
      `cannot write the outputs into ${outDir} (${fsReason(error)}); the run files are kept: free space or fix permissions, and run the same command with --resume`,
    );
  }
}

/**
 * A run is pure CPU, so threads beyond the machine's cores only take turns on them, each
 * holding a run's memory: --workers is capped at the cores, and said so. (The pool itself
 * never starts more threads than there are runs to do.)
 */
function workerThreads(requested: number | undefined): number | undefined {
  const cores = availableParallelism();
  if (requested === undefined || requested <= cores) return requested;
  process.stderr.write(
    `msasim: --workers ${requested} is more than this machine's ${cores} cores; using ${cores}\n`,
  );
  return cores;
}

/**
 * A shard holds a slice of the runs (some variants may have part of their replications), so
 * its thresholds would be judged on the wrong sample, and a shard exiting 3 would keep a
 * batch scheduler from starting the merge: `msasim merge` judges them on the whole sweep.
 */
function judgesThresholds(args: SweepArgs): boolean {
  return args.shard === undefined && args.only === undefined;
}

/**
 * The comparison table, where the files went, and what is left for merge: a shard holds
 * only some replications of each variant, so its table (unequal n) would mislead; the
 * merged sweep gets the table and the threshold verdict.
 */
function report(
  scenario: Scenario,
  records: readonly RunRecord[],
  outDir: string | undefined,
  args: SweepArgs,
): void {
  if (records.length === 0) return;
  if (args.only !== undefined) {
    // Reproducing a run to study it: its whole summary, as `msasim run` prints one.
    for (const record of records)
      process.stdout.write(`\n${runHeading(record)}\n${summaryTable(record.result)}\n`);
    return;
  }
  if (args.shard === undefined) {
    const color = process.stdout.isTTY === true;
    process.stdout.write(`\n${comparisonTable(sweepSummary(scenario, records), { color })}\n`);
    process.stdout.write(crossoversSection(scenario, records));
  }
  if (outDir !== undefined) {
    process.stdout.write(`\nwrote ${outputFileNames(records, scenario).join(', ')} to ${outDir}\n`);
  }
  if (args.shard !== undefined) {
    process.stdout.write(
      `\nshard ${args.shard.index}/${args.shard.count}: ${records.length} run${records.length === 1 ? '' : 's'}; msasim merge of every shard's folder compares the variants${scenario.thresholds === undefined ? '' : ' and judges the thresholds'}\n`,
    );
  } else if (scenario.thresholds !== undefined && !judgesThresholds(args)) {
    process.stdout.write('\nthresholds are judged on the whole sweep, not on --only runs\n');
  }
}

/** The crossovers the scenario asks for, after the comparison tables; '' without. */
export function crossoversSection(scenario: Scenario, records: readonly RunRecord[]): string {
  const report = sweepCrossovers(scenario, records);
  const written = scenario.sweep?.crossovers?.scale ?? 'auto';
  return report === undefined ? '' : `\n${crossoversText(report, written)}`;
}

function runHeading({ runId, variant, params, replication, seed }: RunRecord): string {
  const where = Object.entries(params)
    .map(([path, value]) => `, ${path}=${value}`)
    .join('');
  return `run ${runId}: variant ${variant}${where}, replication ${replication}, seed ${seed}`;
}

function failureMessage({ spec, message }: RunFailure, args: SweepArgs): string {
  const where = [
    `variant ${spec.variant}`,
    ...Object.entries(spec.params).map(([path, value]) => `${path}=${value}`),
    `replication ${spec.replication}`,
  ].join(', ');
  return (
    `run ${spec.runId} failed (${where}): ${message}\n` +
    `  seed: ${spec.seed}\n` +
    `  reproduce: ${reproduceCommand(spec.runId, args)}\n`
  );
}

/** The same run alone: same file, same run id, same flags that decide run ids and seeds. */
function reproduceCommand(runId: number, args: SweepArgs): string {
  const flags = [
    `--only ${runId}`,
    ...sweepFlags(args),
    ...(args.eventBudget === undefined ? [] : [`--event-budget ${args.eventBudget}`]),
  ];
  return `msasim sweep ${shellQuote(args.file)} ${flags.join(' ')}`;
}

/** --replications and --seed change the runs' ids and seeds: a resumed sweep needs them too. */
function sweepFlags(args: SweepArgs): string[] {
  return [
    ...(args.replications === undefined ? [] : [`--replications ${args.replications}`]),
    ...(args.seed === undefined ? [] : [`--seed ${args.seed}`]),
  ];
}

function interruptedMessage(
  outcome: SweepOutcome,
  args: SweepArgs,
  outDir: string | undefined,
  stoppedBy: StopSignal | undefined,
): string {
  const interrupted = stoppedBy === 'SIGTERM' ? 'interrupted (SIGTERM)' : 'interrupted';
  if (outDir === undefined) return `\n${interrupted}\n`;
  const flags = [
    `--out ${shellQuote(outDir)}`,
    ...sweepFlags(args),
    ...(args.shard === undefined ? [] : [`--shard ${formatShard(args.shard)}`]),
    '--resume',
  ];
  return (
    `\n${interrupted}: ${outcome.records.length} finished runs are kept in ${join(outDir, 'runs')}; ` +
    `finish with: msasim sweep ${shellQuote(args.file)} ${flags.join(' ')}\n`
  );
}

function shellQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
