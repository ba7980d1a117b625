import type { ParamValue } from '../report/run-record.js';
import { parseDuration, parseRate, UnitError } from './units.js';

/**
 * The numbers along a sweep's crossover axis: grid values as written ("10/s", "250ms", 3)
 * read as one kind of quantity, so that curves can be ordered and interpolated along it.
 */

export type AxisKind = 'rate' | 'duration' | 'count';

export interface AxisValues {
  kind: AxisKind;
  /** per second for a rate, milliseconds for a duration, the number itself for a count */
  values: number[];
}

const RATE_TEXT = /\/\s*(ms|s|m|h|d)\s*$/;

function kindOf(value: ParamValue): AxisKind | undefined {
  if (typeof value === 'number') return 'count';
  if (RATE_TEXT.test(value)) return 'rate';
  try {
    parseDuration(value);
    return 'duration';
  } catch (error) {
    if (error instanceof UnitError) return undefined;
    throw error;
  }
}

function numberOf(value: ParamValue, kind: AxisKind): number {
  if (kind === 'rate') return parseRate(value);
  if (kind === 'duration') return parseDuration(value);
  return value as number;
}

/**
 * The grid values as numbers of one kind, or why they are not: a value that is not a rate,
 * a duration or a number, a mix of kinds, or two values that are the same quantity.
 */
export function readAxis(
  written: readonly ParamValue[],
  path: string,
): AxisValues | { problem: string } {
  // A plain number on a rate field means per second (units.ts): it is a rate here too.
  const isRatePath = /(^|\.)rate$/.test(path);
  const kinds = written.map((value) =>
    typeof value === 'number' && isRatePath ? 'rate' : kindOf(value),
  );
  const bad = written.find((_, i) => kinds[i] === undefined);
  if (bad !== undefined) {
    return {
      problem: `its value ${JSON.stringify(bad)} is not a number, a rate (10/s) or a duration (250ms)`,
    };
  }
  const kind = kinds[0]!;
  const other = written.find((_, i) => kinds[i] !== kind);
  if (other !== undefined) {
    return {
      problem: `its values mix kinds (${JSON.stringify(written[0])} and ${JSON.stringify(other)}): write them all as ${kind === 'count' ? 'numbers' : `${kind}s`}`,
    };
  }
  let values: number[];
  try {
    values = written.map((value) => numberOf(value, kind));
  } catch (error) {
    if (error instanceof UnitError) return { problem: error.message };
    throw error;
  }
  for (let i = 0; i < values.length; i++) {
    const twin = values.indexOf(values[i]!);
    if (twin !== i) {
      return {
        problem: `${JSON.stringify(written[twin])} and ${JSON.stringify(written[i])} are the same point: give each value once`,
      };
    }
  }
  if (!values.every(Number.isFinite)) return { problem: 'its values must be finite' };
  return { kind, values };
}

/**
 * Log scale for a rate spanning more than a decade (load grids are written 1, 10, 100: a
 * straight line between 100/s and 1000/s would put half the interval's weight above 550/s),
 * linear otherwise.
 */
export function autoScale(axis: AxisValues): 'log' | 'linear' {
  const min = Math.min(...axis.values);
  const max = Math.max(...axis.values);
  return axis.kind === 'rate' && min > 0 && max / min > 10 ? 'log' : 'linear';
}

const UNIT_SUFFIX: Record<AxisKind, string> = { rate: '/s', duration: 'ms', count: '' };

/** An interpolated point along the axis, 3 significant digits, in the axis's unit. */
export function formatAxisValue(value: number, kind: AxisKind): string {
  return `${Number(value.toPrecision(3))}${UNIT_SUFFIX[kind]}`;
}

/** The unit the crossovers.csv numbers are in. */
export const AXIS_UNIT: Record<AxisKind, string> = {
  rate: 'per_s',
  duration: 'ms',
  count: 'count',
};
