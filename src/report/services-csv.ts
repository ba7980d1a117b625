import type { ServiceMetrics } from '../metrics/run-result.js';
import { perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const SERVICE_COLUMNS = [
  'service',
  'requests',
  'errors',
  'rate_rps',
  'latency_p50_ms',
  'latency_p99_ms',
  'ready_pods',
  'pending_pods',
  'cpu_utilization',
  'worker_utilization',
] as const;

export type ServiceColumn = (typeof SERVICE_COLUMNS)[number];

/** One service as named fields: shared by services.csv and results.json so they agree. */
export function serviceFields(service: ServiceMetrics): Record<ServiceColumn, string | number> {
  return {
    service: service.service,
    requests: service.requests,
    errors: service.errors,
    rate_rps: service.ratePerSec,
    latency_p50_ms: service.latency.p50Ms,
    latency_p99_ms: service.latency.p99Ms,
    ready_pods: service.readyPods,
    pending_pods: service.pendingPods,
    cpu_utilization: service.cpuUtilization,
    worker_utilization: service.workerUtilization,
  };
}

/** services.csv: one row per (run, service). */
export const servicesCsv = perRunTable(
  SERVICE_COLUMNS,
  (record) => record.result.services,
  serviceFields,
);
