import { ResilienceStats } from '../mesh/resilience/resilience-stats.js';

/**
 * An edge's attempts (measured requests'), beside its logical calls in CallStats: equal
 * without retries, more with them. An attempt counts when its caller stops waiting for
 * it: at its response, or when the call's deadline passes or the caller is cancelled.
 */
export class AttemptStats {
  attempts = 0;
  failed = 0;
  /** what its callers' resilience policies did (issue 12, M2) */
  readonly resilience = new ResilienceStats();

  ended(failed: boolean, measured: boolean): void {
    if (!measured) return;
    this.attempts++;
    if (failed) this.failed++;
  }
}
