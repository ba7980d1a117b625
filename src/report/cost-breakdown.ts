import { ratio } from '../metrics/ratio.js';
import type { CostLine, RunResult, Statistic } from '../metrics/run-result.js';

/** One part of a run's cost: what paid for it, in USD and per million requests. */
export interface CostPart {
  what: string;
  usd: number;
  perMillionRequestsUsd: Statistic;
}

/**
 * A run's cost split by what it paid for (docs/cost.md), its parts summing to cost_usd: the
 * nodes' bills as OpenCost allocates them (each service's pods, then the idle capacity),
 * the control plane, the bytes across zones, then each function, gateway and Fargate
 * service. Without an allocation (a run with no nodes) the nodes are one part.
 */
export function costBreakdown(result: RunResult): CostPart[] {
  const { cost, requests } = result;
  const parts = new Map<string, number>();
  const add = (what: string, usd: number) => parts.set(what, (parts.get(what) ?? 0) + usd);
  if (cost.allocation === undefined) add('nodes', cost.nodeUsd);
  for (const line of cost.allocation ?? []) add(allocationPart(line), line.costUsd);
  add('control plane', cost.controlPlaneUsd);
  add('cross-zone bytes', cost.crossZoneUsd);
  for (const line of cost.lines ?? []) add(billPart(line), line.costUsd);
  return [...parts].map(([what, usd]) => {
    const perRequest = ratio(usd, requests.total);
    return { what, usd, perMillionRequestsUsd: perRequest === null ? null : perRequest * 1e6 };
  });
}

function allocationPart(line: CostLine): string {
  return line.item.startsWith('idle-') ? 'idle nodes' : `${line.subject} (its pods on nodes)`;
}

function billPart(line: CostLine): string {
  if (line.item.startsWith('free-tier')) return 'free tier';
  const kind = line.item.slice(0, line.item.indexOf('-'));
  return kind === 'fargate' ? `${line.subject} (Fargate)` : `${kind} ${line.subject}`;
}
