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
  /** the largest scenario file, in bytes */
  scenarioBytes: number;
  /** the largest trace file a scenario names, in bytes */
  traceBytes: number;
}

export const FILE_LIMITS: Readonly<FileLimits> = {
  scenarioBytes: 1_000_000,
  traceBytes: 200_000_000,
};

/** A size as people read it: "52.4 MB" (1 MB = 1,000,000 bytes, as `ls -l --si` shows). */
export function megabytes(bytes: number): string {
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

/** The size of a file over `limitBytes`, exact in bytes when rounding would hide the excess. */
export function sizeOver(bytes: number, limitBytes: number): string {
  const size = megabytes(bytes);
  return size === megabytes(limitBytes) ? `${bytes.toLocaleString('en-US')} bytes` : size;
}
