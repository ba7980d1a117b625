import { formatAxisValue } from '../scenario/crossover-axis.js';
import { formatCell } from './cell-format.js';
import type { Crossing, CrossoverReport } from './crossovers.js';

/**
 * The crossovers as the sweep prints them after its comparison tables: per metric (and per
 * combination of the other grid paths), one line per pair of variants and crossing.
 */
export function crossoversText(report: CrossoverReport, scaleWritten: 'auto' | 'log' | 'linear') {
  const lines = [`Crossovers along ${report.axis} (${scaleText(report, scaleWritten)})`];
  const show = (value: number) => formatAxisValue(value, report.kind);
  for (const metric of report.metrics) {
    const ofMetric = report.crossings.filter((crossing) => crossing.metric === metric);
    const groups = new Map<string, Crossing[]>();
    for (const crossing of ofMetric) {
      const key = JSON.stringify(report.paramNames.map((name) => crossing.params[name] ?? null));
      groups.set(key, [...(groups.get(key) ?? []), crossing]);
    }
    if (groups.size === 0) lines.push(metric, '  no variant has a value on this metric');
    for (const crossings of groups.values()) {
      const where = report.paramNames
        .map((name) => `${name}=${formatCell(crossings[0]!.params[name])}`)
        .join(', ');
      lines.push(where === '' ? metric : `${metric} at ${where}`);
      for (const crossing of crossings) lines.push(`  ${crossingLine(crossing, show)}`);
    }
  }
  const notes = [];
  if (report.crossings.some((c) => c.lowOpen || c.highOpen))
    notes.push("≤ / ≥: the interval reaches the grid's end and may extend beyond it");
  if (report.crossings.some((c) => c.kind !== 'none' && c.low === null))
    notes.push('an interval needs at least two replications at every compared grid point');
  if (report.crossings.some((c) => c.low !== null))
    notes.unshift(
      'interval: where the paired 95% CI of the difference includes 0, interpolated between grid points',
    );
  lines.push(...notes);
  return `${lines.join('\n')}\n`;
}

function scaleText(report: CrossoverReport, written: 'auto' | 'log' | 'linear'): string {
  const metrics = report.metricScale === 'log' ? '; the metrics by their logarithms' : '';
  if (report.scale === 'linear')
    return `interpolated linearly between adjacent grid points${metrics}`;
  const why = written === 'auto' ? ': the rates span more than a decade' : '';
  return `interpolated on a log scale${why}${metrics}`;
}

function crossingLine(crossing: Crossing, show: (value: number) => string): string {
  const pair = `${crossing.a} vs ${crossing.b}`;
  const compared =
    crossing.pointsCompared < crossing.points
      ? ` (compared at ${crossing.pointsCompared} of ${crossing.points} grid points: the others lack a value)`
      : '';
  if (crossing.kind === 'none') {
    const range = `[${formatCell(crossing.from)}, ${formatCell(crossing.to)}]`;
    // "none" without a lower variant: the difference is 0 at every point (signEvents).
    if (crossing.lowerBelow === null)
      return `${pair}: equal at every grid point in ${range}${compared}`;
    return `${pair}: no crossing in ${range}: ${crossing.lowerBelow} lower throughout${compared}`;
  }
  const at = show(crossing.at!);
  const between =
    crossing.from === crossing.to
      ? `at the grid point ${formatCell(crossing.from)}`
      : crossing.atGridPoints
        ? `equal from ${formatCell(crossing.from)} to ${formatCell(crossing.to)}`
        : `between ${formatCell(crossing.from)} and ${formatCell(crossing.to)}`;
  const interval =
    crossing.low === null
      ? 'interval not computed (one replication)'
      : `interval [${crossing.lowOpen ? '≤' : ''}${show(crossing.low)}, ${crossing.highOpen ? '≥' : ''}${show(crossing.high!)}]`;
  if (crossing.kind === 'touch') {
    const side = crossing.lowerBelow ?? crossing.lowerAbove;
    return `${pair}: touch at ${at} (${between}), ${side ?? 'neither'} lower on either side; ${interval}${compared}`;
  }
  return `${pair}: cross at ${at} (${between}); ${interval}; ${crossing.lowerBelow} lower below, ${crossing.lowerAbove} above${compared}`;
}
