import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { failuresCsv } from '../../src/report/failures-csv.js';
import { parseScenario } from '../../src/scenario/index.js';

/**
 * Where a failure began and where it was passed on, per endpoint and cause: the split
 * failures.csv writes. One request through a hand-made chain a → b → c, so every number is
 * known without a distribution.
 */
function chain(c: { errorRate?: number; replicas?: number }) {
  // JSON is YAML: the scenario as a plain object, written out.
  const document = {
    name: 'chain',
    duration: '1s',
    services: {
      a: { endpoints: { get: { cpu: '1ms', calls: ['b.get'] } } },
      b: { endpoints: { get: { cpu: '1ms', calls: ['c.get'] } } },
      c: {
        replicas: c.replicas ?? 1,
        endpoints: { get: { cpu: '1ms', errorRate: c.errorRate ?? 0 } },
      },
    },
    workload: [{ name: 'one', arrivals: 'constant', rate: '1/s', target: 'a.get' }],
  };
  return parseScenario(JSON.stringify(document));
}

describe('failures by cause, originated and propagated', () => {
  it('a chain a → b → c whose c fails: c originated 1 error, b and a propagated 1 each', () => {
    const result = simulate(chain({ errorRate: 1 }));
    expect(result.requests.total).toBe(1);
    expect(result.requests.byCause.error).toBe(1);
    expect(result.failures).toEqual([
      { service: 'a', endpoint: 'get', cause: 'error', originated: 0, propagated: 1 },
      { service: 'b', endpoint: 'get', cause: 'error', originated: 0, propagated: 1 },
      { service: 'c', endpoint: 'get', cause: 'error', originated: 1, propagated: 0 },
    ]);
    const record = { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };
    expect(failuresCsv([record])).toBe(
      'run_id,variant,replication,service,endpoint,cause,http_status,response_flag,originated,propagated\n' +
        '0,base,0,a,get,error,500,-,0,1\n' +
        '0,base,0,b,get,error,500,-,0,1\n' +
        '0,base,0,c,get,error,500,-,1,0\n',
    );
  });

  it('a callee with no ready pod originates nothing: its callers propagate "unavailable" (503 UH)', () => {
    const result = simulate(chain({ replicas: 0 }));
    expect(result.requests.byCause.unavailable).toBe(1);
    expect(result.failures).toEqual([
      { service: 'a', endpoint: 'get', cause: 'unavailable', originated: 0, propagated: 1 },
      { service: 'b', endpoint: 'get', cause: 'unavailable', originated: 0, propagated: 1 },
    ]);
  });

  it('a run without failures lists none, and its endpoints agree with the totals', () => {
    const clean = simulate(chain({}));
    expect(clean.requests.failed).toBe(0);
    expect(clean.failures).toEqual([]);
    const failing = simulate(chain({ errorRate: 1 }));
    for (const endpoint of failing.endpoints) {
      const rows = failing.failures.filter(
        (f) => f.endpoint === endpoint.endpoint && f.service === endpoint.service,
      );
      expect(rows.reduce((sum, f) => sum + f.originated, 0)).toBe(endpoint.errorsOriginated);
      expect(rows.reduce((sum, f) => sum + f.propagated, 0)).toBe(endpoint.errorsPassedOn);
    }
  });
});
