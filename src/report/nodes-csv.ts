import type { NodeLedgerMetrics } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';
import { phaseColumns, phaseFields } from './phase-columns.js';

/** After run_id, variant, <param paths...>, replication. */
export const NODE_COLUMNS = [
  'node',
  'pool',
  'zone',
  'added_ms',
  'removed_ms',
  'node_seconds',
  'billed_seconds',
  'price_per_hour_usd',
  'cost_usd',
  ...phaseColumns('pod_seconds_'),
  'cpu_core_seconds_allocatable',
  'cpu_core_seconds_requested',
  'cpu_core_seconds_used',
] as const;

export type NodeColumn = (typeof NODE_COLUMNS)[number];

/** One node's ledger and bill as named fields: shared by nodes.csv and results.json. */
export function nodeFields(node: NodeLedgerMetrics): Record<NodeColumn, Cell> {
  return {
    node: node.node,
    pool: node.pool,
    zone: node.zone,
    added_ms: node.addedMs,
    removed_ms: node.removedMs,
    node_seconds: node.nodeSeconds,
    billed_seconds: node.billedSeconds,
    price_per_hour_usd: node.pricePerHourUsd,
    cost_usd: node.costUsd,
    ...phaseFields('pod_seconds_', node.podPhaseSeconds),
    cpu_core_seconds_allocatable: node.cpuCoreSecondsAllocatable,
    cpu_core_seconds_requested: node.cpuCoreSecondsRequested,
    cpu_core_seconds_used: node.cpuCoreSecondsUsed,
  };
}

/** nodes.csv: one row per (run, node the run ever had), in order of addition. */
export const nodesCsv = perRunTable(
  NODE_COLUMNS,
  (record) => record.result.ledger.nodes,
  nodeFields,
);
