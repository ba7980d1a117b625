/**
 * How large the files msasim reads may be, checked before a byte is parsed (docs/limits.md).
 *
 * A scenario is parsed as YAML, which costs about 3 s and 100 MB of memory per megabyte
 * on a small machine (a 50 MB scenario took 120 s and 3 GB): 2 MB holds some 15,000
 * services written out in full, far more than a hand-written scenario, and parses in
 * seconds. Bulk data belongs in a trace file, which is read as a stream of numbers: 200 MB
 * of CSV is some 17 million timestamps (about 140 MB of memory once read).
 */
export interface FileLimits {
  /** the largest scenario file, in bytes */
  scenarioBytes: number;
  /** the largest trace file a scenario names, in bytes */
  traceBytes: number;
}

export const FILE_LIMITS: Readonly<FileLimits> = {
  scenarioBytes: 2_000_000,
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
