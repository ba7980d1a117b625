import { ratio } from '../metrics/ratio.js';
import type { ServiceMetrics } from '../metrics/run-result.js';
import { CALL_COLUMNS, callFields } from './call-fields.js';
import type { Cell } from './csv-format.js';
import { kindField, perRunTableWithKind } from './kind-column.js';
import { phaseColumns, phaseFields } from './phase-columns.js';

/** After run_id, variant, <param paths...>, replication. */
export const SERVICE_COLUMNS = [
  'service',
  ...CALL_COLUMNS,
  'ready_pods',
  'pending_pods',
  'cpu_cores_used',
  'cpu_request_utilization',
  'cpu_limit_utilization',
  'cfs_periods',
  'cfs_throttled_periods',
  'cfs_throttled_fraction',
  'cfs_throttled_ms',
  'worker_utilization',
  ...phaseColumns('pod_seconds_'),
  'cpu_core_seconds_used',
  'cpu_core_seconds_requested',
] as const;

export type ServiceColumn = (typeof SERVICE_COLUMNS)[number];

/**
 * One service as named fields: shared by services.csv and results.json so they agree. A
 * function's instances are on no node: its CPU and pod-time columns are empty (functions.csv
 * and function_metrics.csv have its instances).
 */
export function serviceFields(
  service: ServiceMetrics,
): Record<ServiceColumn, Cell> & { kind?: string } {
  const fields = {
    service: service.service,
    ...kindField(service),
    ...callFields(service),
    ready_pods: service.readyPods,
    pending_pods: service.pendingPods,
    cpu_cores_used: service.coresUsed,
    cpu_request_utilization: service.requestUtilization,
    cpu_limit_utilization: service.limitUtilization,
    cfs_periods: service.cfs?.periods ?? null,
    cfs_throttled_periods: service.cfs?.throttledPeriods ?? null,
    cfs_throttled_fraction:
      service.cfs === null ? null : ratio(service.cfs.throttledPeriods, service.cfs.periods),
    cfs_throttled_ms: service.cfs?.throttledMs ?? null,
    worker_utilization: service.workerUtilization,
    ...phaseFields('pod_seconds_', service.ledger.podPhaseSeconds),
    cpu_core_seconds_used: service.ledger.cpuCoreSecondsUsed,
    cpu_core_seconds_requested: service.ledger.cpuCoreSecondsRequested,
  };
  return service.kind === 'function' ? { ...fields, ...NO_NODE_CPU } : fields;
}

/** What a function's row leaves empty: its instances use no node's CPU and are no pods there. */
const NO_NODE_CPU = {
  cpu_cores_used: null,
  ...Object.fromEntries(phaseColumns('pod_seconds_').map((column) => [column, null])),
  cpu_core_seconds_used: null,
  cpu_core_seconds_requested: null,
};

/** services.csv: one row per (run, service). */
export const servicesCsv = perRunTableWithKind(
  SERVICE_COLUMNS,
  (record) => record.result.services,
  serviceFields,
);
