/// <reference lib="dom" />
// Charts draw into a DOM element: a browser's, or linkedom's in Node (no text measuring
// there, so widths of text are estimated from the number of characters).
import {
  type Selection,
  select,
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
} from 'd3';
import { type ChartOptions, FONT_FAMILY, seriesStyle } from './chart-style.js';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = Selection<SVGGElement, unknown, null, undefined>;

/** An average glyph of Helvetica is about 0.55 em wide; enough to wrap and to leave room. */
const GLYPH_EM = 0.55;

export function textWidth(text: string, fontSize: number): number {
  return text.length * GLYPH_EM * fontSize;
}

/** Splits text into lines no wider than `width`, at spaces. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const perLine = Math.max(10, Math.floor(width / (GLYPH_EM * fontSize)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * A new SVG element in `container`, its size set later by `finishSvg`. Every text goes
 * in with .text() (escaped by the DOM), never .html(): names come from the user's scenario.
 */
export function newSvg(container: Element, id: string, options: ChartOptions): Svg {
  const svg = select(container)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', 'msasim-chart')
    .attr('data-chart', id)
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', options.fontSize) as unknown as Svg;
  return svg;
}

export function finishSvg(svg: Svg, width: number, height: number): void {
  const w = round(width);
  const h = round(height);
  svg.attr('width', w).attr('height', h).attr('viewBox', `0 0 ${w} ${h}`);
  // d3-axis places ticks at full float precision; two decimals are plenty and read better.
  svg.selectAll<Element, unknown>('*').each(function () {
    for (const name of ROUNDED_ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) this.setAttribute(name, roundPath(value));
    }
  });
  // A white ground, first child, so that a figure pasted on a dark page stays readable.
  svg.insert('rect', ':first-child').attr('width', w).attr('height', h).attr('fill', 'white');
}

/** Draws the title (the question the chart answers), wrapped; returns the height used. */
export function drawTitle(svg: Svg, title: string, options: ChartOptions): number {
  const size = options.fontSize * 1.1;
  const lines = wrapText(title, options.width - 8, size);
  const text = svg
    .append('text')
    .attr('class', 'chart-title')
    .attr('x', 4)
    .attr('y', size * 1.1)
    .attr('font-size', round(size))
    .attr('font-weight', 'bold');
  lines.forEach((line, i) => {
    text
      .append('tspan')
      .attr('x', 4)
      .attr('dy', i === 0 ? 0 : round(size * 1.2))
      .text(line);
  });
  return lines.length * size * 1.2 + size * 0.6;
}

/** Wrapped lines of plain text (a note or a takeaway) from y; returns the height used. */
export function drawNote(
  svg: Svg,
  className: string,
  note: string,
  y: number,
  options: ChartOptions,
): number {
  const lines = wrapText(note, options.width - 8, options.fontSize);
  const text = svg.append('text').attr('class', className).attr('x', 4).attr('y', round(y));
  lines.forEach((line, i) => {
    text
      .append('tspan')
      .attr('x', 4)
      .attr('dy', i === 0 ? round(options.fontSize) : round(options.fontSize * 1.2))
      .text(line);
  });
  return lines.length * options.fontSize * 1.2 + options.fontSize * 0.4;
}

export interface LegendEntry {
  name: string;
  /** the series' style index */
  style: number;
  /** draw a filled swatch (bars, areas) instead of a line with its marker */
  swatch?: boolean;
}

/**
 * The legend, in rows under the plot: a line with the series' dash and marker (or a
 * swatch), then its name. Each entry carries data-series so the report can toggle it.
 * Returns the height used.
 */
export function drawLegend(
  svg: Svg,
  entries: readonly LegendEntry[],
  y: number,
  options: ChartOptions,
): number {
  const fs = options.fontSize;
  const legend = svg.append('g').attr('class', 'legend');
  let x = 4;
  let row = 0;
  for (const entry of entries) {
    const width = 26 + textWidth(entry.name, fs) + 10;
    if (x > 4 && x + width > options.width) {
      x = 4;
      row += 1;
    }
    const style = seriesStyle(entry.style);
    const g = legend
      .append('g')
      .attr('class', 'legend-entry')
      .attr('data-series', String(entry.style))
      .attr('transform', `translate(${round(x)},${round(y + row * fs * 1.4)})`);
    if (entry.swatch === true) {
      g.append('rect')
        .attr('x', 4)
        .attr('y', round(fs * 0.15))
        .attr('width', 14)
        .attr('height', round(fs * 0.8))
        .attr('fill', style.fill)
        .attr('stroke', 'black')
        .attr('stroke-width', 0.5);
    } else {
      g.append('line')
        .attr('x1', 0)
        .attr('x2', 22)
        .attr('y1', round(fs * 0.55))
        .attr('y2', round(fs * 0.55))
        .attr('stroke', style.color)
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', style.dash === '' ? null : style.dash);
      drawMarker(g, entry.style, 11, fs * 0.55, fs);
    }
    g.append('text')
      .attr('x', 26)
      .attr('y', round(fs * 0.9))
      .text(entry.name);
    x += width;
  }
  return (row + 1) * fs * 1.4 + fs * 0.3;
}

/** A series' marker centred on (x, y); returns it for a tooltip. */
export function drawMarker(
  parent: Group,
  styleIndex: number,
  x: number,
  y: number,
  fontSize: number,
): Selection<SVGPathElement, unknown, null, undefined> {
  const style = seriesStyle(styleIndex);
  return parent
    .append('path')
    .attr('class', 'marker')
    .attr('d', markerPath(style.marker, fontSize * fontSize * 0.35))
    .attr('transform', `translate(${round(x)},${round(y)})`)
    .attr('fill', style.color)
    .attr('stroke', 'white')
    .attr('stroke-width', 0.5);
}

const SYMBOLS = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
  star: symbolStar,
  wye: symbolWye,
} as const;

function markerPath(name: keyof typeof SYMBOLS, area: number): string {
  return roundPath(symbol(SYMBOLS[name], area)() ?? '');
}

const ROUNDED_ATTRIBUTES = [
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'dy',
  'd',
  'transform',
  'width',
  'height',
];

/** Coordinates rounded to 2 decimals: smaller files, and bytes that do not hang on float noise. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function roundPath(path: string): string {
  return path.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(round(Number(n))));
}
