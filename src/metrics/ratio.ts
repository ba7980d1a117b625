import type { Statistic } from './run-result.js';

/** A share of nothing has no value: null, not 0 (run-result.ts, Statistic). */
export function ratio(part: number, whole: number): Statistic {
  return whole > 0 ? part / whole : null;
}
