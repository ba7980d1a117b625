/// <reference lib="dom" />
import { format } from 'd3';
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import {
  gridColumns,
  groupBy,
  numberOf,
  type OutputFiles,
  pointLabel,
  sweptAxis,
  sweptAxisLabel,
  table,
} from './output-files.js';
import { meanPoint, sweptLines } from './percentiles-vs-parameter.js';
import { drawXYPlot, type XYPoint } from './xy-plot.js';

/**
 * Cost against load with the crossover marked: the sweep's `crossovers` axis and its first
 * cost metric (crossovers.csv), one line per variant (summary.csv's means and 95%
 * intervals), and a vertical mark where a variant's curve crosses the baseline's.
 */
export interface CostVsLoadData {
  axis: string;
  unit: string;
  metric: string;
  logX: boolean;
  logY: boolean;
  lines: { name: string; points: XYPoint[] }[];
  crossings: { at: number; label: string }[];
}

const VALUE = format('.3~g');

export function costVsLoadData(files: OutputFiles): CostVsLoadData[] {
  const crossovers = table(files, 'crossovers.csv');
  const summary = table(files, 'summary.csv');
  if (crossovers === undefined || summary === undefined) return [];
  const costRows = crossovers.rows.filter((r) => (r.metric ?? '').startsWith('cost'));
  const first = costRows[0];
  if (first === undefined) return [];
  const metric = first.metric!;
  const axis = first.axis!;
  const swept = sweptLines(files, axis);
  if (swept === undefined) return [];
  const baseline = summary.rows[0]?.baseline;
  const inSummary = summary.columns.includes(`${metric}_mean`);
  const allocated = inSummary ? undefined : allocatedCostLines(files, axis);
  if (!inSummary && allocated === undefined) return [];
  const lines = [...swept.lines].slice(0, 7).map(([name, points]) => ({
    name,
    points: inSummary
      ? points.flatMap((p) => meanPoint(p.row, metric, p.x) ?? [])
      : (allocated?.get(name) ?? []),
  }));
  const crossings = costRows
    .filter((r) => r.metric === metric && (r.variant_a === baseline || r.variant_b === baseline))
    .flatMap((r) => {
      const at = numberOf(r.at);
      if (at === undefined) return [];
      return [{ at, label: `${r.variant_a} = ${r.variant_b} at ${VALUE(at)}` }];
    })
    .slice(0, 4);
  return [
    {
      axis,
      unit: swept.unit || (first.axis_unit ?? ''),
      metric,
      logX: first.scale === 'log',
      logY: first.metric_scale === 'log',
      lines,
      crossings,
    },
  ];
}

/**
 * cost_allocated_usd_per_million is no column of summary.csv (only crossovers compare it):
 * it is computed here from cost.csv as src/report/crossover-metrics.ts computes it (the
 * bytes across zones, the nodes' bills allocated to the workload, the functions' and
 * tasks' lines; per million requests_total of runs.csv), then averaged over replications.
 */
export function allocatedCostLines(
  files: OutputFiles,
  axis: string,
): Map<string, XYPoint[]> | undefined {
  const cost = table(files, 'cost.csv');
  const runs = table(files, 'runs.csv');
  if (cost === undefined || runs === undefined) return undefined;
  const others = gridColumns(runs.columns).filter((path) => path !== axis);
  const usdByRun = new Map<string, number>();
  const add = (runId: string, usd: number) => usdByRun.set(runId, (usdByRun.get(runId) ?? 0) + usd);
  for (const row of cost.rows) {
    const usd = numberOf(row.cost_usd) ?? 0;
    const item = row.item ?? '';
    const workload =
      row.ledger === 'allocation'
        ? item.startsWith('allocation-')
        : item !== 'node' && item !== 'control-plane';
    if (workload) add(row.run_id ?? '', usd);
  }
  const { xOf } = sweptAxis(runs.rows.map((r) => r[axis]));
  const perPoint = groupBy(runs.rows, (r) => `${pointLabel(r, others)}\u0000${r[axis]}`);
  const lines = new Map<string, XYPoint[]>();
  for (const rows of perPoint.values()) {
    const first = rows[0]!;
    const x = xOf(first[axis]);
    const values = rows.flatMap((r) => {
      const requests = numberOf(r.requests_total);
      const usd = usdByRun.get(r.run_id ?? '');
      return requests === undefined || requests === 0 || usd === undefined
        ? []
        : [(usd / requests) * 1e6];
    });
    if (x === undefined || values.length === 0) continue;
    const name = pointLabel(first, others);
    const y = values.reduce((a, b) => a + b, 0) / values.length;
    lines.set(name, [...(lines.get(name) ?? []), { x, y }]);
  }
  return lines;
}

export function drawCostVsLoad(
  container: Element,
  data: CostVsLoadData,
  options: ChartOptions,
): void {
  drawXYPlot(
    container,
    'cost-vs-load',
    {
      title: `Where does one option get cheaper than another? ${data.metric} against ${data.axis}`,
      xLabel: sweptAxisLabel(data.axis, data.unit) + (data.logX ? ', log scale' : ''),
      yLabel: `${data.metric} (USD)` + (data.logY ? ', log' : ''),
      xScale: data.logX ? 'log' : 'linear',
      yScale: data.logY ? 'log' : 'linear',
      series: data.lines,
      markers: 'all',
      verticalMarks: data.crossings.map((c) => ({ x: c.at, label: c.label })),
      takeaway:
        data.crossings.length === 0
          ? 'No curve crosses the baseline within the grid (crossovers.csv).'
          : `Crossings with the baseline (crossovers.csv): ${data.crossings.map((c) => c.label).join('; ')}.`,
    },
    options,
  );
}

export const costVsLoadChart: Chart<CostVsLoadData> = {
  id: 'cost-vs-load',
  reads: ['crossovers.csv', 'summary.csv'],
  figures: costVsLoadData,
  draw: drawCostVsLoad,
};
