import type { NodeUsage } from '../../metrics/ledger/cluster-ledger.js';
import { type MeasuredWindow, msInWindow } from '../../metrics/ledger/measured-window.js';
import type { NodeLedgerMetrics } from '../../metrics/run-result.js';
import type { Provider } from '../../scenario/managed-kubernetes.js';

/**
 * How a provider bills a node's life: in steps of `incrementMs` (0: exactly), and never
 * less than `minimumMs` per node. docs/nodes.md ("What nodes cost") cites each rule.
 */
export interface BillingRule {
  readonly incrementMs: number;
  readonly minimumMs: number;
}

/**
 * EC2 (EKS) and Compute Engine (GKE) bill Linux VMs per second with a one-minute minimum;
 * Azure (AKS) per second, with no minimum on its pricing page; `none` (textbook) exactly.
 */
export const BILLING_RULES: Readonly<Record<Provider, BillingRule>> = {
  eks: { incrementMs: 1000, minimumMs: 60_000 },
  gke: { incrementMs: 1000, minimumMs: 60_000 },
  aks: { incrementMs: 1000, minimumMs: 0 },
  none: { incrementMs: 0, minimumMs: 0 },
};

/** Clock noise below a microsecond is not a billed second (60,000.0000001 ms is 60 s). */
const CLOCK_NOISE_MS = 1e-3;

/**
 * The end of the stretch a node is billed for: its life rounded up to the rule's increment
 * and at least its minimum, from when it was added; a node never removed is billed to the
 * end of the run. Worked example (EKS): added at 60 s and removed at 120 s, it is billed
 * 60 s, to 120 s; removed at 80 s (20 s), the minimum, to 120 s; removed at 130.2 s, 71 s.
 */
export function billedUntilMs(
  addedMs: number,
  removedMs: number | null,
  rule: BillingRule,
): number {
  if (removedMs === null) return Number.POSITIVE_INFINITY;
  const lifeMs = removedMs - addedMs;
  const roundedMs =
    rule.incrementMs > 0
      ? Math.ceil((lifeMs - CLOCK_NOISE_MS) / rule.incrementMs) * rule.incrementMs
      : lifeMs;
  return addedMs + Math.max(roundedMs, rule.minimumMs, 0);
}

/**
 * The node's billed milliseconds that fall in the measured window: the bill is spread over
 * the stretch it pays for, and the window takes its part, as every headline figure does. A
 * node alive through the whole window is billed exactly the window, as before per-node
 * ledgers existed.
 */
export function billedMsInWindow(
  addedMs: number,
  removedMs: number | null,
  rule: BillingRule,
  window: MeasuredWindow,
): number {
  return msInWindow(addedMs, billedUntilMs(addedMs, removedMs, rule), window);
}

const MS_PER_HOUR = 3_600_000;

/**
 * Each node's ledger with its bill: price × billed hours inside the window. The hours are
 * billed ms / 3,600,000 and then times the price, the order the cost ledger always used, so
 * a static cluster's cost is the same number to the last bit.
 */
export function billNodes(
  nodes: readonly NodeUsage[],
  rule: BillingRule,
  window: MeasuredWindow,
): NodeLedgerMetrics[] {
  return nodes.map((node) => {
    const billedMs = billedMsInWindow(node.addedMs, node.removedMs, rule, window);
    return {
      ...node,
      billedSeconds: billedMs / 1000,
      costUsd: node.pricePerHourUsd * (billedMs / MS_PER_HOUR),
    };
  });
}
