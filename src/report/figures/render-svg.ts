// Draws a chart on the server side: d3 over linkedom's DOM, no browser. The same chart
// functions draw in a page; here the SVG element is serialised to text.
import { parseHTML } from 'linkedom';
import type { Chart, ChartOptions } from '../../charts/index.js';

/** The chart drawn with `data`, as SVG markup (no XML declaration). */
export function renderSvg<D>(chart: Chart<D>, data: D, options: ChartOptions): string {
  const { document } = parseHTML('<!doctype html><html><body><div id="chart"></div></body></html>');
  const container = document.getElementById('chart') as unknown as Element;
  chart.draw(container, data, options);
  return container.innerHTML;
}
