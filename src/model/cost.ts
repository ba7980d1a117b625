import { ratio } from '../metrics/ratio.js';
import type { CostSummary } from '../metrics/run-result.js';
import type { ClusterNode } from './cluster.js';

const MS_PER_HOUR = 3_600_000;

/**
 * The cost ledger: node-hours at each node's price plus the control plane's hourly price,
 * over the measured period; and that cost per million requests that arrived in it, and per
 * million that succeeded (what the useful work cost).
 *
 * Worked example: 3 m5.large nodes (0.096 USD/h) and an EKS control plane (0.10 USD/h) for
 * 30 minutes cost 3 × 0.096 × 0.5 + 0.10 × 0.5 = 0.194 USD; with 540,000 requests that is
 * 0.194 / 0.54 = 0.359 USD per million requests, and if 450,000 of them succeeded,
 * 0.194 / 0.45 = 0.431 USD per million successful requests.
 */
export function computeCost(
  nodes: readonly ClusterNode[],
  controlPlanePerHourUsd: number,
  periodMs: number,
  requests: { total: number; succeeded: number },
): CostSummary {
  const hours = periodMs / MS_PER_HOUR;
  const nodeUsd = nodes.reduce((sum, node) => sum + node.pricePerHourUsd * hours, 0);
  const controlPlaneUsd = controlPlanePerHourUsd * hours;
  const totalUsd = nodeUsd + controlPlaneUsd;
  const perMillion = (count: number) => {
    const perRequest = ratio(totalUsd, count);
    return perRequest === null ? null : perRequest * 1e6;
  };
  return {
    periodMs,
    nodeUsd,
    controlPlaneUsd,
    totalUsd,
    perMillionRequestsUsd: perMillion(requests.total),
    perMillionSucceededUsd: perMillion(requests.succeeded),
  };
}
