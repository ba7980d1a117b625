/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import { numberOf, type OutputFiles, table } from './output-files.js';
import { type RunWindows, totalWindows } from './total-series.js';
import { drawXYPlot } from './xy-plot.js';

/**
 * Availability per window (timeseries.csv, scope `total`): succeeded / ended requests in
 * the window, as a monitoring system counts them. A window in which no request ended has
 * no availability and no point (absent, never 0 or 100%).
 */
export interface AvailabilityData {
  runs: RunWindows[];
  /** the injected faults' windows (faults.csv, replication 0), where the scenario has faults */
  faults: { x: number; label: string }[];
}

export function drawAvailabilityOverTime(
  container: Element,
  { runs: data, faults }: AvailabilityData,
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
      verticalMarks: faults,
      takeaway: `Replication 0 of each variant${data[0]?.at ?? ''}; windows of ${data[0]?.windowS ?? 1} s.`,
    },
    options,
  );
}

/**
 * When each fault of replication 0 starts and ends (faults.csv), once per distinct window:
 * the variants of a sweep usually share their faults. A fault lasting to the end marks its
 * start only.
 */
export function faultMarks(files: OutputFiles): { x: number; label: string }[] {
  const marks = new Map<string, { x: number; label: string }>();
  for (const row of table(files, 'faults.csv')?.rows ?? []) {
    if (row.replication !== '0') continue;
    const start = numberOf(row.start_s);
    const end = numberOf(row.end_s);
    const name = `${row.kind} ${row.target}`;
    if (start !== undefined) marks.set(`${start} ${name}`, { x: start, label: name });
    if (end !== undefined) marks.set(`${end} ${name} ends`, { x: end, label: `${name} ends` });
  }
  return [...marks.values()];
}

export const availabilityOverTimeChart: Chart<AvailabilityData> = {
  id: 'availability-over-time',
  reads: ['runs.csv', 'timeseries.csv', 'faults.csv'],
  figures: (files: OutputFiles) => {
    const runs = totalWindows(files);
    return runs.length > 0 ? [{ runs, faults: faultMarks(files) }] : [];
  },
  draw: drawAvailabilityOverTime,
};
