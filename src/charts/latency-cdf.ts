/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import {
  atFirstGridPoint,
  firstGridPointText,
  numberOf,
  type OutputFiles,
  table,
} from './output-files.js';
import { drawXYPlot, type XYSeries } from './xy-plot.js';

/**
 * Latency CDF per variant, from the quantiles msasim writes (summary.csv's means over the
 * replications of p50, p90, p99, p99.9 and the maximum): the points of the CDF that the
 * outputs hold, joined by straight lines. No output holds the whole distribution; between
 * the points the line is an interpolation, not data.
 */
export interface LatencyCdfData {
  /** " at rate=300/s": the grid point drawn, or '' */
  at: string;
  variants: { name: string; quantiles: { fraction: number; latencyMs: number }[] }[];
}

export const CDF_QUANTILES = [
  { column: 'latency_p50_ms', fraction: 0.5 },
  { column: 'latency_p90_ms', fraction: 0.9 },
  { column: 'latency_p99_ms', fraction: 0.99 },
  { column: 'latency_p999_ms', fraction: 0.999 },
  { column: 'latency_max_ms', fraction: 1 },
] as const;

/** At most this many lines: more could not be told apart. */
const MAX_LINES = 7;

export function latencyCdfData(files: OutputFiles): LatencyCdfData[] {
  const summary = table(files, 'summary.csv');
  if (summary === undefined) return [];
  const variants = atFirstGridPoint(summary)
    .slice(0, MAX_LINES)
    .map((row) => ({
      name: row.variant ?? '',
      quantiles: CDF_QUANTILES.flatMap(({ column, fraction }) => {
        const latencyMs = numberOf(row[`${column}_mean`]);
        return latencyMs === undefined ? [] : [{ fraction, latencyMs }];
      }),
    }));
  return variants.some((v) => v.quantiles.length > 0)
    ? [{ at: firstGridPointText(summary), variants }]
    : [];
}

export function drawLatencyCdf(
  container: Element,
  data: LatencyCdfData,
  options: ChartOptions,
): void {
  const series: XYSeries[] = data.variants.map((v) => ({
    name: v.name,
    points: v.quantiles.map((q) => ({ x: q.latencyMs, y: q.fraction })),
  }));
  drawXYPlot(
    container,
    'latency-cdf',
    {
      title: `How long do successful requests take? Latency CDF per variant${data.at}`,
      xLabel: 'end-to-end latency (ms, log scale)',
      yLabel: 'fraction of requests at or below',
      xScale: 'log',
      series,
      markers: 'all',
      takeaway: 'Points: p50, p90, p99, p99.9 and max, means over the replications.',
    },
    options,
  );
}

export const latencyCdfChart: Chart<LatencyCdfData> = {
  id: 'latency-cdf',
  reads: ['summary.csv'],
  figures: latencyCdfData,
  draw: drawLatencyCdf,
};
