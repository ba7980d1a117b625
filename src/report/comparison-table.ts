import {
  ALL_HEADLINE_METRIC_NAMES,
  CLIENT_RETRIES_METRIC,
  HEADLINE_METRIC_NAMES,
  OPTIONAL_HEADLINES,
  quantileSamples,
} from '../metrics/headline.js';
import { quantileSupported } from '../metrics/quantile-support.js';
import { FAILURE_CAUSES } from '../metrics/run-result.js';
import { formatCell } from './cell-format.js';
import { unknownMetricMessage } from './metric-names.js';
import { paramNamesOf } from './run-record.js';
import {
  groupRowsByGridPoint,
  type MetricSummary,
  pairedDifferences,
  type SummaryRow,
} from './summary.js';

/** The metrics a what-if comparison usually turns on: speed, reliability, capacity, money. */
export const DEFAULT_COMPARISON_METRICS: readonly string[] = [
  'latency_p50_ms',
  'latency_p99_ms',
  'latency_all_p99_ms',
  'availability',
  'throughput_rps',
  'cost_usd_per_million',
];

export type Direction = 'lower' | 'higher';

const LATENCY_COLUMNS = HEADLINE_METRIC_NAMES.filter(
  (name) => name.startsWith('latency_') && name.endsWith('_ms'),
);

/**
 * Which way is better, per headline metric. Metrics absent here (requests_total, events,
 * CPU use) are neutral: more load or busier nodes is neither good nor bad by itself, so the
 * table marks no best value for them.
 */
