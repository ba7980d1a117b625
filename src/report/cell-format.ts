// How a number or a cell is written, in CSV and everywhere a value is shown as text. Apart
// from the CSV writer (csv-format.ts), so that code the browser runs (the scenario schema's
// thresholds, the player) does not load csv-stringify, which needs Node's Buffer.
import type { ParamCell } from './run-record.js';

/** What a CSV cell may hold; null and undefined are written as an empty cell. */
export type Cell = ParamCell | null;

/**
 * Full precision, shortest round-trip text (String(n)), so a value read back is the value
 * written. Non-finite values are spelled out: an empty cell would read as "missing".
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? formatNumber(value) : value;
}
