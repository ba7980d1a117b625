// `msasim plot`: every figure the report would draw, as one SVG file each, drawn over
// linkedom. Deterministic: the same folder gives the same names and bytes.
import { CHARTS, PAPER_FIGURE } from '../../charts/index.js';
import type { OutputFolder } from './output-folder.js';
import { renderSvg } from './render-svg.js';

/** File name → SVG text, in the report's order. */
export function svgFiles(folder: OutputFolder): Map<string, string> {
  const files = new Map<string, string>();
  for (const chart of CHARTS) {
    const figures = chart.figures(folder.files);
    figures.forEach((data, i) => {
      const name = figures.length === 1 ? `${chart.id}.svg` : `${chart.id}-${i + 1}.svg`;
      files.set(
        name,
        `<?xml version="1.0" encoding="UTF-8"?>\n${renderSvg(chart, data, PAPER_FIGURE)}\n`,
      );
    });
  }
  return files;
}
