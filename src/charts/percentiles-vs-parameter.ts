/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import {
  gridColumns,
  groupBy,
  numberOf,
  type OutputFiles,
  pointLabel,
  type Row,
  sweptAxis,
  sweptAxisLabel,
  table,
} from './output-files.js';
import { drawXYPlot, type XYPoint, type XYSeries } from './xy-plot.js';

/**
 * Latency percentiles (p50 and p99, means over the replications with their 95% intervals)
 * against the first swept grid path, one line per variant and percentile.
 */
export interface PercentilesData {
  axis: string;
  log: boolean;
  unit: string;
  series: { name: string; points: XYPoint[] }[];
}

const PERCENTILES = [
  { column: 'latency_p50_ms', name: 'p50' },
  { column: 'latency_p99_ms', name: 'p99' },
] as const;

/** A summary metric's mean and its 95% interval at one grid value. */
export function meanPoint(row: Row, metric: string, x: number): XYPoint | undefined {
  const y = numberOf(row[`${metric}_mean`]);
  if (y === undefined) return undefined;
  const ci = numberOf(row[`${metric}_ci95`]);
  return ci === undefined ? { x, y } : { x, y, low: y - ci, high: y + ci };
}

/** summary.csv's rows by line (variant and the other grid paths), each with its x. */
export function sweptLines(
  files: OutputFiles,
  axisPath?: string,
):
  | { axis: string; unit: string; log: boolean; lines: Map<string, { x: number; row: Row }[]> }
  | undefined {
  const summary = table(files, 'summary.csv');
  if (summary === undefined) return undefined;
  const grid = gridColumns(summary.columns);
  const axis = axisPath ?? grid[0];
  if (axis === undefined || !grid.includes(axis)) return undefined;
  const others = grid.filter((path) => path !== axis);
  const { unit, xOf } = sweptAxis(summary.rows.map((row) => row[axis]));
  const points = summary.rows.flatMap((row) => {
    const x = xOf(row[axis]);
    return x === undefined ? [] : [{ x, row }];
  });
  const lines = groupBy(points, (p) => pointLabel(p.row, others));
  const distinct = new Set(points.map((p) => p.x));
  return distinct.size > 1 ? { axis, unit, log: spansDecades([...distinct]), lines } : undefined;
}

/** A grid over more than two decades (0.1/s to 2000/s) reads on a log axis, else linear. */
export function spansDecades(values: readonly number[]): boolean {
  const low = Math.min(...values);
  return low > 0 && Math.max(...values) / low > 100;
}

export function percentilesData(files: OutputFiles): PercentilesData[] {
  const swept = sweptLines(files);
  if (swept === undefined) return [];
  const series = [...swept.lines].slice(0, 3).flatMap(([line, points]) =>
    PERCENTILES.map(({ column, name }) => ({
      name: `${line} ${name}`,
      points: points.flatMap((p) => meanPoint(p.row, column, p.x) ?? []),
    })),
  );
  return series.some((s) => s.points.length > 0)
    ? [{ axis: swept.axis, log: swept.log, unit: swept.unit, series }]
    : [];
}

export function drawPercentiles(
  container: Element,
  data: PercentilesData,
  options: ChartOptions,
): void {
  const series: XYSeries[] = data.series;
  drawXYPlot(
    container,
    'percentiles',
    {
      title: `How does latency grow with ${data.axis}? p50 and p99 per variant`,
      xLabel: sweptAxisLabel(data.axis, data.unit) + (data.log ? ', log scale' : ''),
      xScale: data.log ? 'log' : 'linear',
      yLabel: 'latency (ms)',
      series,
      markers: 'all',
      yFromZero: true,
      takeaway: 'Means over the replications; bands: 95% confidence intervals.',
    },
    options,
  );
}

export const percentilesChart: Chart<PercentilesData> = {
  id: 'percentiles',
  reads: ['summary.csv'],
  figures: percentilesData,
  draw: drawPercentiles,
};
