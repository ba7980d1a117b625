import { headlineMetricNames, headlineMetrics } from '../metrics/headline.js';
import type { Statistic } from '../metrics/run-result.js';
import { type ParamValue, type RunRecord, sortByRunId } from './run-record.js';
import { tCritical95 } from './student-t.js';

/** A statistic over the replications that had a value (a run with no sample has none). */
export interface MetricSummary {
  /** how many values the statistic is over */
  n: number;
  /** null when n = 0 */
  mean: Statistic;
  /** sample standard deviation (n - 1 in the denominator); null when n < 2 */
  sd: Statistic;
  /** half-width of the two-sided 95% Student t confidence interval of the mean; null when n < 2 */
  ci95: Statistic;
}

/** One (variant, grid point): what the replications agree on. */
export interface SummaryRow {
  variant: string;
  params: Record<string, ParamValue>;
  replications: number;
  /** by headline metric name, in headline order */
  metrics: Record<string, MetricSummary>;
  /** each run's headline metrics by replication number: what paired comparisons pair */
  runs: ReadonlyMap<number, Record<string, Statistic>>;
  /** the variant the differences are from (undefined when nothing is compared) */
  baseline: string | undefined;
  /**
   * By metric: this variant − the baseline, paired by replication (n = pairs with both
   * values); empty for the baseline itself.
   */
  differences: Record<string, MetricSummary>;
}

export interface SummarizeOptions {
  /** the variant others are compared with; default the first variant at each grid point */
  baseline?: string;
}

/**
 * Groups runs by (variant, grid point) in order of first appearance by run id, so the
 * result never depends on the order runs finished in, summarizes every headline metric, and
 * pairs each variant with the baseline at the same grid point.
 */
export function summarize(
  records: readonly RunRecord[],
  options: SummarizeOptions = {},
): SummaryRow[] {
  const rows = groupByPoint(sortByRunId(records)).map(summarizeGroup);
  for (const group of groupRowsByGridPoint(rows)) {
    if (group.length < 2) continue;
    const baseline = group.find((row) => row.variant === options.baseline) ?? group[0]!;
    for (const row of group) {
      row.baseline = baseline.variant;
      if (row !== baseline) row.differences = pairedDifferences(row, baseline);
    }
  }
  return rows;
}

/** Mean, sample sd and 95% CI half-width of the values present, in a fixed summation order. */
export function describeSample(values: readonly Statistic[]): MetricSummary {
  const present = values.filter((value): value is number => value !== null);
  const n = present.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null };
  const mean = sum(present) / n;
  if (n === 1) return { n, mean, sd: null, ci95: null };
  // Two passes: the textbook one-pass formula cancels catastrophically when sd << mean.
  const sd = Math.sqrt(sum(present.map((v) => (v - mean) ** 2)) / (n - 1));
  return { n, mean, sd, ci95: (tCritical95(n) * sd) / Math.sqrt(n) };
}

/**
 * Per metric, `a − b` over the replications both ran with a value, as a sample of
 * differences: the paired t interval. Variants at the same replication share their random
 * streams (common random numbers), so the noise they share cancels in the difference and
 * the interval is far narrower than the two unpaired ones side by side.
 */
export function pairedDifferences(a: SummaryRow, b: SummaryRow): Record<string, MetricSummary> {
  const differences: Record<string, MetricSummary> = {};
  for (const name of Object.keys(a.metrics)) {
    const pairs: number[] = [];
    for (const [replication, metricsA] of a.runs) {
      const valueA = metricsA[name] ?? null;
      const valueB = b.runs.get(replication)?.[name] ?? null;
      if (valueA !== null && valueB !== null) pairs.push(valueA - valueB);
    }
    differences[name] = describeSample(pairs);
  }
  return differences;
}

function summarizeGroup(group: RunRecord[]): SummaryRow {
  const first = group[0]!;
  const runs = new Map(group.map((record) => [record.replication, headlineMetrics(record.result)]));
  const metrics: Record<string, MetricSummary> = {};
  for (const name of headlineMetricNames(group.map((record) => record.result))) {
    metrics[name] = describeSample([...runs.values()].map((values) => values[name] ?? null));
  }
  return {
    variant: first.variant,
    params: first.params,
    replications: group.length,
    metrics,
    runs,
    baseline: undefined,
    differences: {},
  };
}

function groupByPoint(sortedRecords: readonly RunRecord[]): RunRecord[][] {
  const groups = new Map<string, RunRecord[]>();
  for (const record of sortedRecords) {
    const key = JSON.stringify([record.variant, sortedParams(record.params)]);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return [...groups.values()];
}

/**
 * Rows grouped by grid point (variants are compared only under the same load), groups in
 * order of first appearance, each with its variants in row order.
 */
export function groupRowsByGridPoint<Row extends { params: Record<string, ParamValue> }>(
  rows: readonly Row[],
): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify(sortedParams(row.params));
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

/** A grid point's identity, independent of the order its params were listed in. */
function sortedParams(params: Record<string, ParamValue>): [string, ParamValue][] {
  return Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
