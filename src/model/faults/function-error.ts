import { roll } from '../mesh/routing/route-table.js';
import type { FaultWindow } from './fault-window.js';

/**
 * AWS FIS `aws:lambda:invocation-error` (invocationPercentage, preventExecution): a share of
 * invocations end as handler errors (`error`, retried as Lambda retries an asynchronous
 * invocation's error: src/model/serverless/events/async-invocations.ts). With
 * preventExecution the handler does not run (no CPU, a near-zero duration); without, it runs
 * its CPU burst, then the invocation errs before its calls, where msasim's application
 * errors end an attempt (simplified: the real handler would also make its calls).
 */
export class FunctionError {
  constructor(
    readonly window: FaultWindow,
    readonly preventExecution: boolean,
    private readonly share: number,
    private readonly next: () => number,
  ) {}

  /** Whether this invocation errs. */
  errs(): boolean {
    return roll(this.share, this.next);
  }
}
