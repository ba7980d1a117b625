import type { SummaryRow } from '../report/summary.js';
import {
  evaluateThresholds,
  type Thresholds,
  thresholdReport,
  thresholdsPassed,
} from '../report/thresholds.js';
import { CliError, EXIT_THRESHOLD_FAILED } from './exit-codes.js';

/**
 * The what-if gate shared by run, sweep and merge: print the PASS/FAIL report for the
 * scenario's thresholds, then fail with exit code 3 if any failed. `report` is where the
 * lines go (stdout, or stderr when stdout carries JSON).
 */
export function gateOnThresholds(
  thresholds: Thresholds | undefined,
  summary: readonly SummaryRow[],
  report: NodeJS.WritableStream = process.stdout,
): void {
  if (thresholds === undefined || summary.length === 0) return;
  const results = evaluateThresholds(thresholds, summary);
  report.write(`\nthresholds\n${thresholdReport(results)}`);
  if (!thresholdsPassed(results)) {
    throw new CliError('a threshold failed (see the report above)', EXIT_THRESHOLD_FAILED);
  }
}
