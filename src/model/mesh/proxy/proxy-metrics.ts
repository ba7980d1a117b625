import type {
  NodeLedgerMetrics,
  PodLedgerMetrics,
  ProxyGroupMetrics,
} from '../../../metrics/run-result.js';
import type { PlacedProxy } from './mesh-proxies.js';

/**
 * The proxies' figures by group, from their ledgers (each proxy container is a row of the
 * pod ledger, named `<pod>/<container>`): requests, handshakes, CPU used and requested over
 * the measured window,
 * memory, and their share of the node bills: a node's cost × the core-seconds the proxies
 * take on it (requested, or used where that is more: a proxy without a request still takes
 * CPU) / its allocatable core-seconds.
 * Groups in order of their first proxy.
 */
export function proxyGroupMetrics(
  placed: readonly PlacedProxy[],
  pods: readonly PodLedgerMetrics[],
  nodes: readonly NodeLedgerMetrics[],
): ProxyGroupMetrics[] {
  const rowOf = new Map(pods.map((row) => [row.pod, row]));
  const nodeOf = new Map(nodes.map((row) => [row.node, row]));
  const groups = new Map<string, ProxyGroupMetrics>();
  for (const { proxy, node } of placed) {
    const { settings } = proxy;
    let group = groups.get(proxy.serviceName);
    if (group === undefined) {
      group = {
        group: proxy.serviceName,
        kind: settings.kind,
        containers: 0,
        requests: 0,
        handshakes: 0,
        cpuCoreSecondsUsed: 0,
        cpuCoreSecondsRequested: 0,
        memoryRequestedBytes: 0,
        memoryUsedBytes: 0,
        costUsd: 0,
      };
      groups.set(proxy.serviceName, group);
    }
    const row = rowOf.get(proxy.name);
    group.containers++;
    group.requests += proxy.measured.requests;
    group.handshakes += proxy.measured.handshakes;
    group.cpuCoreSecondsUsed += row?.cpuCoreSecondsUsed ?? 0;
    group.cpuCoreSecondsRequested += row?.cpuCoreSecondsRequested ?? 0;
    group.memoryRequestedBytes += node === undefined ? 0 : settings.memoryRequest;
    group.memoryUsedBytes += settings.memoryUsed;
    const bill = node === undefined ? undefined : nodeOf.get(node.name);
    if (bill !== undefined && row !== undefined && bill.cpuCoreSecondsAllocatable > 0) {
      // What it takes from the node: what it reserves, or what it uses beyond that.
      const taken = Math.max(row.cpuCoreSecondsRequested, row.cpuCoreSecondsUsed);
      group.costUsd += (bill.costUsd * taken) / bill.cpuCoreSecondsAllocatable;
    }
  }
  return [...groups.values()];
}
