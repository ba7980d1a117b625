import type { PodLedgerMetrics } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import { phaseColumns, phaseFields } from './phase-columns.js';

/** After run_id, variant, <param paths...>, replication. */
export const POD_COLUMNS = [
  'pod',
  'service',
  'version',
  'node',
  'created_ms',
  'gone_ms',
  ...phaseColumns('seconds_'),
  'cpu_core_seconds_used',
  'cpu_core_seconds_requested',
  'cpu_request_utilization',
] as const;

export type PodColumn = (typeof POD_COLUMNS)[number];

/** One pod's ledger as named fields: shared by pods.csv and results.json so they agree. */
export function podFields(pod: PodLedgerMetrics): Record<PodColumn, Cell> {
  return {
    pod: pod.pod,
    service: pod.service,
    version: pod.version,
    node: pod.node,
    created_ms: pod.createdMs,
    gone_ms: pod.goneMs,
    ...phaseFields('seconds_', pod.phaseSeconds),
    cpu_core_seconds_used: pod.cpuCoreSecondsUsed,
    cpu_core_seconds_requested: pod.cpuCoreSecondsRequested,
    cpu_request_utilization: pod.cpuRequestUtilization,
  };
}

/** pods.csv: one row per (run, pod the run ever had), in order of creation. */
export const podsCsv = perRunTable(POD_COLUMNS, (record) => record.result.ledger.pods, podFields);
