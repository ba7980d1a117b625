import type { CallCounts, Statistic } from '../metrics/run-result.js';

/**
 * The columns a service and an endpoint share: what they served, how calls failed (the
 * failures that began there and those passed on from a callee, so that summing
 * errors_originated over services counts each failure once), latency in the service, and
 * where the time went before the work ran (waits for a worker slot and for a core).
 */
export const CALL_COLUMNS = [
  'requests',
  'errors',
  'errors_originated',
  'errors_passed_on',
  'rate_rps',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p99_ms',
  'worker_wait_mean_ms',
  'worker_wait_p99_ms',
  'worker_waited_fraction',
  'cpu_wait_mean_ms',
  'cpu_wait_p99_ms',
  'cpu_waited_fraction',
] as const;

export type CallColumn = (typeof CALL_COLUMNS)[number];

export function callFields(calls: CallCounts): Record<CallColumn, number | Statistic> {
  return {
    requests: calls.requests,
    errors: calls.errors,
    errors_originated: calls.errorsOriginated,
    errors_passed_on: calls.errorsPassedOn,
    rate_rps: calls.ratePerSec,
    latency_mean_ms: calls.latency.meanMs,
    latency_p50_ms: calls.latency.p50Ms,
    latency_p99_ms: calls.latency.p99Ms,
    worker_wait_mean_ms: calls.workerWait.meanMs,
    worker_wait_p99_ms: calls.workerWait.p99Ms,
    worker_waited_fraction: calls.workerWait.waitedFraction,
    cpu_wait_mean_ms: calls.cpuWait.meanMs,
    cpu_wait_p99_ms: calls.cpuWait.p99Ms,
    cpu_waited_fraction: calls.cpuWait.waitedFraction,
  };
}
