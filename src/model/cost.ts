import { ratio } from '../metrics/ratio.js';
import type { CostLine, CostSummary } from '../metrics/run-result.js';

const MS_PER_HOUR = 3_600_000;
const BYTES_PER_GB = 1e9;

/** USD per GB (10^9 bytes) billed on the sending and on the receiving side of a zone crossing. */
export interface CrossZonePrices {
  out: number;
  in: number;
}

/**
 * What bytes crossing zones cost: each byte leaves one zone and enters another, so it is
 * billed out + in. Worked example: 50 GB on EKS (0.01 + 0.01 USD/GB) cost 1.00 USD.
 */
export function crossZoneCostUsd(bytes: number, prices: CrossZonePrices): number {
  return (bytes / BYTES_PER_GB) * (prices.out + prices.in);
}

/**
 * The cost ledger: the nodes' bills (each node's ledger: its price × the hours billed in the
 * measured period under the provider's rule, src/model/cost/node-billing.ts) plus the
 * control plane's hourly price over the measured period, plus the bytes the measured requests sent across zones,
 * plus, when the run has them, its functions' and per-task containers' bills; and
 * that cost per million requests that arrived in it, and per million that succeeded (what
 * the useful work cost).
 *
 * Worked example: 3 m5.large nodes (0.096 USD/h) and an EKS control plane (0.10 USD/h) for
 * 30 minutes cost 3 × 0.096 × 0.5 + 0.10 × 0.5 = 0.194 USD; with 540,000 requests that is
 * 0.194 / 0.54 = 0.359 USD per million requests, and if 450,000 of them succeeded,
 * 0.194 / 0.45 = 0.431 USD per million successful requests. Had they sent 5 GB across
 * zones, 0.10 USD more: 0.294 USD.
 */
export function computeCost(
  nodes: readonly { costUsd: number }[],
  controlPlanePerHourUsd: number,
  periodMs: number,
  requests: { total: number; succeeded: number },
  crossZone: { bytes: number; prices: CrossZonePrices },
  beyondNodes?: BeyondNodesCost,
): CostSummary {
  const hours = periodMs / MS_PER_HOUR;
  // In node order, as it always added them: a static cluster's sum is the same number.
  const nodeUsd = nodes.reduce((sum, node) => sum + node.costUsd, 0);
  const controlPlaneUsd = controlPlanePerHourUsd * hours;
  const crossZoneUsd = crossZoneCostUsd(crossZone.bytes, crossZone.prices);
  const clusterUsd = nodeUsd + controlPlaneUsd + crossZoneUsd;
  // Added only when there is something beyond nodes, so a cluster-only total is the same float.
  const totalUsd =
    beyondNodes === undefined
      ? clusterUsd
      : clusterUsd + (beyondNodes.functionUsd ?? 0) + (beyondNodes.fargateUsd ?? 0);
  const perMillion = (count: number) => {
    const perRequest = ratio(totalUsd, count);
    return perRequest === null ? null : perRequest * 1e6;
  };
  const summary: CostSummary = {
    periodMs,
    nodeUsd,
    controlPlaneUsd,
    crossZoneUsd,
    totalUsd,
    perMillionRequestsUsd: perMillion(requests.total),
    perMillionSucceededUsd: perMillion(requests.succeeded),
  };
  if (beyondNodes === undefined) return summary;
  if (beyondNodes.functionUsd !== undefined) summary.functionUsd = beyondNodes.functionUsd;
  if (beyondNodes.fargateUsd !== undefined) summary.fargateUsd = beyondNodes.fargateUsd;
  if (beyondNodes.lines.length > 0) summary.lines = beyondNodes.lines;
  if (beyondNodes.allocation !== undefined) summary.allocation = beyondNodes.allocation;
  return summary;
}

/**
 * What a run cost beside its nodes (issue 13): its functions' bill (`functionCost`) and its
 * per-task containers' (`fargateCost`), with the lines they add up from, and the nodes'
 * allocation when the scenario asks for it (`pricing:`). A run with none of them passes
 * nothing, and its cost summary is as it always was.
 */
export interface BeyondNodesCost {
  functionUsd?: number;
  fargateUsd?: number;
  lines: CostLine[];
  /** the nodes' bills allocated to services (src/model/cost/opencost-allocation.ts) */
  allocation?: CostLine[];
}
