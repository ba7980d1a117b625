import { HEADLINE_METRIC_NAMES } from '../metrics/headline.js';
import { FAILURE_CAUSES } from '../metrics/run-result.js';
import { formatCell } from './csv-format.js';
import { unknownMetricMessage } from './metric-names.js';
import { paramNamesOf } from './run-record.js';
import type { MetricSummary, SummaryRow } from './summary.js';

/** The metrics a what-if comparison usually turns on: speed, reliability, capacity, money. */
export const DEFAULT_COMPARISON_METRICS: readonly string[] = [
  'latency_p50_ms',
  'latency_p99_ms',
  'availability',
  'throughput_rps',
  'cost_usd_per_million',
];

export type Direction = 'lower' | 'higher';

/**
 * Which way is better, per headline metric. Metrics absent here (requests_total, events,
 * cpu_utilization) are neutral: more load or busier nodes is neither good nor bad by itself,
 * so the table marks no best value for them.
 */
export const METRIC_DIRECTIONS: Readonly<Record<string, Direction>> = {
  requests_succeeded: 'higher',
  requests_failed: 'lower',
  availability: 'higher',
  throughput_rps: 'higher',
  latency_mean_ms: 'lower',
  latency_p50_ms: 'lower',
  latency_p90_ms: 'lower',
  latency_p99_ms: 'lower',
  latency_p999_ms: 'lower',
  latency_max_ms: 'lower',
  ...Object.fromEntries(FAILURE_CAUSES.map((cause) => [`errors_${cause}`, 'lower' as const])),
  cost_usd: 'lower',
  cost_usd_per_million: 'lower',
};

export interface ComparisonTableOptions {
  /** headline metric names, one column each; default DEFAULT_COMPARISON_METRICS */
  metrics?: readonly string[];
  /** ANSI bold header and green best values, for a terminal */
  color?: boolean;
}

interface TableCell {
  text: string;
  alignRight: boolean;
  best: boolean;
}

const BEST_MARK = ' *';
const NO_MARK = '  ';
const COLUMN_GAP = '  ';

/**
 * Variants side by side as `mean ± ci95`, grouped by grid point (comparing variants only
 * makes sense under the same load), with `*` on the best value of each metric in each group.
 */
export function comparisonTable(
  summary: readonly SummaryRow[],
  options: ComparisonTableOptions = {},
): string {
  const metrics = options.metrics ?? DEFAULT_COMPARISON_METRICS;
  for (const metric of metrics) {
    if (!HEADLINE_METRIC_NAMES.includes(metric)) throw new Error(unknownMetricMessage(metric));
  }
  const paramNames = paramNamesOf(summary);
  const header: TableCell[] = [
    { text: 'variant', alignRight: false, best: false },
    ...paramNames.map((text) => ({ text, alignRight: false, best: false })),
    { text: 'n', alignRight: true, best: false },
    // Room for the best mark, so that names line up with the numbers below them.
    ...metrics.map((text) => ({ text: text + NO_MARK, alignRight: true, best: false })),
  ];
  const groups = groupByGridPoint(summary).map((rows) => groupCells(rows, paramNames, metrics));
  return render(header, groups, options.color ?? false) + legend(metrics);
}

function groupCells(
  rows: readonly SummaryRow[],
  paramNames: readonly string[],
  metrics: readonly string[],
): TableCell[][] {
  const bestByMetric = metrics.map((metric) => bestMean(rows, metric));
  return rows.map((row) => [
    { text: row.variant, alignRight: false, best: false },
    ...paramNames.map((name) => ({
      text: formatCell(row.params[name]),
      alignRight: false,
      best: false,
    })),
    { text: String(row.replications), alignRight: true, best: false },
    ...metrics.map((metric, i) => {
      const summary = row.metrics[metric];
      const best = summary !== undefined && summary.mean === bestByMetric[i];
      return {
        text: formatEstimate(summary) + (best ? BEST_MARK : NO_MARK),
        alignRight: true,
        best,
      };
    }),
  ]);
}

