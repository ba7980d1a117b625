import { formatBytes, formatCount, formatEstimate } from './count-text.js';
import {
  formatPath,
  type PathSegment,
  type Problem,
  ScenarioError,
  type ScenarioIssue,
} from './errors.js';
import { DEFAULT_MAX_RUNS } from './limits.js';
import type { Scenario } from './schema.js';
import { estimateWork, type Part, type WorkEstimate } from './work-estimate.js';

/**
 * The most work msasim starts without being asked to: a scenario whose estimated run
 * (work-estimate.ts) exceeds a limit is refused before anything is built, with the estimate,
 * the limit, what to change, and the option that raises the limit. docs/limits.md says why
 * each default is what it is.
 */
export interface WorkLimits {
  /** events of one run (`--max-events`) */
  events: number;
  /** memory of one run, and the results a sweep holds, in bytes (`--max-memory`) */
  memoryBytes: number;
  /** runs of one sweep (`--max-runs`) */
  runs: number;
}

export const DEFAULT_WORK_LIMITS: WorkLimits = {
  // About 15 minutes of one core: the engine processes about a million events a second.
  events: 1e9,
  // Below Node's default heap (2-4 GB) and WebAssembly's 4 GB, where histograms live.
  memoryBytes: 2e9,
  runs: DEFAULT_MAX_RUNS,
};

/** The limits given, each one not given at its default. */
export function workLimitsWith(limits: Partial<WorkLimits> = {}): WorkLimits {
  return {
    events: limits.events ?? DEFAULT_WORK_LIMITS.events,
    memoryBytes: limits.memoryBytes ?? DEFAULT_WORK_LIMITS.memoryBytes,
    runs: limits.runs ?? DEFAULT_WORK_LIMITS.runs,
  };
}

/**
 * How a refusal says to raise a limit, in the caller's words: the CLI's options, or the
 * library's `limits` option (a library user has no --max-events to give). Each is given the
 * amount needed and names a value, rounded up, that lets it through.
 */
export interface LimitOptionNames {
  events: (value: number) => string;
  memoryBytes: (value: number) => string;
}

export const CLI_LIMIT_OPTIONS: LimitOptionNames = {
  // As the option reads it: no thousands separators.
  events: (n) => `--max-events ${plainCount(n)}`,
  memoryBytes: (n) => `--max-memory ${memoryFlagValue(n)}`,
};

export const LIBRARY_LIMIT_OPTIONS: LimitOptionNames = {
  events: (n) => `the option limits: { events: ${plainCount(n)} }`,
  memoryBytes: (n) => `the option limits: { memoryBytes: ${plainCount(n)} }`,
};

/** `1800`, `7.3e23`: a number rounded up, as code or a command line takes it. */
function plainCount(needed: number): string {
  const n = roundUp(needed);
  return n < 1e6 ? String(n) : formatCount(n);
}

/**
 * A scenario whose estimated run exceeds a work limit, refused before anything is built.
 * It is bad input like any other problem with the scenario (a ScenarioError: the CLI exits
 * 2), and carries the estimate and the limits it was judged by.
 */
export class WorkLimitError extends ScenarioError {
  override name = 'WorkLimitError';

  constructor(
    issues: readonly ScenarioIssue[],
    readonly limits: WorkLimits,
    /** the refused run's; none when it is a sweep's results, together, that are too large */
    readonly estimate?: WorkEstimate,
  ) {
    super(issues);
  }
}

/**
 * The estimate of a run of `scenario`, or a WorkLimitError if it exceeds a limit: the check
 * for a scenario given as an object, which has no file to point into (its messages name
 * the scenario and the field). runner/work-check.ts places them in the file when there is one.
 */
export function checkWorkLimits(
  scenario: Scenario,
  limits: WorkLimits,
  names: LimitOptionNames = LIBRARY_LIMIT_OPTIONS,
): WorkEstimate {
  const estimate = estimateWork(scenario);
  const problems = workLimitProblems(estimate, limits, names);
  if (problems.length === 0) return estimate;
  const file = `scenario "${scenario.name}"`;
  const issues = problems.map((problem) => ({
    file,
    line: 0,
    column: 0,
    path: formatPath(problem.path),
    message: problem.message,
  }));
  throw new WorkLimitError(issues, limits, estimate);
}

