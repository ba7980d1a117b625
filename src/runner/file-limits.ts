import { memoryFlagValue } from '../scenario/work-limits.js';

/**
 * How large the files msasim reads may be, checked before a byte is parsed (docs/limits.md).
 *
 * A scenario is parsed as YAML, whose parser spends some microseconds on every value: on
 * a small shared machine a 50 MB scenario took 120 s and 3 GB, and 1 MB of inline numbers
 * (500,000 values) takes 5-15 s. 1 MB holds some 8,000 services written out in full, far
 * more than a hand-written scenario. Bulk data belongs in a trace file, which is read as a
 * stream of numbers: 200 MB of CSV is some 17 million timestamps (about 140 MB of memory
 * once read).
 */
export interface FileLimits {
  /** the largest scenario file, in bytes (`--max-scenario-size`) */
  scenarioBytes: number;
  /** the largest trace file a scenario names, in bytes (`--max-trace-size`) */
  traceBytes: number;
}

export const FILE_LIMITS: Readonly<FileLimits> = {
  scenarioBytes: 1_000_000,
  traceBytes: 200_000_000,
};

/** The limits given, each one not given at its default. */
export function fileLimitsWith(limits: Partial<FileLimits> = {}): FileLimits {
  return {
    scenarioBytes: limits.scenarioBytes ?? FILE_LIMITS.scenarioBytes,
    traceBytes: limits.traceBytes ?? FILE_LIMITS.traceBytes,
  };
}

/**
 * A size as people read it: "52.4 MB" (1 MB = 1,000,000 bytes, as `ls -l --si` shows);
 * below 100 KB, which only a limit lowered by an option can be, in bytes: "12 bytes".
 */
export function megabytes(bytes: number): string {
  if (bytes < 100_000) return `${bytes.toLocaleString('en-US')} bytes`;
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

/** The size of a file over `limitBytes`, exact in bytes when rounding would hide the excess. */
export function sizeOver(bytes: number, limitBytes: number): string {
  const size = megabytes(bytes);
  return size === megabytes(limitBytes) ? `${bytes.toLocaleString('en-US')} bytes` : size;
}

/**
 * `, or raise the limit with --max-trace-size 210MB`: the option and, when the file's size
 * is known, a value that lets it through. (A file that grows while it is read, or reports no
 * size, as files under /proc do, is known only to hold more than the limit.)
 */
export function raiseSizeWith(option: string, bytes: number | undefined): string {
  return `, or raise the limit with ${option}${bytes === undefined ? '' : ` ${sizeValue(bytes)}`}`;
}

/** `210MB`, or `30` bytes under a kilobyte, as the option takes it. */
function sizeValue(bytes: number): string {
  return bytes < 1000 ? String(bytes) : memoryFlagValue(bytes);
}
