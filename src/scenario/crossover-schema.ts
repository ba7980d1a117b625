import { z } from 'zod';
import { CROSSOVER_METRIC_NAMES } from '../report/crossover-metrics.js';
import { unknownMetricMessage } from '../report/metric-names.js';
import { readAxis } from './crossover-axis.js';

/**
 * `sweep.crossovers`: where the variants' curves cross along one numeric grid axis.
 *
 *   sweep:
 *     variants: { function: {...}, deployment: {...} }
 *     grid: { workload.users.rate: [0.1/s, 1/s, 10/s, 100/s] }
 *     crossovers: { axis: workload.users.rate, metrics: [cost_usd_per_million, latency_p99_ms] }
 *
 * Checked against the sweep it sits in (crossoverIssues): the axis must be a grid path with
 * numeric values, the metrics known, and there must be variants to compare.
 */

export const MAX_CROSSOVER_METRICS = 8;

export const crossoverSchema = z
  .strictObject({
    axis: z
      .string()
      .min(1)
      .describe(
        'the grid path the curves run along; its values (at least two) are numbers, rates or durations',
      ),
    metrics: z
      .array(z.string().min(1))
      .min(1)
      .max(MAX_CROSSOVER_METRICS)
      .default(['cost_usd_per_million', 'latency_p99_ms'])
      .describe(
        'metrics whose crossings are reported, 1 to 8: headline metrics or cost_allocated_usd_per_million',
      ),
    scale: z
      .enum(['auto', 'linear', 'log'])
      .default('auto')
      .describe(
        'how to interpolate between grid points: auto is log for a rate spanning more than a decade',
      ),
    metricScale: z
      .enum(['linear', 'log'])
      .default('linear')
      .describe(
        'log: interpolate the metrics by their logarithms, right for a cost per million that falls as 1/load (default linear)',
      ),
  })
  .describe("where each pair of variants' curves cross along a numeric grid axis");

export type Crossovers = z.output<typeof crossoverSchema>;

interface SweepShape {
  variants?: Record<string, unknown>;
  grid?: Record<string, readonly (string | number | boolean)[]>;
  crossovers?: Crossovers;
}

export interface CrossoverIssue {
  path: (string | number)[];
  message: string;
}

/** What is wrong with `sweep.crossovers` in this sweep; none when it is absent or sound. */
export function crossoverIssues(sweep: SweepShape): CrossoverIssue[] {
  const crossovers = sweep.crossovers;
  if (crossovers === undefined) return [];
  const issues: CrossoverIssue[] = [];
  const variants = Object.keys(sweep.variants ?? {});
  if (variants.length < 2) {
    issues.push({
      path: ['crossovers'],
      message: `crossovers compare variants, and this sweep has ${variants.length}: give at least two in sweep.variants`,
    });
  }
  issues.push(...axisIssues(crossovers, sweep.grid ?? {}));
  crossovers.metrics.forEach((metric, index) => {
    if (!CROSSOVER_METRIC_NAMES.includes(metric)) {
      issues.push({
        path: ['crossovers', 'metrics', index],
        message: unknownMetricMessage(metric, CROSSOVER_METRIC_NAMES),
      });
    } else if (crossovers.metrics.indexOf(metric) !== index) {
      issues.push({
        path: ['crossovers', 'metrics', index],
        message: `"${metric}" is listed twice: give each metric once`,
      });
    }
  });
  return issues;
}

function axisIssues(
  crossovers: Crossovers,
  grid: Record<string, readonly (string | number | boolean)[]>,
): CrossoverIssue[] {
  const path = ['crossovers', 'axis'];
  const values = grid[crossovers.axis];
  if (values === undefined) {
    const paths = Object.keys(grid);
    return [
      {
        path,
        message:
          paths.length === 0
            ? 'crossovers need a grid to run along: add sweep.grid with the axis and its values'
            : `"${crossovers.axis}" is not a grid path; the grid's paths are ${paths.join(', ')}`,
      },
    ];
  }
  if (values.some((value) => typeof value === 'boolean')) {
    return [
      { path, message: `the axis ${crossovers.axis} has true/false values: it needs numbers` },
    ];
  }
  const axis = readAxis(values as (string | number)[], crossovers.axis);
  if ('problem' in axis) {
    return [{ path, message: `the axis ${crossovers.axis} cannot be ordered: ${axis.problem}` }];
  }
  if (axis.values.length < 2) {
    return [
      {
        path,
        message: `the axis ${crossovers.axis} has one value: curves cross between grid points, give at least two`,
      },
    ];
  }
  if (crossovers.scale === 'log' && axis.values.some((value) => value <= 0)) {
    return [
      {
        path: ['crossovers', 'scale'],
        message: `a log scale needs values above 0, and ${crossovers.axis} has ${Math.min(...axis.values)}: use scale: linear`,
      },
    ];
  }
  return [];
}
