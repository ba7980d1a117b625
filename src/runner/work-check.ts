import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { BASE_VARIANT } from '../report/run-record.js';
import { formatBytes, formatCount } from '../scenario/count-text.js';
import { type Locate, locateProblems, type Problem } from '../scenario/errors.js';
import { documentLocator } from '../scenario/locate.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunSpec } from '../scenario/sweep-expand.js';
import {
  type EstimateOptions,
  estimateWork,
  type WorkEstimate,
} from '../scenario/work-estimate.js';
import {
  CLI_LIMIT_OPTIONS,
  type LimitOptionNames,
  WorkLimitError,
  type WorkLimits,
  workLimitProblems,
  writtenRowsProblems,
} from '../scenario/work-limits.js';

/**
 * The work limits applied where a command starts: a scenario (or any run of a sweep) whose
 * estimated run exceeds a limit is bad input, reported like every other problem with the
 * scenario, at the field that contributes most, before anything is built or run.
 */

/**
 * The estimate of one scenario's run; throws a WorkLimitError if it exceeds a limit. A run
 * whose result is written (`timeSeriesWritten`) needs every window's rows, not only those it
 * holds, and is refused beyond the rows msasim writes.
 */
export function checkRunWork(
  file: string,
  scenario: Scenario,
  limits: WorkLimits,
  names: LimitOptionNames = CLI_LIMIT_OPTIONS,
  options: EstimateOptions = {},
): WorkEstimate {
  const estimate = estimateWork(scenario, options);
  const problems = workLimitProblems(estimate, limits, names);
  if (options.timeSeriesWritten) {
    problems.push(
      ...writtenRowsProblems(
        estimate.windows * estimate.series,
        seriesOf(estimate),
        'use a longer outputs.window or a shorter drain, or run without --json and --out (the tables need no time series)',
      ),
    );
  }
  if (problems.length > 0) throw refusal(problems, limits, file, undefined, estimate);
  return estimate;
}

/**
 * Checks every distinct scenario of a sweep (one per variant and grid point) and the
 * results the sweep holds in memory at the end, one record per run. Returns the estimate
 * of the largest run.
 */
export function checkSweepWork(
  file: string,
  specs: readonly RunSpec[],
  limits: WorkLimits,
  locate?: Locate,
  names: LimitOptionNames = CLI_LIMIT_OPTIONS,
): WorkEstimate | undefined {
  const estimates = new Map<Scenario, WorkEstimate>();
  let resultBytes = 0;
  let writtenRows = 0;
  let largest: WorkEstimate | undefined;
  for (const spec of specs) {
    let estimate = estimates.get(spec.scenario);
    if (estimate === undefined) {
      estimate = estimateWork(spec.scenario);
      estimates.set(spec.scenario, estimate);
      const problems = workLimitProblems(estimate, limits, names).map((problem) => ({
        ...problem,
        message: `${pointOf(spec)}${problem.message}`,
      }));
      if (problems.length > 0) throw refusal(problems, limits, file, locate, estimate);
      if (largest === undefined || estimate.totalEvents > largest.totalEvents) largest = estimate;
    }
    resultBytes += estimate.resultBytes;
    writtenRows += estimate.windows * estimate.series;
  }
  const rowsProblems =
    specs.length === 1 && largest !== undefined
      ? writtenRowsProblems(
          writtenRows,
          seriesOf(largest),
          'use a longer outputs.window or a shorter drain',
        )
      : writtenRowsProblems(
          writtenRows,
          `the time series of ${specs.length} runs (each: windows until the drain ends × series)`,
          'use a longer outputs.window, a shorter drain or fewer runs',
          ['sweep'],
        );
  if (rowsProblems.length > 0) throw refusal(rowsProblems, limits, file, locate);
  if (resultBytes > limits.memoryBytes) {
    const message =
      `the results of ${specs.length} runs take about ${formatBytes(resultBytes)} of memory, ` +
      `more than the limit of ${formatBytes(limits.memoryBytes)} (a sweep keeps every run's result, ` +
      'time series included, to write its files); use fewer runs or a longer outputs.window, ' +
      `or raise the limit with ${names.memoryBytes(resultBytes)}`;
    throw refusal([{ path: ['sweep'], message }], limits, file, locate);
  }
  return largest;
}

/** `the time series (2.6e6 windows until the drain ends × 2 series)` */
function seriesOf(estimate: WorkEstimate): string {
  return `the time series (${formatCount(estimate.windows)} windows until the drain ends × ${estimate.series} series)`;
}

/** `with variant "big", workload.shoppers.rate=400/s: `, or nothing for a plain scenario. */
function pointOf(spec: RunSpec): string {
  const parts = [
    ...(spec.variant === BASE_VARIANT ? [] : [`variant "${spec.variant}"`]),
    ...Object.entries(spec.params).map(([path, value]) => `${path}=${value}`),
  ];
  return parts.length === 0 ? '' : `with ${parts.join(', ')}: `;
}

/**
 * The problems placed in the file. Without a locator, the file is read again to make one:
 * only when a limit is exceeded, and the loader has read and validated it already.
 */
function refusal(
  problems: Problem[],
  limits: WorkLimits,
  file: string,
  locate: Locate | undefined,
  estimate?: WorkEstimate,
): WorkLimitError {
  const issues = locateProblems(problems, file, locate ?? locatorOf(file));
  return new WorkLimitError(issues, limits, estimate);
}

function locatorOf(file: string): Locate {
  try {
    const lineCounter = new LineCounter();
    return documentLocator(
      // Without the duplicate-key check (the loader has reported those): it is quadratic.
      parseDocument(readFileSync(file, 'utf8'), { lineCounter, uniqueKeys: false }),
      lineCounter,
    );
  } catch {
    return () => ({ line: 1, column: 1 });
  }
}
