import type { NodeLedgerMetrics, PodLedgerMetrics } from '../../metrics/run-result.js';
import type { Scenario } from '../../scenario/schema.js';
import type { BeyondNodesCost } from '../cost.js';
import type { FunctionBilling } from './function-billing.js';
import { functionCost } from './function-cost.js';
import {
  allocateNodeCost,
  scenarioPodRequests,
  scenarioPoolCapacity,
} from './opencost-allocation.js';
import { resolvePrices } from './prices.js';

/**
 * The run's cost beside its nodes' bills: its functions' bill when it has functions (the
 * function model reports their usage to `functions` during the measured period), and the
 * nodes' allocation (OpenCost) when it has functions or `pricing:`. Undefined when it has
 * neither, so that its cost summary is exactly as before issue 13.
 */
export function beyondNodesCost(
  scenario: Scenario,
  pods: readonly PodLedgerMetrics[],
  nodes: readonly NodeLedgerMetrics[],
  functions?: FunctionBilling,
): BeyondNodesCost | undefined {
  if (scenario.pricing === undefined && functions === undefined) return undefined;
  const prices = resolvePrices(scenario.pricing);
  const allocation = allocateNodeCost({
    nodes,
    pods,
    capacityOf: scenarioPoolCapacity(scenario),
    requestsOf: scenarioPodRequests(scenario),
    split: prices.kubernetes,
  });
  if (functions === undefined) return { lines: [], allocation };
  const bill = functionCost(functions, prices);
  return { functionUsd: bill.usd, lines: bill.lines, allocation };
}
