import type { NodeLedgerMetrics, PodLedgerMetrics } from '../../metrics/run-result.js';
import type { Scenario } from '../../scenario/schema.js';
import type { BeyondNodesCost } from '../cost.js';
import {
  allocateNodeCost,
  scenarioPodRequests,
  scenarioPoolCapacity,
} from './opencost-allocation.js';
import { resolvePrices } from './prices.js';

/**
 * The run's cost beside its nodes' bills, or undefined when the scenario asks for none of it
 * (no `pricing:`), so that its cost summary is exactly as before issue 13. The function model
 * adds its bill here (functionCost) when it is merged.
 */
export function beyondNodesCost(
  scenario: Scenario,
  pods: readonly PodLedgerMetrics[],
  nodes: readonly NodeLedgerMetrics[],
): BeyondNodesCost | undefined {
  if (scenario.pricing === undefined) return undefined;
  const prices = resolvePrices(scenario.pricing);
  const allocation = allocateNodeCost({
    nodes,
    pods,
    capacityOf: scenarioPoolCapacity(scenario),
    requestsOf: scenarioPodRequests(scenario),
    split: prices.kubernetes,
  });
  return { lines: [], allocation };
}
