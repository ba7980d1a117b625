import type { Argv } from 'yargs';
import { type FileLimits, fileLimitsWith } from '../runner/file-limits.js';
import { DEFAULT_WORK_LIMITS, type WorkLimits } from '../scenario/work-limits.js';
import { CliError, EXIT_BAD_INPUT } from './exit-codes.js';
import { writtenValue } from './flag-values.js';

/**
 * The options that raise the work limits and the sizes of the files read (docs/limits.md):
 * `run`, `sweep`, `validate` and `explain` take the same ones, so that what `validate`
 * accepts is what the others will start.
 */
export interface LimitArgs {
  maxEvents?: number | undefined;
  maxMemory?: number | undefined;
  maxRuns?: number | undefined;
  maxScenarioSize?: number | undefined;
  maxTraceSize?: number | undefined;
}

const GROUP = 'Limits (see docs/limits.md):';

export function withLimitOptions<T>(yargs: Argv<T>, sweeps: boolean): Argv<T & LimitArgs> {
  const withRunLimits = yargs
    .option('max-events', {
      type: 'string',
      group: GROUP,
      describe: 'refuse a run estimated above this many events (default 1e9, ~15 min)',
      coerce: limitCoerce('--max-events', parseCount, '1e10 or 50000'),
    })
    .option('max-memory', {
      type: 'string',
      group: GROUP,
      describe: sweeps
        ? "refuse a run, or a sweep's results, estimated above this memory (default 2GB)"
        : 'refuse a run estimated above this memory (default 2GB)',
      coerce: limitCoerce('--max-memory', parseBytes, '4GB or 500MB'),
    })
    .option('max-scenario-size', {
      type: 'string',
      group: GROUP,
      describe: 'refuse a scenario file larger than this, before parsing it (default 1MB)',
      coerce: limitCoerce('--max-scenario-size', parseBytes, '5MB or 500KB'),
    })
    .option('max-trace-size', {
      type: 'string',
      group: GROUP,
      describe: 'refuse a trace file larger than this, before reading it (default 200MB)',
      coerce: limitCoerce('--max-trace-size', parseBytes, '1GB or 500MB'),
    });
  if (!sweeps) return withRunLimits as unknown as Argv<T & LimitArgs>;
  return withRunLimits.option('max-runs', {
    type: 'string',
    group: GROUP,
    describe: 'refuse a sweep of more runs than this (default 10000)',
    coerce: limitCoerce('--max-runs', parseCount, '1e10 or 50000'),
  }) as unknown as Argv<T & LimitArgs>;
}

/** The limits the options ask for, each defaulting to DEFAULT_WORK_LIMITS. */
export function limitsFrom(args: LimitArgs): WorkLimits {
  return {
    events: args.maxEvents ?? DEFAULT_WORK_LIMITS.events,
    memoryBytes: args.maxMemory ?? DEFAULT_WORK_LIMITS.memoryBytes,
    runs: args.maxRuns ?? DEFAULT_WORK_LIMITS.runs,
  };
}

/** The file sizes the options ask for, each defaulting to FILE_LIMITS. */
export function fileLimitsFrom(args: LimitArgs): FileLimits {
  return fileLimitsWith({ scenarioBytes: args.maxScenarioSize, traceBytes: args.maxTraceSize });
}

function limitCoerce(flag: string, parse: (text: string) => number | undefined, examples: string) {
  return (value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    // As every flag reads its value: given twice, or starting with a dash (flag-values.ts).
    const text = writtenValue(flag, value);
    const number = parse(text.trim());
    if (number === undefined || !(number > 0)) {
      throw new CliError(
        `${flag} must be a number > 0, like ${examples}; got ${JSON.stringify(text)}`,
        EXIT_BAD_INPUT,
      );
    }
    return number;
  };
}

/** `50000`, `1e10`, `2.5e9`: a plain decimal count, exponent allowed (limits are large). */
function parseCount(text: string): number | undefined {
  return /^\d+(\.\d+)?(e\+?\d+)?$/i.test(text) ? Number(text) : undefined;
}

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
};

/** `4GB`, `500MB`, `2Gi`, `1.5G`, or bytes. */
function parseBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(k|m|g|t|ki|mi|gi|ti)?b?$/i.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * BYTE_UNITS[(match[2] ?? '').toLowerCase()]!;
}
