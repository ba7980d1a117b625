import { ratio } from '../metrics/ratio.js';
import type { EdgeMetrics, RunResult } from '../metrics/run-result.js';
import { type Cell, perRunTable } from './csv-format.js';

/** After run_id, variant, <param paths...>, replication. */
export const MESH_EDGE_COLUMNS = [
  'from',
  'to',
  'effective_rps',
  'actual_rps',
  'retry_amplification',
  'effective_success_rate',
  'actual_success_rate',
  'source_requests',
  'source_latency_mean_ms',
  'destination_requests',
  'destination_latency_mean_ms',
  'mesh_overhead_mean_ms',
] as const;

export type MeshEdgeColumn = (typeof MESH_EDGE_COLUMNS)[number];

interface MeshEdge {
  edge: EdgeMetrics;
  measuredMs: number;
  source: { requests: number; sumMs: number };
  destination: { requests: number; sumMs: number };
}

/**
 * An edge as a mesh shows it: what the caller's code asked (effective: logical calls) beside
 * what went on the wire (actual: attempts, retries included), as `linkerd viz routes -o wide`
 * shows EFFECTIVE_RPS beside ACTUAL_RPS; and each side's proxy's mean latency, whose
 * difference is what the proxies and the network between them add.
 */
export function meshEdgeFields(row: MeshEdge): Record<MeshEdgeColumn, Cell> {
  const { edge, source, destination } = row;
  const sourceMean = ratio(source.sumMs, source.requests);
  const destinationMean = ratio(destination.sumMs, destination.requests);
  const perSecond = (count: number) => (row.measuredMs > 0 ? (count * 1000) / row.measuredMs : 0);
  return {
    from: edge.from,
    to: edge.to,
    effective_rps: edge.ratePerSec,
    actual_rps: perSecond(edge.attempts),
    retry_amplification: ratio(edge.attempts, edge.requests),
    effective_success_rate: ratio(edge.requests - edge.errors, edge.requests),
    actual_success_rate: ratio(edge.attempts - edge.attemptsFailed, edge.attempts),
    source_requests: source.requests,
    source_latency_mean_ms: sourceMean,
    destination_requests: destination.requests,
    destination_latency_mean_ms: destinationMean,
    mesh_overhead_mean_ms:
      sourceMean === null || destinationMean === null ? null : sourceMean - destinationMean,
  };
}

/** The edges of a run with a mesh, in edges.csv's order, joined with its proxies' reports. */
export function meshEdgesOf(result: RunResult): MeshEdge[] {
  const mesh = result.mesh;
  if (mesh === undefined) return [];
  const reports = new Map(mesh.edges.map((reports) => [`${reports.from}>${reports.to}`, reports]));
  return result.edges.map((edge) => {
    const found = reports.get(`${edge.from}>${edge.to}`);
    return {
      edge,
      measuredMs: result.measuredMs,
      source: { requests: found?.sourceRequests ?? 0, sumMs: found?.sourceDurationSumMs ?? 0 },
      destination: {
        requests: found?.destinationRequests ?? 0,
        sumMs: found?.destinationDurationSumMs ?? 0,
      },
    };
  });
}

/** mesh_edges.csv: one row per (run, edge) of the runs that have a mesh. */
export const meshEdgesCsv = perRunTable(
  MESH_EDGE_COLUMNS,
  (record) => meshEdgesOf(record.result),
  meshEdgeFields,
);
