import type { RunResult } from '../metrics/run-result.js';
import type { Cell } from './csv-format.js';
import type { RunRecord } from './run-record.js';

/**
 * Issue 14: runs.csv's steady-state columns (docs/faults.md), after the headline metrics,
 * only when one of its runs checks a `steadyState:`: the runs.csv of every other sweep keeps
 * its bytes. Held is true or false; windows broken counts the windows that broke it.
 */
export const STEADY_STATE_COLUMNS = ['steady_state_held', 'steady_state_windows_broken'] as const;

export function hasSteadyState(records: readonly RunRecord[]): boolean {
  return records.some((record) => record.result.faults?.steadyState !== undefined);
}

/** A run's cells; empty for a run without a steady state (a statistic with no sample). */
export function steadyStateCells(result: RunResult): Cell[] {
  const verdict = result.faults?.steadyState;
  if (verdict === undefined) return [null, null];
  return [verdict.held ? 'true' : 'false', verdict.broken.length];
}
