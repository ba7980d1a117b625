import type { DistributionSpec } from '../../engine/distributions/spec.js';
import type { FunctionRuntime } from '../../scenario/function-schema.js';

/**
 * Default init (cold start) durations per runtime: the median of lambda-perf's hello-world
 * functions at 128 MB (github.com/maxday/lambda-perf, data/2023-03-19.json: ten forced cold
 * starts per runtime, the REPORT line's Init Duration), as a lognormal whose p99 is twice
 * the median. How firm: the medians are measured, for an empty function; a real function's
 * dependencies add to them (often by hundreds of ms); the spread is an assumption (the
 * hello-world runs spread by ±15%). docs/serverless.md says the same. `java-snapstart` is
 * the restore of the snapshot (the same file's java11 SnapStart row).
 */
export const DEFAULT_INIT_MEDIAN_MS: Readonly<Record<FunctionRuntime, number>> = {
  nodejs: 210, // nodejs18.x
  python: 105, // python3.9
  java: 450, // java11
  'java-snapstart': 450, // without SnapStart on: as java
  dotnet: 220, // dotnet6
  go: 53, // go on provided
  rust: 16, // rust on provided.al2
  ruby: 150, // ruby2.7
};

/** lambda-perf's java11 SnapStart row: restore durations, median 232 ms. */
export const DEFAULT_RESTORE_MEDIAN_MS = 232;

/** The default init of a runtime, or the default restore when SnapStart is on. */
export function defaultInit(runtime: FunctionRuntime, snapStart: boolean): DistributionSpec {
  const median = snapStart ? DEFAULT_RESTORE_MEDIAN_MS : DEFAULT_INIT_MEDIAN_MS[runtime];
  return { kind: 'lognormal', median, p99: 2 * median };
}