/**
 * The most time-series rows one command writes: `run --json` and `run --out` write the run's,
 * `sweep` every run's (timeseries.csv, results.json). result.json and results.json are each
 * made as one JavaScript string, which Node caps at 2^29 - 24 characters (about 537
 * million), and a row takes 250 to 400 of them: a sweep of 1.7 million rows stopped there
 * with an internal error. No option raises it; a longer outputs.window or fewer runs lower it.
 */
export const MAX_WRITTEN_TIME_SERIES_ROWS = 1_000_000;

/**
 * The time series to be written, if it is more rows than msasim writes: `series` names
 * whose rows they are ("the time series (2.6e6 windows × 2 series)"), `remedy` what to do.
 */
export function writtenRowsProblems(
  rows: number,
  series: string,
  remedy: string,
  path: PathSegment[] = ['outputs', 'window'],
): Problem[] {
  if (rows <= MAX_WRITTEN_TIME_SERIES_ROWS) return [];
  return [
    {
      path,
      message: `${series} has up to ${formatEstimate(rows)} rows, more than the limit of ${formatCount(MAX_WRITTEN_TIME_SERIES_ROWS)} rows msasim writes (a results file is one JSON text, which Node caps at 512 MiB); ${remedy}`,
    },
  ];
}

/** Every limit the estimated run exceeds, at the field that contributes most. */
export function workLimitProblems(
  estimate: WorkEstimate,
  limits: WorkLimits,
  names: LimitOptionNames = CLI_LIMIT_OPTIONS,
): Problem[] {
  const problems: Problem[] = [];
  const events = estimate.events[0];
  if (events !== undefined && !(estimate.totalEvents <= limits.events)) {
    problems.push({
      path: events.path,
      message: overLimit(
        `${about(formatEstimate(estimate.totalEvents))} events per run`,
        formatCount(limits.events),
        events,
        raiseWith(estimate.totalEvents, names.events),
      ),
    });
  }
  const memory = estimate.memory[0];
  if (memory !== undefined && !(estimate.totalMemoryBytes <= limits.memoryBytes)) {
    problems.push({
      path: memory.path,
      message: overLimit(
        `${about(formatBytes(estimate.totalMemoryBytes))} of memory per run`,
        formatBytes(limits.memoryBytes),
        memory,
        raiseWith(estimate.totalMemoryBytes, names.memoryBytes),
      ),
    });
  }
  return problems;
}

/** `about 7.2e23`, but `more than 1e308` as it is. */
function about(amount: string): string {
  return amount.startsWith('more than') ? amount : `about ${amount}`;
}

function overLimit(estimate: string, limit: string, largest: Part, raise: string): string {
  return `${estimate}, more than the limit of ${limit}: most of it is ${largest.what}; ${largest.remedy}${raise}`;
}

/** `, or raise the limit with --max-events 7.3e23`: a value that lets the estimate through. */
function raiseWith(needed: number, option: (value: number) => string): string {
  // Near the largest double, rounding up overflows or prints as "more than 1e308":
  // no value of the option is that large either.
  if (!Number.isFinite(roundUp(needed))) return ' (no limit allows it)';
  const text = option(needed);
  if (text.includes('more than')) return ' (no limit allows it)';
  return `, or raise the limit with ${text}`;
}

/** Bytes as --max-memory takes them, rounded up: 2.34e9 → 2.4GB. */
export function memoryFlagValue(bytes: number): string {
  return formatBytes(roundUp(bytes)).replace(' ', '');
}

/** Up to two significant digits, never below the value: 7.23e23 → 7.3e23. */
function roundUp(value: number): number {
  const step = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.ceil(value / step - 1e-9) * step;
}

/**
 * The event budget a run gets when none is given: four times its estimate, plus a
 * million for small runs whose few requests may all take their worst path. A run that
 * exceeds it is doing something the estimate did not foresee (a model bug, or a workload
 * far burstier than its averages): it stops with an error instead of running on.
 */
export function eventBudgetFor(estimate: WorkEstimate): number {
  return Math.ceil(4 * estimate.totalEvents) + 1_000_000;
}
