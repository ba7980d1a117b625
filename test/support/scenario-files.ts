import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';
import { studentTQuantile } from './batch-means.js';

/**
 * Loads the scenario files the model tests run: test/fixtures/model/NAME.yaml, parsed and
 * validated by the project's loader (schema, units, defaults, semantic checks) the way a
 * user's file is, so every test goes through the scenario format.
 */

const FIXTURES = fileURLToPath(new URL('../fixtures/model/', import.meta.url));

/** The fixture test/fixtures/model/NAME.yaml as a validated Scenario. */
export function loadScenario(name: string): Scenario {
  const fileName = `${name}.yaml`;
  return parseScenario(readFileSync(FIXTURES + fileName, 'utf8'), fileName);
}

/**
 * Runs a scenario `runs` times with seeds seed, seed + 1, ...: independent replications
 * (every random stream is derived from the run's seed), the textbook way to get honest
 * confidence intervals for steady-state measures when each run is long enough to leave
 * its start-up transient behind (the scenario's warm-up).
 */
export function replicate(scenario: Scenario, runs: number): RunResult[] {
  return Array.from({ length: runs }, (_, i) => simulate(scenario, { seed: scenario.seed + i }));
}

export interface Interval {
  mean: number;
  halfWidth: number;
  lower: number;
  upper: number;
  /** halfWidth / |mean|: how sharp the check is; a wide interval has no power. */
  relativeHalfWidth: number;
}

/**
 * Student-t confidence interval for the mean of independent, identically distributed
 * values (one per replication): mean ± t(1 - (1 - confidence) / 2, n - 1) · s / √n.
 * `systematic` widens it by a known deterministic error bound (e.g. histogram resolution).
 */
export function tInterval(values: readonly number[], confidence: number, systematic = 0): Interval {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const halfWidth =
    studentTQuantile(0.5 + confidence / 2, n - 1) * Math.sqrt(variance / n) + systematic;
  return {
    mean,
    halfWidth,
    lower: mean - halfWidth,
    upper: mean + halfWidth,
    relativeHalfWidth: halfWidth / Math.abs(mean),
  };
}
