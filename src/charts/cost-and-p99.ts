/// <reference lib="dom" />
import { format } from 'd3';
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import { type OutputFiles, sweptAxisLabel } from './output-files.js';
import { meanPoint, sweptLines } from './percentiles-vs-parameter.js';
import { drawXYPlot, type XYPoint } from './xy-plot.js';

/**
 * Cost and p99 against one swept knob (the first grid path), for the baseline (the first
 * line of summary.csv): p99 on the left axis, the measured period's cost on the right, and
 * a one-line takeaway computed from the first and last grid values.
 */
export interface CostAndP99Data {
  axis: string;
  unit: string;
  log: boolean;
  line: string;
  p99: XYPoint[];
  cost: XYPoint[];
}

export function costAndP99Data(files: OutputFiles): CostAndP99Data[] {
  const swept = sweptLines(files);
  if (swept === undefined) return [];
  const first = [...swept.lines][0];
  if (first === undefined) return [];
  const [line, points] = first;
  const p99 = points.flatMap((p) => meanPoint(p.row, 'latency_p99_ms', p.x) ?? []);
  const cost = points.flatMap((p) => meanPoint(p.row, 'cost_usd', p.x) ?? []);
  return p99.length > 1 && cost.length > 1
    ? [{ axis: swept.axis, unit: swept.unit, log: swept.log, line, p99, cost }]
    : [];
}

const PERCENT = format('.0f');
const VALUE = format('~g');

/** "rises 42%" / "falls 42%" / "does not change" from a to b. */
function change(a: number, b: number): string {
  if (a === 0) return b === 0 ? 'does not change' : `goes from 0 to ${VALUE(b)}`;
  const percent = (100 * (b - a)) / Math.abs(a);
  const rounded = PERCENT(Math.abs(percent));
  if (rounded === '0') return 'does not change';
  return `${percent > 0 ? 'rises' : 'falls'} ${rounded}%`;
}

/**
 * The takeaway, from the numbers: how p99 and cost change between the lowest and the
 * highest value of the knob, e.g. "p99 falls 42% from 1 to 4 replicas while cost rises 100%".
 */
export function costAndP99Takeaway(data: CostAndP99Data): string {
  const byX = (points: XYPoint[]) => [...points].sort((a, b) => a.x - b.x);
  const p99 = byX(data.p99);
  const cost = byX(data.cost);
  const p0 = p99[0]!;
  const p1 = p99[p99.length - 1]!;
  const c0 = cost[0]!;
  const c1 = cost[cost.length - 1]!;
  const unit = data.unit === '' ? '' : data.unit.startsWith('/') ? data.unit : ` ${data.unit}`;
  const line = data.line === '' ? '' : `${data.line}: `;
  return (
    `${line}p99 ${change(p0.y, p1.y)} from ${data.axis} ${VALUE(p0.x)}${unit} to ` +
    `${VALUE(p1.x)}${unit} while cost ${change(c0.y, c1.y)}.`
  );
}

export function drawCostAndP99(
  container: Element,
  data: CostAndP99Data,
  options: ChartOptions,
): void {
  drawXYPlot(
    container,
    'cost-and-p99',
    {
      title: `What does a lower p99 cost? p99 and cost against ${data.axis}`,
      xLabel: sweptAxisLabel(data.axis, data.unit) + (data.log ? ', log scale' : ''),
      xScale: data.log ? 'log' : 'linear',
      yLabel: 'p99 latency (ms)',
      y2Label: 'cost of the measured period (USD)',
      series: [
        { name: `p99 (left)`, points: data.p99 },
        { name: `cost (right)`, points: data.cost, axis: 'right' },
      ],
      markers: 'all',
      yFromZero: true,
      takeaway: costAndP99Takeaway(data),
    },
    options,
  );
}

export const costAndP99Chart: Chart<CostAndP99Data> = {
  id: 'cost-and-p99',
  reads: ['summary.csv'],
  figures: costAndP99Data,
  draw: drawCostAndP99,
};
