import type { ProxyGroupMetrics } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const PROXY_COLUMNS = [
  'group',
  'kind',
  'containers',
  'requests',
  'tls_handshakes',
  'cpu_core_seconds_used',
  'cpu_core_seconds_requested',
  'memory_requested_bytes',
  'memory_used_bytes',
  'cost_usd',
] as const;

export type ProxyColumn = (typeof PROXY_COLUMNS)[number];

/** One group of a mesh's proxies as named fields: shared by proxies.csv and results.json. */
export function proxyFields(group: ProxyGroupMetrics): Record<ProxyColumn, Cell> {
  return {
    group: group.group,
    kind: group.kind,
    containers: group.containers,
    requests: group.requests,
    tls_handshakes: group.handshakes,
    cpu_core_seconds_used: group.cpuCoreSecondsUsed,
    cpu_core_seconds_requested: group.cpuCoreSecondsRequested,
    memory_requested_bytes: group.memoryRequestedBytes,
    memory_used_bytes: group.memoryUsedBytes,
    cost_usd: group.costUsd,
  };
}

/**
 * proxies.csv: one row per (run, group of a mesh's proxies): a service's sidecars, the
 * ztunnels, a service's waypoint, the ingress gateway (docs/mesh/proxy.md). A run without
 * proxies has no row.
 */
export const proxiesCsv = perRunTable(
  PROXY_COLUMNS,
  (record) => record.result.proxies ?? [],
  proxyFields,
);
