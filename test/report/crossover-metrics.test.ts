import { describe, expect, it } from 'vitest';
import type { CostLine } from '../../src/metrics/run-result.js';
import { allocatedCostPerMillion } from '../../src/report/crossover-metrics.js';
import { makeRunResult } from './fixtures.js';

const line = (item: string, subject: string, costUsd: number): CostLine => ({
  item,
  subject,
  quantity: 1,
  unit: 'h',
  unitPriceUsd: costUsd,
  costUsd,
});

describe('cost_allocated_usd_per_million', () => {
  it("adds the pods' allocation, the functions' bill and the bytes across zones, not the idle rest", () => {
    const result = makeRunResult({
      requests: { total: 2000 },
      cost: {
        crossZoneUsd: 0.001,
        lines: [line('function-requests', 'fn', 0.0004), line('gateway-requests', 'http', 0.002)],
        allocation: [
          line('allocation-cpu', 'api', 0.003),
          line('allocation-memory', 'api', 0.0005),
          line('allocation-cpu', 'api/istio-proxy', 0.0001),
          line('idle-cpu', 'cluster', 5),
          line('idle-memory', 'cluster', 7),
        ],
      },
    });
    // (0.001 + 0.0004 + 0.002 + 0.003 + 0.0005 + 0.0001) / 2000 × 1e6 = 3.5
    expect(allocatedCostPerMillion(result)).toBeCloseTo(3.5, 12);
  });

  it('has no value without an allocation (no pricing: and no functions) or without requests', () => {
    expect(allocatedCostPerMillion(makeRunResult())).toBeNull();
    const noRequests = makeRunResult({ requests: { total: 0 }, cost: { allocation: [] } });
    expect(allocatedCostPerMillion(noRequests)).toBeNull();
  });
});
