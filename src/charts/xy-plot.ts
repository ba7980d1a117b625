/// <reference lib="dom" />
// The drawing shared by the line charts: axes with units, one line per series (with its
// dash and markers), a confidence band where a series has one, vertical marks, a legend.
import {
  area,
  axisBottom,
  axisLeft,
  axisRight,
  format,
  line,
  type ScaleContinuousNumeric,
  scaleLinear,
  scaleLog,
} from 'd3';
import {
  drawLegend,
  drawMarker,
  drawNote,
  drawTitle,
  finishSvg,
  type Group,
  newSvg,
  round,
  roundPath,
  textWidth,
} from './chart-frame.js';
import { type ChartOptions, seriesStyle } from './chart-style.js';

export interface XYPoint {
  x: number;
  y: number;
  /** the 95% confidence interval's ends, when the point is a mean over replications */
  low?: number;
  high?: number;
}

export interface XYSeries {
  name: string;
  points: readonly XYPoint[];
  /** which y axis: the left (default) or the right one */
  axis?: 'left' | 'right';
}

export interface XYPlot {
  /** the question the chart answers */
  title: string;
  /** axis labels, each with its unit */
  xLabel: string;
  yLabel: string;
  /** the right axis' label, when some series use it */
  y2Label?: string;
  xScale?: 'linear' | 'log';
  yScale?: 'linear' | 'log';
  series: readonly XYSeries[];
  /** a marker on every point ('all'), or about a dozen per line ('sparse', long time series) */
  markers?: 'all' | 'sparse';
  /** vertical lines across the plot, each with a label (a crossover, a rollout's start) */
  verticalMarks?: readonly { x: number; label: string }[];
  /** a line of text under the legend: the finding, written from the numbers */
  takeaway?: string;
  /** the y axis starts at 0 (counts, fractions) */
  yFromZero?: boolean;
}

const NUMBER = format('.4~g');

