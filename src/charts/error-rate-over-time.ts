/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import type { OutputFiles } from './output-files.js';
import { type RunWindows, totalWindows } from './total-series.js';
import { drawXYPlot } from './xy-plot.js';

/** Failed requests per second in each window (timeseries.csv, scope `total`). */
export function drawErrorRateOverTime(
  container: Element,
  data: RunWindows[],
  options: ChartOptions,
): void {
  drawXYPlot(
    container,
    'error-rate-over-time',
    {
      title: 'When did requests fail? Error rate over time',
      xLabel: 'simulated time (s)',
      yLabel: 'failed requests (/s)',
      series: data.map((run) => ({
        name: run.label,
        points: run.windows.map((w) => ({ x: w.startS, y: w.failed / run.windowS })),
      })),
      markers: 'sparse',
      yFromZero: true,
      takeaway: `Replication 0 of each variant${data[0]?.at ?? ''}; requests that ended failed in each ${data[0]?.windowS ?? 1} s window.`,
    },
    options,
  );
}

export const errorRateOverTimeChart: Chart<RunWindows[]> = {
  id: 'error-rate-over-time',
  reads: ['runs.csv', 'timeseries.csv'],
  figures: (files: OutputFiles) => {
    const runs = totalWindows(files);
    return runs.some((r) => r.windows.some((w) => w.failed > 0)) ? [runs] : [];
  },
  draw: drawErrorRateOverTime,
};
