import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { EventBudgetExceededError } from '../../engine/simulation.js';
import type { RunResult } from '../../metrics/run-result.js';
import { writeFileAtomic } from '../../report/atomic-write.js';
import { htmlReport } from '../../report/figures/html-report.js';
import { resultRecord, runOutput } from '../../report/figures/output-folder.js';
import { optionalOutputFiles } from '../../report/optional-output-files.js';
import { proxiesCsv } from '../../report/proxies-csv.js';
import { asBeforeAllocation, resultJson } from '../../report/run-json.js';
import { BASE_VARIANT } from '../../report/run-record.js';
import { summarize } from '../../report/summary.js';
import { versionsCsv } from '../../report/versions-csv.js';
import { loadScenarioFile } from '../../runner/load-scenario-file.js';
import {
  type CreatedFolders,
  joinablePath,
  prepareOutputFolder,
  removeCreatedFolders,
} from '../../runner/output-path.js';
import {
  claimRunFolder,
  type EarlierOutput,
  RESULT_FILE,
  removeEarlierOutput,
} from '../../runner/run-folder.js';
import { simulateStoppable } from '../../runner/stoppable-run.js';
import { checkRunWork } from '../../runner/work-check.js';
import { formatEstimate } from '../../scenario/count-text.js';
import type { WorkEstimate } from '../../scenario/work-estimate.js';
import { CLI_LIMIT_OPTIONS, eventBudgetFor } from '../../scenario/work-limits.js';
import { CliError, EXIT_BAD_INPUT, EXIT_RUN_FAILED } from '../exit-codes.js';
import { writtenValue } from '../flag-values.js';
import { fileLimitsFrom, type LimitArgs, limitsFrom, withLimitOptions } from '../limit-options.js';
import { runProgressDisplay } from '../run-progress.js';
import { exitCodeOf, type SignalStop, type StopSignal, stopOnSignals } from '../stop-signals.js';
import { summaryTable } from '../summary-table.js';
import { gateOnThresholds } from '../threshold-gate.js';
import { printWarnings } from '../warnings.js';
import { refuseExisting, writeHtml } from './report.js';

export interface RunArgs extends LimitArgs {
  file: string;
  seed: number | undefined;
  json: boolean;
  out: string | undefined;
  overwrite?: boolean;
  eventBudget: number | undefined;
  html?: string | undefined;
}

/** The flags as yargs declares them; the handler gets them camel-cased too. */
interface RunFlags extends LimitArgs {
  file: string;
  seed: number | undefined;
  json: boolean;
  out: string | undefined;
  overwrite: boolean;
  'event-budget': number | undefined;
  html: string | undefined;
}

export const runCommand: CommandModule<object, RunFlags> = {
  command: 'run <file>',
  describe: 'Run one scenario and print a summary of its results',
  builder: (yargs) =>
    withLimitOptions(withRunOptions(yargs), false)
      .example('$0 run scenarios/checkout-chain.yaml', 'run with the seed the scenario sets')
      .example('$0 run my.yaml --seed 3 --json', 'another seed; JSON output')
      .example('$0 run my.yaml --out results/', 'also write results/result.json')
      .example('$0 run my.yaml --out results/ --overwrite', 'replace the output already there'),
  handler: (args) => runFile(args),
};