/** Draws `plot` into a new SVG element in `container`. */
export function drawXYPlot(
  container: Element,
  id: string,
  plot: XYPlot,
  options: ChartOptions,
): void {
  const fs = options.fontSize;
  const svg = newSvg(container, id, options);
  const top = drawTitle(svg, plot.title, options);
  const usable = plot.series.map((s) => ({ ...s, points: s.points.filter(drawable(plot)) }));
  const left = usable.filter((s) => s.axis !== 'right');
  const right = usable.filter((s) => s.axis === 'right');

  const x = scaleOf(plot.xScale, extent(usable.flatMap((s) => s.points.map((p) => p.x))));
  const y = scaleOf(plot.yScale, yExtent(left, plot));
  const y2 = right.length > 0 ? scaleOf(plot.yScale, yExtent(right, plot)) : undefined;
  const yTicks = ticksOf(y, 5);
  const marginLeft = fs * 1.6 + Math.max(...yTicks.map((t) => textWidth(t, fs)), fs) + 6;
  const marginRight =
    y2 === undefined ? fs : fs * 1.6 + Math.max(...ticksOf(y2, 5).map((t) => textWidth(t, fs))) + 6;
  const plotWidth = Math.max(60, options.width - marginLeft - marginRight);
  const plotHeight = Math.max(60, options.height - top - fs * 3.4);
  x.range([0, plotWidth]);
  y.range([plotHeight, 0]);
  y2?.range([plotHeight, 0]);

  const g = svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${round(marginLeft)},${round(top)})`) as unknown as Group;
  drawAxes(g, plot, { x, y, y2 }, { plotWidth, plotHeight, marginLeft, marginRight }, options);
  (plot.verticalMarks ?? []).forEach((mark, i) => {
    const at = round(x(mark.x));
    const m = g.append('g').attr('class', 'vertical-mark');
    m.append('line')
      .attr('x1', at)
      .attr('x2', at)
      .attr('y1', 0)
      .attr('y2', plotHeight)
      .attr('stroke', '#444')
      .attr('stroke-dasharray', '3,2');
    m.append('text')
      .attr('x', at + 2)
      // Staggered, so marks close together keep readable labels.
      .attr('y', round(fs * (1 + 1.1 * i)))
      .attr('font-size', round(fs * 0.9))
      .text(mark.label);
  });
  usable.forEach((series, index) => {
    drawSeries(g, series, index, x, series.axis === 'right' && y2 ? y2 : y, plot, fs);
  });
  let bottom = top + plotHeight + fs * 3.2;
  bottom += drawLegend(
    svg,
    usable.map((s, i) => ({ name: s.name, style: i })),
    bottom,
    options,
  );
  if (plot.takeaway !== undefined) {
    bottom += drawNote(svg, 'takeaway', plot.takeaway, bottom, options);
  }
  finishSvg(svg, options.width, bottom + 2);
}

type Scale = ScaleContinuousNumeric<number, number>;

function scaleOf(kind: 'linear' | 'log' | undefined, [low, high]: [number, number]): Scale {
  if (kind === 'log') {
    const lo = low > 0 ? low : 1;
    return scaleLog()
      .domain([lo, high > lo ? high : lo * 10])
      .nice();
  }
  // One value only (all 100% available, no cold start): from 0 to it, or 0 to 1.
  const domain = low === high ? [Math.min(0, low), Math.max(0, high) || 1] : [low, high];
  return scaleLinear().domain(domain).nice();
}

function ticksOf(scale: Scale, count: number): string[] {
  const formatTick = scale.tickFormat(count, ',~r');
  return scale.ticks(count).map((t) => formatTick(t));
}

function drawable(plot: XYPlot): (p: XYPoint) => boolean {
  return (p) =>
    Number.isFinite(p.x) &&
    Number.isFinite(p.y) &&
    (plot.xScale !== 'log' || p.x > 0) &&
    (plot.yScale !== 'log' || p.y > 0);
}

function extent(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  return [Math.min(...values), Math.max(...values)];
}

function yExtent(series: readonly XYSeries[], plot: XYPlot): [number, number] {
  const values = series.flatMap((s) =>
    s.points.flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]).filter(Number.isFinite),
  );
  const [low, high] = extent(values);
  return plot.yFromZero === true && plot.yScale !== 'log' ? [Math.min(0, low), high] : [low, high];
}

interface Scales {
  x: Scale;
  y: Scale;
  y2: Scale | undefined;
}

interface Layout {
  plotWidth: number;
  plotHeight: number;
  marginLeft: number;
  marginRight: number;
}

function drawAxes(g: Group, plot: XYPlot, scales: Scales, layout: Layout, options: ChartOptions) {
  const fs = options.fontSize;
  const xTicks = Math.max(2, Math.floor(layout.plotWidth / (fs * 5)));
  const xAxis = g
    .append('g')
    .attr('class', 'axis x-axis')
    .attr('transform', `translate(0,${round(layout.plotHeight)})`);
  xAxis.call(axisBottom(scales.x).ticks(xTicks, ',~r'));
  xAxis
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', round(layout.plotWidth / 2))
    .attr('y', round(fs * 2.6))
    .attr('fill', 'black')
    .attr('text-anchor', 'middle')
    .text(plot.xLabel);
  const yAxis = g.append('g').attr('class', 'axis y-axis');
  yAxis.call(axisLeft(scales.y).ticks(5, ',~r'));
  yAxis
    .append('text')
    .attr('class', 'axis-label')
    .attr('transform', 'rotate(-90)')
    .attr('x', round(-layout.plotHeight / 2))
    .attr('y', round(-(layout.marginLeft - fs * 0.9)))
    .attr('fill', 'black')
    .attr('text-anchor', 'middle')
    .text(plot.yLabel);
  if (scales.y2 !== undefined) {
    const y2Axis = g
      .append('g')
      .attr('class', 'axis y2-axis')
      .attr('transform', `translate(${round(layout.plotWidth)},0)`);
    y2Axis.call(axisRight(scales.y2).ticks(5, ',~r'));
    y2Axis
      .append('text')
      .attr('class', 'axis-label')
      .attr('transform', 'rotate(90)')
      .attr('x', round(layout.plotHeight / 2))
      .attr('y', round(-(layout.marginRight - fs * 0.9)))
      .attr('fill', 'black')
      .attr('text-anchor', 'middle')
      .text(plot.y2Label ?? '');
  }
  // d3-axis sets font-size 10 and sans-serif on each axis; the chart's own size wins.
  g.selectAll('.axis')
    .attr('font-size', round(fs * 0.9))
    .attr('font-family', null);
}

function drawSeries(
  g: Group,
  series: XYSeries,
  index: number,
  x: Scale,
  y: Scale,
  plot: XYPlot,
  fs: number,
): void {
  const style = seriesStyle(index);
  const group = g.append('g').attr('class', 'series').attr('data-series', String(index));
  const banded = series.points.filter((p) => p.low !== undefined && p.high !== undefined);
  if (banded.length > 1) {
    const band = area<XYPoint>()
      .x((p) => x(p.x))
      .y0((p) => y(p.low!))
      .y1((p) => y(p.high!));
    group
      .append('path')
      .attr('class', 'band')
      .attr('d', roundPath(band(banded) ?? ''))
      .attr('fill', style.color)
      .attr('fill-opacity', 0.15)
      .attr('stroke', 'none');
  }
  const path = line<XYPoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  group
    .append('path')
    .attr('class', 'line')
    .attr('d', roundPath(path(series.points) ?? ''))
    .attr('fill', 'none')
    .attr('stroke', style.color)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', style.dash === '' ? null : style.dash);
  const every = plot.markers === 'sparse' ? Math.max(1, Math.ceil(series.points.length / 12)) : 1;
  series.points.forEach((p, i) => {
    if (i % every !== 0) return;
    const marker = drawMarker(group, index, x(p.x), y(p.y), fs);
    const interval =
      p.low !== undefined && p.high !== undefined
        ? ` (95% CI ${NUMBER(p.low)} to ${NUMBER(p.high)})`
        : '';
    marker
      .append('title')
      .text(`${series.name}: ${plot.xLabel} ${NUMBER(p.x)}, ${NUMBER(p.y)}${interval}`);
  });
}
