// Draws a chart over linkedom, as `msasim plot` does, and returns its SVG as a DOM to count
// marks in.
import { parseHTML } from 'linkedom';
import type { Chart } from '../../src/charts/index.js';
import { PAPER_FIGURE } from '../../src/charts/index.js';
import { renderSvg } from '../../src/report/figures/render-svg.js';

export interface Drawn {
  markup: string;
  count(selector: string): number;
  texts(selector: string): string[];
}

export function draw<D>(chart: Chart<D>, data: D): Drawn {
  const markup = renderSvg(chart, data, PAPER_FIGURE);
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  return {
    markup,
    count: (selector) => document.querySelectorAll(selector).length,
    texts: (selector) =>
      Array.from(document.querySelectorAll(selector)).map(
        (e) => (e as { textContent: string }).textContent,
      ),
  };
}

/** An output folder's files from CSV lines. */
export function filesOf(files: Record<string, string[]>): Map<string, string> {
  return new Map(Object.entries(files).map(([name, lines]) => [name, `${lines.join('\n')}\n`]));
}