export const METRIC_DIRECTIONS: Readonly<Record<string, Direction>> = {
  requests_succeeded: 'higher',
  requests_failed: 'lower',
  availability: 'higher',
  throughput_rps: 'higher',
  ...Object.fromEntries(LATENCY_COLUMNS.map((name) => [name, 'lower' as const])),
  ...Object.fromEntries(FAILURE_CAUSES.map((cause) => [`errors_${cause}`, 'lower' as const])),
  cost_usd: 'lower',
  cost_cross_zone_usd: 'lower',
  cost_usd_per_million: 'lower',
  cost_usd_per_million_succeeded: 'lower',
  ...Object.assign({}, ...OPTIONAL_HEADLINES.map((group) => group.directions)),
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

interface TableGroup {
  rows: TableCell[][];
  /** a line under the group's rows, not part of the columns */
  note: string | undefined;
}

const BEST_MARK = ' *';
const NO_MARK = '  ';
const THIN_MARK = '~';
const COLUMN_GAP = '  ';
export const NO_VALUE = '–';

/**
 * Variants side by side as `mean ± ci95`, grouped by grid point (comparing variants only
 * makes sense under the same load). `*` marks a variant only where it is better than every
 * other variant of its group by a paired 95% interval that excludes 0; where no variant is,
 * a note under the group says so. When variants are compared, a second table gives each
 * one's paired difference from the baseline.
 */
export function comparisonTable(
  summary: readonly SummaryRow[],
  options: ComparisonTableOptions = {},
): string {
  const groupTables = options.metrics === undefined ? optionalTables(summary) : [];
  if (groupTables.length > 0) {
    return [defaultMetrics(summary), ...groupTables]
      .map((metrics) => comparisonTable(summary, { ...options, metrics }))
      .join('\n');
  }
  const metrics = options.metrics ?? defaultMetrics(summary);
  for (const metric of metrics) {
    if (!ALL_HEADLINE_METRIC_NAMES.includes(metric)) throw new Error(unknownMetricMessage(metric));
  }
  const color = options.color ?? false;
  const paramNames = paramNamesOf(summary);
  const header = headerCells(paramNames, metrics);
  const groups = groupRowsByGridPoint(summary);
  const estimates = groups.map((rows) => estimateGroup(rows, paramNames, metrics));
  const tables = [render(header, estimates, color) + legend(summary, metrics)];
  const compared = groups.filter((rows) => rows.length > 1);
  if (compared.length > 0) {
    const differences = compared.map((rows) => differenceGroup(rows, paramNames, metrics));
    tables.push(
      `difference from ${baselineNames(compared)}, paired by replication ` +
        '(mean ± 95% CI half-width; an interval that excludes 0 is a real difference)\n' +
        render(header, differences, color),
    );
  }
  return tables.join('\n');
}

/** The default columns, and the client retries where a workload retries. */
function defaultMetrics(summary: readonly SummaryRow[]): readonly string[] {
  return summary.some((row) => row.metrics[CLIENT_RETRIES_METRIC] !== undefined)
    ? [...DEFAULT_COMPARISON_METRICS, CLIENT_RETRIES_METRIC]
    : DEFAULT_COMPARISON_METRICS;
}

/**
 * After the default table, one per optional group of headline metrics the runs have (queues,
 * rollouts, autoscalers, a steady state, pipelines: optional-headlines.ts).
 */
function optionalTables(summary: readonly SummaryRow[]): (readonly string[])[] {
  return OPTIONAL_HEADLINES.map((group) => group.compared).filter(
    (compared) =>
      compared.length > 0 && summary.some((row) => row.metrics[compared[0]!] !== undefined),
  );
}

function headerCells(paramNames: readonly string[], metrics: readonly string[]): TableCell[] {
  return [
    { text: 'variant', alignRight: false, best: false },
    ...paramNames.map((text) => ({ text, alignRight: false, best: false })),
    { text: 'n', alignRight: true, best: false },
    // Room for the best mark, so that names line up with the numbers below them.
    ...metrics.map((text) => ({ text: text + NO_MARK, alignRight: true, best: false })),
  ];
}

function keyCells(row: SummaryRow, paramNames: readonly string[]): TableCell[] {
  return [
    { text: row.variant, alignRight: false, best: false },
    ...paramNames.map((name) => ({
      text: formatCell(row.params[name]),
      alignRight: false,
      best: false,
    })),
    { text: String(row.replications), alignRight: true, best: false },
  ];
}

function estimateGroup(
  rows: readonly SummaryRow[],
  paramNames: readonly string[],
  metrics: readonly string[],
): TableGroup {
  const best = metrics.map((metric) => bestVariant(rows, metric));
  const cells = rows.map((row) => [
    ...keyCells(row, paramNames),
    ...metrics.map((metric, i) => {
      const isBest = best[i] === row;
      const text = formatEstimate(row.metrics[metric], row.replications, thinMark(row, metric));
      return { text: text + (isBest ? BEST_MARK : NO_MARK), alignRight: true, best: isBest };
    }),
  ]);
  const undecided = metrics.filter(
    (metric, i) =>
      rows.filter((row) => row.metrics[metric]?.mean != null).length > 1 &&
      METRIC_DIRECTIONS[metric] !== undefined &&
      !best[i],
  );
  const n = Math.min(...rows.map((row) => row.replications));
  const note =
    undecided.length > 0
      ? `  no variant is better than every other at n=${n} (paired 95% CI) on ${undecided.join(', ')}`
      : undefined;
  return { rows: cells, note };
}

function differenceGroup(
  rows: readonly SummaryRow[],
  paramNames: readonly string[],
  metrics: readonly string[],
): TableGroup {
  const compared = rows.filter((row) => row.variant !== row.baseline);
  const cells = compared.map((row) => [
    ...keyCells(row, paramNames),
    ...metrics.map((metric) => ({
      text: formatEstimate(row.differences[metric], row.replications) + NO_MARK,
      alignRight: true,
      best: false,
    })),
  ]);
  return { rows: cells, note: undefined };
}

/**
 * The variant better than every other on this metric: its paired difference from each one
 * has a 95% interval wholly on the better side of 0 (and, for a latency, its availability
 * is not clearly lower than theirs). None when the metric is neutral, when there is one
 * variant, or when the replications cannot tell (too few, or too noisy).
 */
export function bestVariant(rows: readonly SummaryRow[], metric: string): SummaryRow | undefined {
  const direction = METRIC_DIRECTIONS[metric];
  // A variant with no value (no successful request has no latency) can neither win nor be
  // beaten on this metric: the others are compared among themselves.
  const contenders = rows.filter((row) => row.metrics[metric]?.mean != null);
  if (direction === undefined || contenders.length < 2) return undefined;
  const latency = LATENCY_COLUMNS.includes(metric);
  return contenders.find((candidate) =>
    contenders.every((other) => {
      if (other === candidate) return true;
      const differences = pairedDifferences(candidate, other);
      // A variant that answers fewer requests is not faster: shedding load as quick 503s
      // shortens every latency figure. Its latency wins nothing while its availability is
      // clearly lower.
      if (latency && clearlyBetter(negated(differences.availability), 'higher')) return false;
      return clearlyBetter(differences[metric], direction);
    }),
  );
}

/** The difference the other way round: other − candidate. */
function negated(difference: MetricSummary | undefined): MetricSummary | undefined {
  return difference?.mean == null ? difference : { ...difference, mean: -difference.mean };
}

function clearlyBetter(difference: MetricSummary | undefined, direction: Direction): boolean {
  if (difference?.mean == null || difference.ci95 === null) return false;
  return direction === 'lower'
    ? difference.mean + difference.ci95 < 0
    : difference.mean - difference.ci95 > 0;
}

/**
 * The mean with as many decimals as the interval's half-width rounded to 2 significant
 * digits: digits beyond the interval's precision are noise. Without an interval, 6
 * significant digits. "–" when no replication had a value, and "(k of n)" when only some did.
 */
export function formatEstimate(
  summary: MetricSummary | undefined,
  replications?: number,
  mark = '',
): string {
  if (summary === undefined) return '';
  const { mean, ci95 } = summary;
  if (mean === null) return NO_VALUE;
  const partial =
    mark +
    (replications !== undefined && summary.n < replications
      ? ` (${summary.n} of ${replications})`
      : '');
  if (ci95 === null || !Number.isFinite(ci95) || !Number.isFinite(mean))
    return formatCell(Number.isFinite(mean) ? Number(mean.toPrecision(6)) : mean) + partial;
  // No spread at all (a constant difference between paired runs): say so, do not drop it.
  if (ci95 === 0) return `${Number(mean.toPrecision(6))} ± 0${partial}`;
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(ci95))));
  return `${mean.toFixed(decimals)} ± ${ci95.toFixed(decimals)}${partial}`;
}

