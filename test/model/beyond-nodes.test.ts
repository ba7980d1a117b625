import { describe, expect, it } from 'vitest';
import { beyondNodesCost } from '../../src/model/cost/beyond-nodes.js';
import { FunctionBilling } from '../../src/model/cost/function-billing.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

describe("a run's cost beyond its nodes", () => {
  const scenario = loadScenario('cost-eks');
  const { pods, nodes } = simulate(scenario).ledger;

  it('is the allocation alone for a run with nodes and neither functions nor pricing:', () => {
    const cost = beyondNodesCost(scenario, pods, nodes);
    expect(cost?.lines).toEqual([]);
    expect(cost?.functionUsd).toBeUndefined();
    expect(cost?.allocation?.map((line) => line.item)).toEqual([
      'allocation-cpu',
      'allocation-memory',
      'idle-cpu',
      'idle-memory',
    ]);
  });

  it('is nothing for a run with no nodes, functions, Fargate tasks or pricing:', () => {
    expect(beyondNodesCost(scenario, [], [])).toBeUndefined();
  });

  it("holds the functions' bill and the allocation when the run has functions", () => {
    const billing = new FunctionBilling(true);
    billing.invocation({
      functionName: 'resize',
      memoryMb: 1024,
      architecture: 'x86_64',
      ephemeralStorageMb: 512,
      durationMs: 1000,
      initMs: 0,
      provisioned: false,
      restoredFromSnapshot: false,
    });
    const cost = beyondNodesCost(scenario, pods, nodes, billing);
    // 1 GB-s at 0.0000166667 (17 micro-dollars) and a request at 0.2 micro-dollars (0)
    expect(cost?.functionUsd).toBe(0.000017);
    expect(cost?.lines.map((line) => `${line.item} ${line.subject}`)).toEqual([
      'function-requests resize',
      'function-duration resize',
    ]);
    expect(cost?.allocation?.map((line) => line.item)).toContain('idle-cpu');
  });
});