/** Loads, runs and prints one scenario file: the whole of `msasim run`. */
export async function runFile(args: RunArgs): Promise<void> {
  if (args.overwrite === true && args.out === undefined) {
    throw new CliError(
      '--overwrite replaces the output in the --out folder: give --out DIR too',
      EXIT_BAD_INPUT,
    );
  }
  const scenario = loadScenarioFile(args.file, fileLimitsFrom(args));
  // Refused here, before anything is built, if the run would exceed a limit.
  const estimate = checkRunWork(args.file, scenario, limitsFrom(args), CLI_LIMIT_OPTIONS, {
    timeSeriesWritten: args.json || args.out !== undefined,
  });
  printWarnings(args.file, [scenario]);
  const seed = args.seed ?? scenario.seed;
  const eventBudget = args.eventBudget ?? eventBudgetFor(estimate);
  // A run can take minutes: a --out it could not write is refused before it starts.
  const out = args.out === undefined ? undefined : await joinablePath(args.out);
  if (args.html !== undefined) await refuseExisting(args.html);
  const { created, earlier } =
    out === undefined
      ? { created: [], earlier: [] }
      : await prepareResultFolder(out, args.overwrite ?? false);
  const progress = runProgressDisplay();
  const stop = stopOnSignals();
  let result: RunResult;
  try {
    result = await runOrExplain(
      async () => {
        try {
          return await simulateStoppable(scenario, {
            seed,
            eventBudget,
            onProgress: (p) => progress.update(p),
            signal: stop.signal,
          });
        } finally {
          progress.stop();
        }
      },
      { ...args, seed, derivedBudget: args.eventBudget === undefined ? estimate : undefined },
      stop,
    );
  } catch (error) {
    await removeCreatedFolders(created);
    throw error;
  } finally {
    // A signal from here on is Node's default: the result is written atomically.
    stop.release();
  }
  const written = asBeforeAllocation(result, scenario.pricing !== undefined);
  if (out !== undefined) await writeResultJson(out, result, written, seed, earlier);
  if (args.html !== undefined) await writeRunReport(args.html, args.file, scenario, result, seed);
  process.stdout.write(args.json ? resultJson(written) : `${summaryTable(result)}\n`);
  // One run is a sample of one: thresholds are judged on its values (no interval).
  const record = { runId: 0, variant: BASE_VARIANT, params: {}, replication: 0, seed, result };
  gateOnThresholds(
    scenario.thresholds,
    summarize([record]),
    args.json ? process.stderr : process.stdout,
  );
}

function withRunOptions(yargs: Argv): Argv<RunFlags> {
  return (
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
      // Read as strings so that a bad value is reported as written, not as NaN.
      .option('seed', {
        type: 'string',
        describe: "random seed (default: the scenario's seed)",
        coerce: wholeNumber('--seed', 0),
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print the full result as JSON instead of the summary',
      })
      .option('out', {
        type: 'string',
        describe:
          'also write result.json into this folder (and, with a mesh, its metrics and traces; with functions, functions.csv, function_metrics.csv, lambda_report.log and cost.csv); a folder holding msasim output is refused',
      })
      .option('overwrite', {
        type: 'boolean',
        default: false,
        describe:
          'replace the msasim output already in --out (its files msasim writes, by name; nothing else)',
      })
      .option('event-budget', {
        type: 'string',
        describe:
          'stop with an error after this many events (default: 4 × the estimated events + 1e6)',
        coerce: wholeNumber('--event-budget', 1),
      })
      .option('html', {
        type: 'string',
        describe: 'also write an offline HTML report with charts of the run (a new file)',
      })
  );
}

/** `run --html FILE`: the report of this one run, from the tables a sweep of it would write. */
async function writeRunReport(
  path: string,
  file: string,
  scenario: { name: string; description?: string | undefined },
  result: RunResult,
  seed: number,
): Promise<void> {
  const read = [`the run of ${file}, seed ${seed}`];
  const folder = runOutput(resultRecord(result, seed), read, scenario);
  await writeHtml(path, htmlReport(folder, file));
}

/**
 * A yargs coerce function: the flag must be a whole decimal number >= min; else exit 2.
 * Only digits: Number() would also read 0x10, 1e3 and " 5", which a seed or an id written
 * in a script is far more likely to be by mistake than on purpose.
 */
export function wholeNumber(flag: string, min: number) {
  return (value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    const text = writtenValue(flag, value);
    const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min) {
      throw new CliError(
        `${flag} must be a whole decimal number >= ${min}, got ${JSON.stringify(text)}`,
        EXIT_BAD_INPUT,
      );
    }
    return number;
  };
}

