import type { RunResult } from '../metrics/run-result.js';
import { writtenRunResult } from '../metrics/time-series.js';

/**
 * What `msasim run --json` prints, without Node: the CLI and the player (viz/, in a browser)
 * build it with this one code, so the player's final numbers are the CLI's, byte for byte.
 */

/**
 * Every run with nodes has their allocation (OpenCost, cost.csv), but result.json shows it
 * only where it did before it was computed for every run (a scenario with `pricing:`,
 * functions or Fargate tasks), so that a run's result.json keeps its bytes.
 */
export function asBeforeAllocation(result: RunResult, hasPricing: boolean): RunResult {
  if (hasPricing || result.cost.lines !== undefined || result.cost.allocation === undefined)
    return result;
  const { allocation: _allocation, ...cost } = result.cost;
  return { ...result, cost };
}

/** The result as JSON: 2-space indent, key order as the model builds it, a final newline. */
export function resultJson(result: RunResult): string {
  return `${JSON.stringify(writtenRunResult(result), null, 2)}\n`;
}
