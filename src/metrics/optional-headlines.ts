import type { RunResult, Statistic } from './run-result.js';

/**
 * Headline metrics that only some runs have (issues 13 and 14: queues, client retries,
 * rollouts, autoscalers, a steady-state check, pipelines). A group's columns follow every
 * other headline metric in runs.csv, summary.csv and the comparison table only when one of
 * the table's runs has the group, so every other run's files keep their bytes; thresholds,
 * comparison columns and crossovers may name any of them. A run of such a table without
 * the group has empty cells (no sample), never 0.
 */
export interface OptionalHeadlines {
  /** the columns, in their order */
  readonly names: readonly string[];
  has(result: RunResult): boolean;
  /** the run's values by name; asked only of a run that `has` the group */
  metrics(result: RunResult): Record<string, Statistic>;
  /** which way is better, for the comparison table's best marks; a name not here is neutral */
  readonly directions: Readonly<Record<string, 'lower' | 'higher'>>;
  /**
   * The columns of the group's own comparison table, printed after the default one (a
   * second table rather than more columns: the first stays as wide as it always was); none
   * for a group whose column joins the default table.
   */
  readonly compared: readonly string[];
}

/** The values of `names` in order, as a record. */
export function byName(names: readonly string[], values: readonly Statistic[]) {
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? null]));
}