/**
 * A valid scenario whose run throws (event budget exceeded, a model bug) is exit 1, with
 * what is needed to reproduce it: the message, the seed, the exact command.
 */
async function runOrExplain(
  run: () => Promise<RunResult>,
  args: {
    file: string;
    seed: number;
    eventBudget: number | undefined;
    /** the estimate the event budget was derived from, when --event-budget was not given */
    derivedBudget: WorkEstimate | undefined;
  },
  stop: SignalStop,
): Promise<RunResult> {
  try {
    return await run();
  } catch (error) {
    const signal = stop.received();
    if (signal !== undefined) throw stoppedBy(signal);
    const message = error instanceof Error ? error.message : String(error);
    const budget = args.eventBudget === undefined ? '' : ` --event-budget ${args.eventBudget}`;
    const derived =
      args.derivedBudget !== undefined && error instanceof EventBudgetExceededError
        ? `  the budget: 4 × the estimated ${formatEstimate(args.derivedBudget.totalEvents)} events + 1,000,000; --event-budget N sets another\n`
        : '';
    throw new CliError(
      `run failed: ${message}\n` +
        derived +
        `  seed: ${args.seed}\n` +
        `  reproduce: msasim run ${shellQuote(args.file)} --seed ${args.seed}${budget}`,
      EXIT_RUN_FAILED,
    );
  }
}

/**
 * Ctrl-C or SIGTERM stopped the run between two of its steps: nothing was printed or
 * written (a run has no part worth keeping), and the exit code says which signal it was.
 */
function stoppedBy(signal: StopSignal): CliError {
  const interrupted = signal === 'SIGTERM' ? 'interrupted (SIGTERM)' : 'interrupted';
  return new CliError(
    `run ${interrupted} before it finished; nothing was written`,
    exitCodeOf(signal),
  );
}

function shellQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/** Makes --out a folder this run may write (run-folder.ts), before the run starts. */
async function prepareResultFolder(
  dir: string,
  overwrite: boolean,
): Promise<{ created: CreatedFolders; earlier: EarlierOutput }> {
  const created = await prepareOutputFolder(dir);
  try {
    return { created, earlier: await claimRunFolder(dir, overwrite) };
  } catch (error) {
    await removeCreatedFolders(created);
    throw error;
  }
}

/** The tables of one run that only some scenarios have, by file name (none for the rest). */
function runTableFiles(result: RunResult, seed: number): Record<string, string> {
  const record = { runId: 0, variant: BASE_VARIANT, params: {}, replication: 0, seed, result };
  return {
    ...(result.versions?.length ? { 'versions.csv': versionsCsv([record]) } : {}),
    ...(result.proxies?.length ? { 'proxies.csv': proxiesCsv([record]) } : {}),
    ...optionalOutputFiles([record]),
  };
}

/**
 * Writes DIR/result.json through a temporary file and a rename (writeFileAtomic), so a
 * reader, or a run that crashes, never leaves a half-written result; a run with versions, a
 * mesh, functions or a cost ledger beyond its nodes also writes their files (versions.csv,
 * proxies.csv, docs/mesh/telemetry.md's, docs/serverless.md's, cost.csv), as run 0 of a
 * sweep would.
 */
async function writeResultJson(
  dir: string,
  result: RunResult,
  written: RunResult,
  seed: number,
  earlier: EarlierOutput,
): Promise<void> {
  const target = join(dir, RESULT_FILE);
  const tables = runTableFiles(result, seed);
  try {
    await mkdir(dir, { recursive: true });
    await removeEarlierOutput(dir, earlier, [RESULT_FILE, ...Object.keys(tables)]);
    await writeFileAtomic(target, resultJson(written));
    for (const [name, content] of Object.entries(tables)) {
      await writeFileAtomic(join(dir, name), content);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write ${target}: ${reason}`, EXIT_BAD_INPUT);
  }
}
