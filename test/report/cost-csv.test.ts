import { describe, expect, it } from 'vitest';
import { costCsv } from '../../src/report/cost-csv.js';
import { decodeRunRecord, encodeRunRecord } from '../../src/runner/resume.js';
import { runRecordSchema } from '../../src/runner/run-file-schema.js';
import { outputFileNames, sweepOutputFiles } from '../../src/runner/sweep.js';
import { parseScenario } from '../../src/scenario/index.js';
import { makeRecord } from './fixtures.js';

const SCENARIO = parseScenario(`name: fixture
services:
  frontend:
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, arrivals: poisson, rate: 10/s, target: frontend.get }
`);

const FUNCTION_LINE = {
  item: 'function-requests',
  subject: 'resize',
  quantity: 1000,
  unit: 'requests',
  unitPriceUsd: 2e-7,
  costUsd: 0.0002,
};

describe('cost.csv', () => {
  it('is not written for runs without a cost ledger beyond their nodes: the outputs are as before', () => {
    const records = [makeRecord()];
    expect(outputFileNames(records)).not.toContain('cost.csv');
    expect(Object.keys(sweepOutputFiles(SCENARIO, records))).not.toContain('cost.csv');
  });

  it('lists the bill (nodes, control plane, cross-zone bytes, functions) then the allocation', () => {
    const record = makeRecord({
      result: {
        cost: {
          lines: [FUNCTION_LINE],
          allocation: [
            {
              item: 'idle-cpu',
              subject: 'cluster',
              quantity: 1,
              unit: 'cluster',
              unitPriceUsd: 0.3,
              costUsd: 0.3,
            },
          ],
        },
      },
    });
    expect(outputFileNames([record])).toContain('cost.csv');
    expect(costCsv([record]).split('\n')).toEqual([
      'run_id,variant,replication,ledger,item,subject,quantity,unit,unit_price_usd,cost_usd,usd_per_million_requests',
      // 1000 requests: each line's cost × 1000 is its share of the cost per million.
      '0,base,0,bill,node,n1,0.0025,h,180,0.45,450',
      '0,base,0,bill,control-plane,cluster,0.0025,h,40,0.1,100',
      '0,base,0,bill,cross-zone,cluster,2.5,GB,0.02,0.05,50',
      '0,base,0,bill,function-requests,resize,1000,requests,2e-7,0.0002,0.2',
      '0,base,0,allocation,idle-cpu,cluster,1,cluster,0.3,0.3,300',
      '',
    ]);
  });
});

describe('run files keep the cost ledger', () => {
  it('reads back the lines and the allocation a run file holds, so resume and merge write the same cost.csv', () => {
    const record = makeRecord({
      result: {
        cost: { functionUsd: 0.0002, lines: [FUNCTION_LINE], allocation: [FUNCTION_LINE] },
      },
    });
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(record)));
    expect(parsed.result.cost).toEqual(record.result.cost);
  });
});
