import type { RunResult } from '../metrics/run-result.js';

/** A value a swept grid parameter takes in one run, as the scenario wrote it ("400/s", 3). */
export type ParamValue = string | number;

/** One simulation run of a sweep, with the coordinates that identify it. */
export interface RunRecord {
  /** position in the expanded sweep (variant-major, then grid point, then replication), stable */
  runId: number;
  /** "base" when the scenario has no variants */
  variant: string;
  /** swept grid parameters for this run, by path ({"workload.shoppers.rate": "400/s"}); {} without a grid */
  params: Record<string, ParamValue>;
  /** 0-based */
  replication: number;
  seed: number;
  result: RunResult;
}

/** The variant name of a scenario that compares no variants. */
export const BASE_VARIANT = 'base';

/**
 * Records in run-id order, whatever order the workers finished in: outputs must not depend
 * on scheduling. A duplicate id means two shards overlapped, which would double-count runs.
 */
export function sortByRunId(records: readonly RunRecord[]): RunRecord[] {
  const sorted = [...records].sort((a, b) => a.runId - b.runId);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.runId === sorted[i - 1]!.runId) {
      throw new Error(`run id ${sorted[i]!.runId} appears more than once in the results`);
    }
  }
  return sorted;
}

/** Parameter paths in order of first appearance: the param columns of every table. */
export function paramNamesOf(items: readonly { params: Record<string, ParamValue> }[]): string[] {
  const names = new Set<string>();
  for (const item of items) for (const name of Object.keys(item.params)) names.add(name);
  return [...names];
}

/** The columns that say which run a row belongs to, before its own data. */
export function runKeyColumns(paramNames: readonly string[]): string[] {
  return ['run_id', 'variant', ...paramNames, 'replication'];
}

export function runKeyCells(record: RunRecord, paramNames: readonly string[]): ParamCell[] {
  return [
    record.runId,
    record.variant,
    ...paramNames.map((name) => record.params[name]),
    record.replication,
  ];
}

/** A param cell is empty when a run does not set that param. */
export type ParamCell = ParamValue | undefined;
