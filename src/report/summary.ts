import { HEADLINE_METRIC_NAMES, headlineMetrics } from '../metrics/headline.js';
import { type ParamValue, type RunRecord, sortByRunId } from './run-record.js';
import { tCritical95 } from './student-t.js';

/** A headline metric over the replications of one (variant, grid point). */
export interface MetricSummary {
  mean: number;
  /** sample standard deviation (n - 1 in the denominator); null with one replication */
  sd: number | null;
  /** half-width of the two-sided 95% Student t confidence interval of the mean; null when n = 1 */
  ci95: number | null;
}

/** One (variant, grid point): what the replications agree on. */
export interface SummaryRow {
  variant: string;
  params: Record<string, ParamValue>;
  replications: number;
  /** by headline metric name, in headline order */
  metrics: Record<string, MetricSummary>;
}

/**
 * Groups runs by (variant, grid point) in order of first appearance by run id, so the
 * result never depends on the order runs finished in, and summarizes every headline metric.
 */
export function summarize(records: readonly RunRecord[]): SummaryRow[] {
  return groupByPoint(sortByRunId(records)).map(summarizeGroup);
}

/** Mean, sample sd and 95% CI half-width of a sample, in a fixed summation order. */
export function describeSample(values: readonly number[]): MetricSummary {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: null, ci95: null };
  const mean = sum(values) / n;
  if (n === 1) return { mean, sd: null, ci95: null };
  // Two passes: the textbook one-pass formula cancels catastrophically when sd << mean.
  const sd = Math.sqrt(sum(values.map((v) => (v - mean) ** 2)) / (n - 1));
  return { mean, sd, ci95: (tCritical95(n) * sd) / Math.sqrt(n) };
}

function summarizeGroup(group: RunRecord[]): SummaryRow {
  const first = group[0]!;
  const perRun = group.map((record) => headlineMetrics(record.result));
  const metrics: Record<string, MetricSummary> = {};
  for (const name of HEADLINE_METRIC_NAMES) {
    metrics[name] = describeSample(perRun.map((values) => values[name] ?? Number.NaN));
  }
  return { variant: first.variant, params: first.params, replications: group.length, metrics };
}

function groupByPoint(sortedRecords: readonly RunRecord[]): RunRecord[][] {
  const groups = new Map<string, RunRecord[]>();
  for (const record of sortedRecords) {
    const key = pointKey(record);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return [...groups.values()];
}

/** Identity of a (variant, grid point), independent of the order params were listed in. */
function pointKey(record: RunRecord): string {
  const params = Object.entries(record.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([record.variant, params]);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
