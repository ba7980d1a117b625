import type { EdgeMetrics } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const EDGE_COLUMNS = [
  'from',
  'to',
  'requests',
  'errors',
  'rate_rps',
  'latency_mean_ms',
  'latency_p99_ms',
  'request_bytes',
  'response_bytes',
  'cross_zone_calls',
  'cross_zone_bytes',
  'attempts',
  'attempts_failed',
  'retries',
  'retry_overflows',
  'retry_budget_refusals',
  'circuit_breaker_overflows',
  'ejections_detected',
  'ejections_enforced',
] as const;

export type EdgeColumn = (typeof EDGE_COLUMNS)[number];

/** One edge as named fields: shared by edges.csv and results.json so they agree. */
export function edgeFields(edge: EdgeMetrics): Record<EdgeColumn, Cell> {
  return {
    from: edge.from,
    to: edge.to,
    requests: edge.requests,
    errors: edge.errors,
    rate_rps: edge.ratePerSec,
    latency_mean_ms: edge.latency.meanMs,
    latency_p99_ms: edge.latency.p99Ms,
    request_bytes: edge.requestBytes,
    response_bytes: edge.responseBytes,
    cross_zone_calls: edge.crossZoneCalls,
    cross_zone_bytes: edge.crossZoneBytes,
    attempts: edge.attempts,
    attempts_failed: edge.attemptsFailed,
    retries: edge.retries,
    retry_overflows: edge.retryOverflows,
    retry_budget_refusals: edge.retryBudgetRefusals,
    circuit_breaker_overflows: edge.circuitBreakerOverflows,
    ejections_detected: edge.ejectionsDetected,
    ejections_enforced: edge.ejectionsEnforced,
  };
}

/** edges.csv: one row per (run, caller → callee); "client" is the workload's own caller. */
export const edgesCsv = perRunTable(EDGE_COLUMNS, (record) => record.result.edges, edgeFields);
