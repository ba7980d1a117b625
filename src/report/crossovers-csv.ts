import { AXIS_UNIT } from '../scenario/crossover-axis.js';
import type { Crossing, CrossoverReport } from './crossovers.js';
import { type Cell, toCsv } from './csv-format.js';

/**
 * crossovers.csv: one row per pair of variants, metric and crossing (or "none"), after the
 * axis and the other grid paths. Numbers at full precision, in the axis's unit (axis_unit).
 */
export const CROSSOVER_COLUMNS = [
  'variant_a',
  'variant_b',
  'kind',
  'from',
  'to',
  'at',
  'interval_low',
  'interval_high',
  'interval',
  'lower_below',
  'lower_above',
  'n',
  'points_compared',
  'points',
] as const;

export function crossoversCsv(report: CrossoverReport): string {
  const header = [
    'metric',
    'axis',
    'axis_unit',
    'scale',
    'metric_scale',
    ...report.paramNames,
    ...CROSSOVER_COLUMNS,
  ];
  const rows: Cell[][] = report.crossings.map((crossing) => [
    crossing.metric,
    report.axis,
    AXIS_UNIT[report.kind],
    report.scale,
    report.metricScale,
    ...report.paramNames.map((name) => crossing.params[name]),
    crossing.a,
    crossing.b,
    crossing.kind,
    crossing.from,
    crossing.to,
    crossing.at,
    crossing.low,
    crossing.high,
    intervalState(crossing),
    crossing.lowerBelow,
    crossing.lowerAbove,
    crossing.n,
    crossing.pointsCompared,
    crossing.points,
  ]);
  return toCsv(header, rows);
}

/**
 * closed; open-below, open-above, open-both (it reaches the grid's end and may extend
 * beyond it); not-computed (fewer than two replications somewhere on the curve); empty for none.
 */
export function intervalState(crossing: Crossing): string {
  if (crossing.kind === 'none') return '';
  if (crossing.low === null) return 'not-computed';
  if (crossing.lowOpen && crossing.highOpen) return 'open-both';
  if (crossing.lowOpen) return 'open-below';
  if (crossing.highOpen) return 'open-above';
  return 'closed';
}
