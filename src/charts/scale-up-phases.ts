/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import { gridColumns, numberOf, type OutputFiles, pointLabel, table } from './output-files.js';
import { drawStackedBars } from './stacked-bars.js';

/**
 * Where the time of a scale-up goes (docs/autoscaling.md): the phases of the catch-up in
 * which most requests failed, summary.csv's means over the replications, one bar per
 * variant. They add up to autoscale_catch_up_s.
 */
export interface ScaleUpPhasesData {
  bars: { name: string; seconds: (number | undefined)[] }[];
}

export const SCALE_UP_PHASES = [
  { column: 'autoscale_metric_lag_s', name: 'metric lag' },
  { column: 'autoscale_hpa_decision_s', name: 'HPA decision' },
  { column: 'autoscale_scheduling_s', name: 'scheduling' },
  { column: 'autoscale_image_pull_and_start_s', name: 'image pull and start' },
  { column: 'autoscale_readiness_s', name: 'readiness' },
] as const;

export function scaleUpPhasesData(files: OutputFiles): ScaleUpPhasesData[] {
  const summary = table(files, 'summary.csv');
  if (summary === undefined || !summary.columns.includes('autoscale_metric_lag_s_mean')) return [];
  const grid = gridColumns(summary.columns);
  const bars = summary.rows.slice(0, 12).map((row) => ({
    name: pointLabel(row, grid),
    seconds: SCALE_UP_PHASES.map((phase) => numberOf(row[`${phase.column}_mean`])),
  }));
  return bars.some((b) => b.seconds.some((s) => s !== undefined)) ? [{ bars }] : [];
}

export function drawScaleUpPhases(
  container: Element,
  data: ScaleUpPhasesData,
  options: ChartOptions,
): void {
  drawStackedBars(
    container,
    'scale-up-phases',
    {
      title: 'Why does scaling up take this long? The phases of a scale-up',
      xLabel: 'time from the load step to enough ready pods (s)',
      parts: SCALE_UP_PHASES.map((p) => p.name),
      rows: data.bars.map((b) => ({ name: b.name, values: b.seconds })),
      takeaway: 'The catch-up in which most requests failed; means over the replications.',
    },
    options,
  );
}

export const scaleUpPhasesChart: Chart<ScaleUpPhasesData> = {
  id: 'scale-up-phases',
  reads: ['summary.csv'],
  figures: scaleUpPhasesData,
  draw: drawScaleUpPhases,
};
