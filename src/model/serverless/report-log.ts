import { billedMs } from '../cost/function-billing.js';
import type { InvocationUsage } from './function-usage.js';

/** Most REPORT lines one run keeps (docs/limits.md). */
export const MAX_REPORT_LINES = 10_000;
/** Besides every cold start, one warm invocation in this many is logged. */
export const WARM_SAMPLE_EVERY = 100;

/**
 * A sample of Lambda's per-invocation REPORT lines (lambda_report.log), so that queries
 * written for real logs (CloudWatch Logs Insights' @duration, @initDuration...) run on it:
 * every cold start and one warm invocation in a hundred, of the measured period, at most
 * MAX_REPORT_LINES per run. Deterministic: a counter, no random draw. Max Memory Used is
 * left out: the model has no memory use of a handler.
 */
export class ReportLog {
  readonly lines: string[] = [];
  private warm = 0;

  /** `initBilled`: the pricing's rule, so that Billed Duration is what the bill charges. */
  constructor(private readonly initBilled: boolean) {}

  record(nowMs: number, requestId: string, usage: InvocationUsage): void {
    if (this.lines.length >= MAX_REPORT_LINES) return;
    if (usage.initMs === 0 && this.warm++ % WARM_SAMPLE_EVERY !== 0) return;
    this.lines.push(
      `${(nowMs / 1000).toFixed(3)}\t${usage.functionName}\tREPORT RequestId: ${requestId}\tDuration: ${usage.durationMs.toFixed(2)} ms\tBilled Duration: ${billedMs(usage, this.initBilled)} ms\tMemory Size: ${usage.memoryMb} MB${startField(usage)}`,
    );
  }
}

/**
 * A cold start's field as Lambda writes it: `Init Duration` after an init; after a SnapStart
 * restore, `Restore Duration` and `Billed Restore Duration` (the runtime hooks' time, none
 * modelled here: 0 ms).
 */
function startField(usage: InvocationUsage): string {
  if (usage.initMs <= 0) return '';
  const ms = usage.initMs.toFixed(2);
  return usage.restoredFromSnapshot
    ? `\tRestore Duration: ${ms} ms\tBilled Restore Duration: 0 ms`
    : `\tInit Duration: ${ms} ms`;
}
