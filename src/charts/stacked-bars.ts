/// <reference lib="dom" />
// Horizontal stacked bars: one bar per row (a variant), one segment per part (a cost item, a
// phase). Segments follow the legend's order left to right, so a greyscale print still reads.
import { axisBottom, format, scaleBand, scaleLinear } from 'd3';
import {
  drawLegend,
  drawNote,
  drawTitle,
  finishSvg,
  type Group,
  newSvg,
  round,
  textWidth,
} from './chart-frame.js';
import { type ChartOptions, seriesStyle } from './chart-style.js';

export interface StackedBars {
  title: string;
  /** the value axis' label, with its unit */
  xLabel: string;
  /** the segments' names, in order */
  parts: readonly string[];
  /** one bar per row; values[i] is parts[i]'s length (0 or absent: no segment) */
  rows: readonly { name: string; values: readonly (number | undefined)[] }[];
  takeaway?: string;
}

const NUMBER = format('.4~g');

export function drawStackedBars(
  container: Element,
  id: string,
  chart: StackedBars,
  options: ChartOptions,
): void {
  const fs = options.fontSize;
  const svg = newSvg(container, id, options);
  const top = drawTitle(svg, chart.title, options);
  const labelWidth = Math.min(
    options.width * 0.4,
    Math.max(...chart.rows.map((r) => textWidth(r.name, fs * 0.9))) + 6,
  );
  const plotWidth = Math.max(60, options.width - labelWidth - fs * 2);
  const barHeight = Math.max(
    fs * 1.2,
    Math.min(fs * 2.2, (options.height - top - fs * 4) / chart.rows.length),
  );
  const plotHeight = barHeight * chart.rows.length;
  const totals = chart.rows.map((r) => r.values.reduce<number>((sum, v) => sum + (v ?? 0), 0));
  const x = scaleLinear()
    .domain([0, Math.max(...totals, 0) || 1])
    .nice()
    .range([0, plotWidth]);
  const y = scaleBand()
    .domain(chart.rows.map((_r, i) => String(i)))
    .range([0, plotHeight])
    .padding(0.2);
  const g = svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${round(labelWidth)},${round(top)})`) as unknown as Group;
  const axis = g
    .append('g')
    .attr('class', 'axis x-axis')
    .attr('transform', `translate(0,${round(plotHeight)})`);
  axis.call(axisBottom(x).ticks(Math.max(2, Math.floor(plotWidth / (fs * 5))), ',~r'));
  axis
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', round(plotWidth / 2))
    .attr('y', round(fs * 2.6))
    .attr('fill', 'black')
    .attr('text-anchor', 'middle')
    .text(chart.xLabel);
  axis.attr('font-size', round(fs * 0.9)).attr('font-family', null);
  chart.rows.forEach((row, i) => {
    const band = y(String(i)) ?? 0;
    g.append('text')
      .attr('class', 'row-label')
      .attr('x', -4)
      .attr('y', round(band + y.bandwidth() / 2 + fs * 0.35))
      .attr('text-anchor', 'end')
      .attr('font-size', round(fs * 0.9))
      .text(row.name);
    let start = 0;
    row.values.forEach((value, part) => {
      if (value === undefined || value <= 0) return;
      const style = seriesStyle(part);
      g.append('rect')
        .attr('class', 'bar')
        .attr('data-series', String(part))
        .attr('x', round(x(start)))
        .attr('y', round(band))
        .attr('width', round(x(start + value) - x(start)))
        .attr('height', round(y.bandwidth()))
        .attr('fill', style.fill)
        .attr('stroke', 'white')
        .attr('stroke-width', 0.75)
        .append('title')
        .text(`${row.name}: ${chart.parts[part] ?? ''} ${NUMBER(value)}`);
      start += value;
    });
  });
  let bottom = top + plotHeight + fs * 3.2;
  bottom += drawLegend(
    svg,
    chart.parts.map((name, i) => ({ name, style: i, swatch: true })),
    bottom,
    options,
  );
  if (chart.takeaway !== undefined)
    bottom += drawNote(svg, 'takeaway', chart.takeaway, bottom, options);
  finishSvg(svg, options.width, bottom + 2);
}
