import { ALL_HEADLINE_METRIC_NAMES, HEADLINE_METRIC_NAMES } from '../metrics/headline.js';
import { type Cell, toCsv } from './csv-format.js';
import { paramNamesOf } from './run-record.js';
import type { MetricSummary, SummaryRow } from './summary.js';

const STATISTICS = ['n', 'mean', 'sd', 'ci95'] as const;
const DIFFERENCE_STATISTICS = ['n', 'mean', 'ci95'] as const;

/**
 * variant, <param paths...>, replications, baseline, then per headline metric:
 * <metric>_n, _mean, _sd, _ci95 (over the replications with a value), and
 * <metric>_diff_n, _diff_mean, _diff_ci95 (this variant − the baseline, paired by replication).
 */
export function summaryCsvColumns(
  paramNames: readonly string[],
  metricNames: readonly string[] = HEADLINE_METRIC_NAMES,
): string[] {
  const metricColumns = metricNames.flatMap((name) => [
    ...STATISTICS.map((statistic) => `${name}_${statistic}`),
    ...DIFFERENCE_STATISTICS.map((statistic) => `${name}_diff_${statistic}`),
  ]);
  return ['variant', ...paramNames, 'replications', 'baseline', ...metricColumns];
}

/**
 * summary.csv: one row per (variant, grid point); a statistic without enough values is an
 * empty cell (sd and ci95 need two, the mean one); the difference columns are empty for the
 * baseline and where no variant is compared.
 */
export function summaryCsv(
  summary: readonly SummaryRow[],
  paramNames: readonly string[] = paramNamesOf(summary),
): string {
  const metricNames = summaryMetricNames(summary);
  const rows = summary.map((row): Cell[] => [
    row.variant,
    ...paramNames.map((name) => row.params[name]),
    row.replications,
    row.baseline ?? null,
    ...metricNames.flatMap((name) => [
      ...cells(row.metrics[name], STATISTICS),
      ...cells(row.differences[name], DIFFERENCE_STATISTICS),
    ]),
  ]);
  return toCsv(summaryCsvColumns(paramNames, metricNames), rows);
}

/** With the conditional metrics (queues, client retries) some row has, as runs.csv. */
function summaryMetricNames(summary: readonly SummaryRow[]): readonly string[] {
  return ALL_HEADLINE_METRIC_NAMES.filter(
    (name) =>
      HEADLINE_METRIC_NAMES.includes(name) ||
      summary.some((row) => row.metrics[name] !== undefined),
  );
}

function cells(
  summary: MetricSummary | undefined,
  statistics: readonly (keyof MetricSummary)[],
): Cell[] {
  return statistics.map((statistic) => summary?.[statistic] ?? null);
}
