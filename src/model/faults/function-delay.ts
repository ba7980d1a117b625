import { roll } from '../mesh/routing/route-table.js';
import type { FaultWindow } from './fault-window.js';

/**
 * AWS FIS `aws:lambda:invocation-add-delay` (startupDelayMilliseconds, invocationPercentage;
 * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html): the FIS
 * extension in the function's execution environment holds a share of invocations before
 * the handler starts. The wait is inside the invocation: it counts toward the function's
 * timeout and its billed duration, and the instance stays busy meanwhile.
 */
export class FunctionDelay {
  constructor(
    readonly window: FaultWindow,
    readonly startupDelayMs: number,
    private readonly share: number,
    private readonly next: () => number,
  ) {}

  /** Whether this invocation is delayed. */
  delays(): boolean {
    return roll(this.share, this.next);
  }
}
