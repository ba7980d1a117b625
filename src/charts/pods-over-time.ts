/// <reference lib="dom" />
import type { Chart } from './chart.js';
import type { ChartOptions } from './chart-style.js';
import {
  firstReplicationRuns,
  groupBy,
  numberOf,
  type OutputFiles,
  table,
} from './output-files.js';
import { drawXYPlot } from './xy-plot.js';

/**
 * Pods by version and phase over time during a rollout (timeseries_pods.csv, the scope of
 * the service that rolled out, else `total`): one line per (version, phase), 0 in a window
 * without a row. Drawn for
 * replication 0 of each variant whose pods ever were anything but one version, Ready.
 */
export interface PodsOverTimeData {
  run: string;
  /** the service whose pods are drawn (timeseries_pods.csv's scope), or `total` */
  scope: string;
  lines: { name: string; points: { x: number; y: number }[] }[];
  /** rollouts.csv's starts and ends in this run, seconds */
  marks: { x: number; label: string }[];
}

const MAX_FIGURES = 6;

/** Lines in lifecycle order (docs/lifecycle.md), so each figure lists them alike. */
const PHASES = [
  'Pending',
  'Scheduled',
  'PullingImage',
  'Starting',
  'Running',
  'Ready',
  'Terminating',
];

function lifecycleOrder(a: string, b: string): number {
  const [versionA = '', phaseA = ''] = a.split(' ');
  const [versionB = '', phaseB = ''] = b.split(' ');
  if (versionA !== versionB) return versionA < versionB ? -1 : 1;
  return PHASES.indexOf(phaseA) - PHASES.indexOf(phaseB);
}

export function podsOverTimeData(files: OutputFiles): PodsOverTimeData[] {
  const runs = table(files, 'runs.csv');
  const pods = table(files, 'timeseries_pods.csv');
  if (runs === undefined || pods === undefined) return [];
  const byRun = groupBy(pods.rows, (r) => r.run_id ?? '');
  const rollouts = table(files, 'rollouts.csv');
  return firstReplicationRuns(runs, Number.POSITIVE_INFINITY)
    .flatMap(({ runId, label }) => {
      // The service that rolled (the run's first rollout), so that a canary's one pod is not
      // lost among every other service's; `total` when nothing rolled.
      const scope = rollouts?.rows.find((r) => r.run_id === runId)?.service ?? 'total';
      const rows = (byRun.get(runId) ?? []).filter((r) => r.scope === scope);
      const kinds = groupBy(rows, (r) => `${r.version} ${r.phase}`);
      if (kinds.size < 2) return [];
      const windows = [...new Set(rows.map((r) => numberOf(r.window_start_ms) ?? 0))];
      const lines = [...kinds]
        .sort(([a], [b]) => lifecycleOrder(a, b))
        .map(([name, kindRows]) => {
          const count = new Map(
            kindRows.map((r) => [numberOf(r.window_start_ms) ?? 0, numberOf(r.pods) ?? 0]),
          );
          return { name, points: windows.map((w) => ({ x: w / 1000, y: count.get(w) ?? 0 })) };
        });
      const marks = (rollouts?.rows ?? [])
        .filter((r) => r.run_id === runId)
        .flatMap((r) => {
          const start = numberOf(r.start_s);
          const end = numberOf(r.end_s);
          return [
            ...(start === undefined
              ? []
              : [{ x: start, label: `${r.service} ${r.to_version} starts` }]),
            ...(end === undefined ? [] : [{ x: end, label: `${r.outcome}` }]),
          ];
        });
      return [{ run: label, scope, lines, marks }];
    })
    .slice(0, MAX_FIGURES);
}

export function drawPodsOverTime(
  container: Element,
  data: PodsOverTimeData,
  options: ChartOptions,
): void {
  drawXYPlot(
    container,
    'pods-over-time',
    {
      title: `Which pods serve during the rollout? Pods by version and phase (${data.run})`,
      xLabel: 'simulated time (s)',
      yLabel: 'pods (at the window end)',
      series: data.lines,
      markers: 'sparse',
      yFromZero: true,
      verticalMarks: data.marks,
      takeaway:
        data.scope === 'total'
          ? 'Replication 0; every pod of the cluster together (scope total).'
          : `Replication 0; the pods of ${data.scope}, the service that rolled out.`,
    },
    options,
  );
}

export const podsOverTimeChart: Chart<PodsOverTimeData> = {
  id: 'pods-over-time',
  reads: ['runs.csv', 'timeseries_pods.csv', 'rollouts.csv'],
  figures: podsOverTimeData,
  draw: drawPodsOverTime,
};