/** "~" when a replication's quantile rests on too few samples (quantile-support.ts). */
function thinMark(row: SummaryRow, metric: string): string {
  for (const metrics of row.runs.values()) {
    const quantile = quantileSamples(metrics, metric);
    if (quantile !== undefined && !quantileSupported(quantile.samples, quantile.percentile))
      return THIN_MARK;
  }
  return '';
}

function baselineNames(groups: readonly (readonly SummaryRow[])[]): string {
  const names = [...new Set(groups.map((rows) => rows[0]!.baseline ?? rows[0]!.variant))];
  return names.join(', ');
}

function render(header: TableCell[], groups: TableGroup[], color: boolean): string {
  const allRows = [header, ...groups.flatMap((group) => group.rows)];
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
  const body = groups.map((group) =>
    [...group.rows.map((row) => line(row, bodyStyle)), ...(group.note ? [group.note] : [])].join(
      '\n',
    ),
  );
  return [headerLine, rule, ...(body.length > 0 ? [body.join('\n\n')] : [])].join('\n') + '\n';
}

function legend(summary: readonly SummaryRow[], metrics: readonly string[]): string {
  const lower = metrics.filter((metric) => METRIC_DIRECTIONS[metric] === 'lower');
  const higher = metrics.filter((metric) => METRIC_DIRECTIONS[metric] === 'higher');
  const directions = [
    lower.length > 0 ? `lower is better for ${lower.join(', ')}` : '',
    higher.length > 0 ? `higher for ${higher.join(', ')}` : '',
  ].filter((text) => text !== '');
  const lines = [
    'mean ± 95% CI half-width over n replications; * better than every other variant at its ' +
      'grid point (paired 95% CI excludes 0; on latency, only with availability not clearly lower)' +
      (directions.length > 0 ? `; ${directions.join('; ')}` : ''),
  ];
  if (summary.some((row) => metrics.some((metric) => thinMark(row, metric) !== '')))
    lines.push(
      `${THIN_MARK} a quantile from too few samples in some run (fewer than 10 beyond it): read it as a rough figure`,
    );
  if (summary.some((row) => metrics.some((metric) => row.metrics[metric]?.mean === null)))
    lines.push(`${NO_VALUE} no value: no replication had a sample (e.g. no successful request)`);
  if (summary.some((row) => row.replications === 1))
    lines.push('one replication gives no confidence interval: add replications to compare');
  return `\n${lines.join('\n')}\n`;
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
