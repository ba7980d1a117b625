import type { NodeLedgerMetrics, PodLedgerMetrics } from '../../metrics/run-result.js';
import type { Scenario } from '../../scenario/schema.js';
import type { BeyondNodesCost } from '../cost.js';
import { type FargateTask, fargateCost } from './fargate-billing.js';
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
 * function model reports their usage to `functions` during the measured period), its
 * Fargate tasks' bill when it has any, and the nodes' allocation (OpenCost) whenever it has
 * nodes. Undefined when it has none of them, so that its cost summary is as before.
 */
export function beyondNodesCost(
  scenario: Scenario,
  pods: readonly PodLedgerMetrics[],
  nodes: readonly NodeLedgerMetrics[],
  functions?: FunctionBilling,
  fargateTasks: readonly FargateTask[] = [],
): BeyondNodesCost | undefined {
  const anyFargate = fargateTasks.length > 0;
  if (
    nodes.length === 0 &&
    scenario.pricing === undefined &&
    functions === undefined &&
    !anyFargate
  )
    return undefined;
  const prices = resolvePrices(scenario.pricing);
  const allocation = allocateNodeCost({
    nodes,
    pods,
    capacityOf: scenarioPoolCapacity(scenario),
    requestsOf: scenarioPodRequests(scenario),
    split: prices.kubernetes,
  });
  const cost: BeyondNodesCost = { lines: [], allocation };
  if (functions !== undefined) {
    const bill = functionCost(functions, prices);
    cost.functionUsd = bill.usd;
    cost.lines.push(...bill.lines);
  }
  if (anyFargate) {
    const bill = fargateCost(fargateTasks, prices.fargate);
    cost.fargateUsd = bill.usd;
    cost.lines.push(...bill.lines);
  }
  return cost;
}
