import type { EndpointMetrics } from '../metrics/run-result.js';
import { perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const ENDPOINT_COLUMNS = [
  'service',
  'endpoint',
  'requests',
  'errors',
  'rate_rps',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p99_ms',
] as const;

export type EndpointColumn = (typeof ENDPOINT_COLUMNS)[number];

/** One endpoint as named fields: shared by endpoints.csv and results.json so they agree. */
export function endpointFields(endpoint: EndpointMetrics): Record<EndpointColumn, string | number> {
  return {
    service: endpoint.service,
    endpoint: endpoint.endpoint,
    requests: endpoint.requests,
    errors: endpoint.errors,
    rate_rps: endpoint.ratePerSec,
    latency_mean_ms: endpoint.latency.meanMs,
    latency_p50_ms: endpoint.latency.p50Ms,
    latency_p99_ms: endpoint.latency.p99Ms,
  };
}

/** endpoints.csv: one row per (run, service endpoint). */
export const endpointsCsv = perRunTable(
  ENDPOINT_COLUMNS,
  (record) => record.result.endpoints,
  endpointFields,
);
