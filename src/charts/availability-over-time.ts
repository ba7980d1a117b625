/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import type { OutputFiles } from './output-files.js';
import { type RunWindows, totalWindows } from './total-series.js';
import { drawXYPlot } from './xy-plot.js';

/**
 * Availability per window (timeseries.csv, scope `total`): succeeded / ended requests in
 * the window, as a monitoring system counts them. A window in which no request ended has
 * no availability and no point (absent, never 0 or 100%).
 */
export function drawAvailabilityOverTime(
  container: Element,
  data: RunWindows[],
  options: ChartOptions,
): void {
  drawXYPlot(
    container,
    'availability-over-time',
    {
      title: 'Did the clients keep getting answers? Availability over time',
      xLabel: 'simulated time (s)',
      yLabel: 'availability (%)',
      series: data.map((run) => ({
        name: run.label,
        points: run.windows.flatMap((w) => {
          const ended = w.succeeded + w.failed;
          return ended === 0 ? [] : [{ x: w.startS, y: (100 * w.succeeded) / ended }];
        }),
      })),
      markers: 'sparse',
      takeaway: `Replication 0 of each variant${data[0]?.at ?? ''}; windows of ${data[0]?.windowS ?? 1} s.`,
    },
    options,
  );
}

export const availabilityOverTimeChart: Chart<RunWindows[]> = {
  id: 'availability-over-time',
  reads: ['runs.csv', 'timeseries.csv'],
  figures: (files: OutputFiles) => {
    const runs = totalWindows(files);
    return runs.length > 0 ? [runs] : [];
  },
  draw: drawAvailabilityOverTime,
};
