import { ratio } from '../metrics/ratio.js';
import type { VersionMetrics } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const VERSION_COLUMNS = [
  'service',
  'version',
  'ready_pods',
  'requests',
  'errors',
  'errors_originated',
  'error_rate',
  'rate_rps',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p99_ms',
] as const;

export type VersionColumn = (typeof VERSION_COLUMNS)[number];

/** One version of a service as named fields: shared by versions.csv and results.json. */
export function versionFields(row: VersionMetrics): Record<VersionColumn, Cell> {
  return {
    service: row.service,
    version: row.version,
    ready_pods: row.readyPods,
    requests: row.requests,
    errors: row.errors,
    errors_originated: row.errorsOriginated,
    error_rate: ratio(row.errors, row.requests),
    rate_rps: row.ratePerSec,
    latency_mean_ms: row.latency.meanMs,
    latency_p50_ms: row.latency.p50Ms,
    latency_p99_ms: row.latency.p99Ms,
  };
}

/** versions.csv: one row per (run, service, version), for services that declare versions. */
export const versionsCsv = perRunTable(
  VERSION_COLUMNS,
  (record) => record.result.versions ?? [],
  versionFields,
);
