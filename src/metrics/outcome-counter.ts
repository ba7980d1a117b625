import { FAILURE_CAUSES, type FailureCause, type RequestOutcomes } from './run-result.js';

/** Counts requests by how they ended: success or one named failure cause. */
export class OutcomeCounter {
  succeeded = 0;
  private readonly failures = new Map<FailureCause, number>(
    FAILURE_CAUSES.map((cause) => [cause, 0]),
  );

  fail(cause: FailureCause, count = 1): void {
    this.failures.set(cause, this.failures.get(cause)! + count);
  }

  get failed(): number {
    let total = 0;
    for (const count of this.failures.values()) total += count;
    return total;
  }

  outcomes(): RequestOutcomes {
    const byCause = Object.fromEntries(this.failures) as Record<FailureCause, number>;
    const failed = this.failed;
    return { total: this.succeeded + failed, succeeded: this.succeeded, failed, byCause };
  }
}
