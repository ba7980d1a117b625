import { HEADLINE_METRIC_NAMES } from '../metrics/headline.js';
import { type Cell, toCsv } from './csv-format.js';
import { paramNamesOf } from './run-record.js';
import type { SummaryRow } from './summary.js';

const STATISTICS = ['mean', 'sd', 'ci95'] as const;

/** variant, <param paths...>, replications, then <metric>_mean, <metric>_sd, <metric>_ci95 per headline metric. */
export function summaryCsvColumns(paramNames: readonly string[]): string[] {
  const metricColumns = HEADLINE_METRIC_NAMES.flatMap((name) =>
    STATISTICS.map((statistic) => `${name}_${statistic}`),
  );
  return ['variant', ...paramNames, 'replications', ...metricColumns];
}

/** summary.csv: one row per (variant, grid point); sd and ci95 empty with one replication. */
export function summaryCsv(
  summary: readonly SummaryRow[],
  paramNames: readonly string[] = paramNamesOf(summary),
): string {
  const rows = summary.map((row): Cell[] => [
    row.variant,
    ...paramNames.map((name) => row.params[name]),
    row.replications,
    ...HEADLINE_METRIC_NAMES.flatMap((name) => {
      const metric = row.metrics[name];
      return STATISTICS.map((statistic) => metric?.[statistic] ?? null);
    }),
  ]);
  return toCsv(summaryCsvColumns(paramNames), rows);
}
