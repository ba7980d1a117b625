import { describe, expect, it } from 'vitest';
import type { NodeLedgerMetrics, PodLedgerMetrics } from '../../src/metrics/run-result.js';
import { allocateNodeCost, nodeRates } from '../../src/model/cost/opencost-allocation.js';
import { DEFAULT_PRICES } from '../../src/model/cost/prices.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

const GiB = 2 ** 30;
const M5_LARGE = { cpuCores: 2, memoryBytes: 8 * GiB };
/** m5.large's CPU share of its price at OpenCost's default ratio: 0.063222 / 0.097118. */
const CPU_SHARE = (2 * 0.031611) / (2 * 0.031611 + 8 * 0.004237);

function node(overrides: Partial<NodeLedgerMetrics>): NodeLedgerMetrics {
  return {
    node: 'general-0',
    pool: 'general',
    zone: 'a',
    addedMs: 0,
    removedMs: null,
    nodeSeconds: 3600,
    billedSeconds: 3600,
    pricePerHourUsd: 0.096,
    costUsd: 0.096,
    podPhaseSeconds: {
      Pending: 0,
      Scheduled: 0,
      PullingImage: 0,
      Starting: 0,
      Running: 0,
      Ready: 3600,
      Terminating: 0,
    },
    cpuCoreSecondsAllocatable: 7200,
    cpuCoreSecondsRequested: 0,
    cpuCoreSecondsUsed: 0,
    ...overrides,
  };
}

function pod(overrides: Partial<PodLedgerMetrics>): PodLedgerMetrics {
  return {
    pod: 'api-0',
    service: 'api',
    version: 'v1',
    node: 'general-0',
    createdMs: 0,
    goneMs: null,
    phaseSeconds: { ...node({}).podPhaseSeconds },
    cpuCoreSecondsUsed: 0,
    cpuCoreSecondsRequested: 1800,
    cpuRequestUtilization: 0,
    ...overrides,
  };
}

function allocate(pods: PodLedgerMetrics[]) {
  return allocateNodeCost({
    nodes: [node({})],
    pods,
    capacityOf: (pool) => (pool === 'general' ? M5_LARGE : undefined),
    requestsOf: () => ({ cpuCores: 0.5, memoryBytes: GiB }),
    split: DEFAULT_PRICES.kubernetes,
  });
}

describe('node cost allocated as OpenCost does', () => {
  it("splits a node's price between cores and memory in OpenCost's ratio, the parts summing to the price", () => {
    const rates = nodeRates(node({}), M5_LARGE, DEFAULT_PRICES.kubernetes);
    expect(rates.cpuUsd + rates.memoryUsd).toBeCloseTo(0.096, 15);
    expect(rates.cpuUsdPerCoreSecond * 3600).toBeCloseTo((0.096 * CPU_SHARE) / 2, 12);
    expect(rates.memoryUsdPerGBSecond * 3600).toBeCloseTo((0.096 * (1 - CPU_SHARE)) / 8, 12);
  });

  it('charges a pod its request when it used less, and leaves the rest of the node idle', () => {
    const lines = allocate([pod({ cpuCoreSecondsUsed: 600 })]);
    const byItem = Object.fromEntries(lines.map((line) => [line.item, line]));
    // 0.5 core for an hour at 0.096 × 65.1% / 2 per core-hour; 1 GiB for an hour
    expect(byItem['allocation-cpu']?.quantity).toBe(0.5);
    expect(byItem['allocation-cpu']?.costUsd).toBeCloseTo((0.5 * 0.096 * CPU_SHARE) / 2, 12);
    expect(byItem['allocation-memory']?.quantity).toBe(1);
    expect(byItem['allocation-memory']?.costUsd).toBeCloseTo((0.096 * (1 - CPU_SHARE)) / 8, 12);
    expect(byItem['idle-cpu']?.costUsd).toBeCloseTo((1.5 * 0.096 * CPU_SHARE) / 2, 12);
    expect(lines.reduce((sum, line) => sum + line.costUsd, 0)).toBeCloseTo(0.096, 12);
  });

  it('charges a pod its use when it used more than its request', () => {
    const lines = allocate([pod({ cpuCoreSecondsUsed: 5400 })]);
    const cpu = lines.find((line) => line.item === 'allocation-cpu');
    expect(cpu?.quantity).toBe(1.5);
  });
});

describe('the allocation in a run', () => {
  it('is there for every run with nodes, pricing: or not, and changes none of the bill', () => {
    const scenario = loadScenario('cost-eks');
    const plain = simulate(scenario);
    const priced = simulate({ ...scenario, pricing: {} });
    expect(plain.cost.allocation).toEqual(priced.cost.allocation);
    expect(Object.keys(plain.cost)).toEqual([
      'periodMs',
      'nodeUsd',
      'controlPlaneUsd',
      'crossZoneUsd',
      'totalUsd',
      'perMillionRequestsUsd',
      'perMillionSucceededUsd',
      'allocation',
    ]);
    expect(plain.cost.totalUsd).toBe(0.194);
  });

  it("with pricing: allocates the nodes' bill to the service and idle, summing to the nodes' cost", () => {
    const scenario = loadScenario('cost-eks');
    scenario.pricing = {};
    const result = simulate(scenario);
    const allocation = result.cost.allocation ?? [];
    expect(allocation.map((line) => `${line.item} ${line.subject}`)).toEqual([
      'allocation-cpu api',
      'allocation-memory api',
      'idle-cpu cluster',
      'idle-memory cluster',
    ]);
    // one pod requesting 1 core and 128Mi for the 30 minutes: 0.5 core-h and 1/16 GB-h
    expect(allocation[0]?.quantity).toBeCloseTo(0.5, 9);
    expect(allocation[1]?.quantity).toBeCloseTo(0.0625, 9);
    const sum = allocation.reduce((total, line) => total + line.costUsd, 0);
    expect(sum).toBeCloseTo(result.cost.nodeUsd, 12);
    expect(result.cost.totalUsd).toBeCloseTo(0.194, 12);
  });
});
