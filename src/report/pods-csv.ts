import type { PodLedgerMetrics } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import { phaseColumns, phaseFields } from './phase-columns.js';
import type { RunRecord } from './run-record.js';

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

/** A Fargate pod's task size; these columns exist only where some run has a Fargate pod. */
export const TASK_COLUMNS = ['task_vcpu', 'task_memory_gb'] as const;

/**
 * pods.csv: one row per (run, pod the run ever had), in order of creation; with the task
 * columns (empty for pods on nodes) when some run has a Fargate pod, so that a run without
 * one writes the file it always did.
 */
export function podsCsv(records: readonly RunRecord[], paramNames?: readonly string[]): string {
  const anyTask = records.some((r) => r.result.ledger.pods.some((pod) => pod.task !== undefined));
  if (!anyTask) return podRows(records, paramNames);
  return podTaskRows(records, paramNames);
}

const podRows = perRunTable(POD_COLUMNS, (record) => record.result.ledger.pods, podFields);

const podTaskRows = perRunTable(
  [...POD_COLUMNS, ...TASK_COLUMNS],
  (record) => record.result.ledger.pods,
  podTaskFields,
);

/** podFields and the task's size (results.json gives it only for a Fargate pod). */
export function podTaskFields(
  pod: PodLedgerMetrics,
): Record<PodColumn | (typeof TASK_COLUMNS)[number], Cell> {
  return {
    ...podFields(pod),
    task_vcpu: pod.task?.vcpu ?? null,
    task_memory_gb: pod.task?.memoryGb ?? null,
  };
}
