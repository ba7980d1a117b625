import { formatBytes, formatCount, formatEstimate } from './count-text.js';
import type { PathSegment, Problem } from './errors.js';
import { DEFAULT_MAX_RUNS } from './limits.js';
import type { Part, WorkEstimate } from './work-estimate.js';

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
export function workLimitProblems(estimate: WorkEstimate, limits: WorkLimits): Problem[] {
  const problems: Problem[] = [];
  const events = estimate.events[0];
  if (events !== undefined && !(estimate.totalEvents <= limits.events)) {
    problems.push({
      path: events.path,
      message: overLimit(
        `${about(formatEstimate(estimate.totalEvents))} events per run`,
        formatCount(limits.events),
        events,
        // As the option reads it: no thousands separators.
        raiseWith('--max-events', estimate.totalEvents, (n) =>
          n < 1e6 ? String(n) : formatCount(n),
        ),
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
        raiseWith('--max-memory', estimate.totalMemoryBytes, memoryFlagValue),
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
function raiseWith(flag: string, needed: number, format: (n: number) => string): string {
  // Near the largest double, rounding up overflows or prints as "more than 1e308":
  // no value of the flag is that large either.
  const value = roundUp(needed);
  const text = Number.isFinite(value) ? format(value) : '';
  if (text === '' || text.startsWith('more than')) return ' (no limit allows it)';
  return `, or raise the limit with ${flag} ${text}`;
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