/**
 * The best finite mean, or undefined when there is nothing to rank: a neutral metric, fewer
 * than two values, or all values equal (marking every row would say nothing).
 */
function bestMean(rows: readonly SummaryRow[], metric: string): number | undefined {
  const direction = METRIC_DIRECTIONS[metric];
  const means = rows
    .map((row) => row.metrics[metric]?.mean ?? Number.NaN)
    .filter((mean) => Number.isFinite(mean));
  if (direction === undefined || means.length < 2) return undefined;
  const lowest = Math.min(...means);
  const highest = Math.max(...means);
  if (lowest === highest) return undefined;
  return direction === 'lower' ? lowest : highest;
}

/**
 * The mean with as many decimals as the interval's half-width rounded to 2 significant
 * digits: digits beyond the interval's precision are noise. Without an interval, 6
 * significant digits.
 */
export function formatEstimate(summary: MetricSummary | undefined): string {
  if (summary === undefined) return '';
  const { mean, ci95 } = summary;
  if (!Number.isFinite(mean)) return formatCell(mean);
  if (ci95 === null || !(ci95 > 0) || !Number.isFinite(ci95))
    return String(Number(mean.toPrecision(6)));
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(ci95))));
  return `${mean.toFixed(decimals)} ± ${ci95.toFixed(decimals)}`;
}

/** Grid points in order of first appearance, each with its variants in summary order. */
function groupByGridPoint(summary: readonly SummaryRow[]): SummaryRow[][] {
  const groups = new Map<string, SummaryRow[]>();
  for (const row of summary) {
    const key = JSON.stringify(Object.entries(row.params).sort(([a], [b]) => (a < b ? -1 : 1)));
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

function render(header: TableCell[], groups: TableCell[][][], color: boolean): string {
  const allRows = [header, ...groups.flat()];
  const widths = header.map((_, column) =>
    Math.max(...allRows.map((row) => [...(row[column]?.text ?? '')].length)),
  );
  const last = header.length - 1;
  // Trailing blanks are trimmed before styling, so colour codes cannot hide them.
  const line = (row: TableCell[], style: (cell: TableCell, text: string) => string) =>
    row
      .map((cell, column) => {
        const padded = pad(cell, widths[column]!);
        return style(cell, column === last ? padded.trimEnd() : padded);
      })
      .join(COLUMN_GAP);
  const headerLine = line(header, (_, text) => (color ? bold(text) : text));
  const rule = widths.map((width) => '-'.repeat(width)).join(COLUMN_GAP);
  const bodyStyle = (cell: TableCell, text: string) => (color && cell.best ? green(text) : text);
  const body = groups.map((rows) => rows.map((row) => line(row, bodyStyle)).join('\n'));
  return [headerLine, rule, ...(body.length > 0 ? [body.join('\n\n')] : [])].join('\n') + '\n';
}

function legend(metrics: readonly string[]): string {
  const lower = metrics.filter((metric) => METRIC_DIRECTIONS[metric] === 'lower');
  const higher = metrics.filter((metric) => METRIC_DIRECTIONS[metric] === 'higher');
  const directions = [
    lower.length > 0 ? `lower is better for ${lower.join(', ')}` : '',
    higher.length > 0 ? `higher for ${higher.join(', ')}` : '',
  ].filter((text) => text !== '');
  return (
    '\nmean ± 95% CI half-width over n replications; * best variant at each grid point' +
    (directions.length > 0 ? ` (${directions.join('; ')})` : '') +
    '\n'
  );
}

function pad(cell: TableCell, width: number): string {
  const fill = ' '.repeat(width - [...cell.text].length);
  return cell.alignRight ? fill + cell.text : cell.text + fill;
}

function bold(text: string): string {
  return `\u001b[1m${text}\u001b[22m`;
}

function green(text: string): string {
  return `\u001b[32m${text}\u001b[39m`;
}
