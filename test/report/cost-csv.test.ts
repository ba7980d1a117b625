import { describe, expect, it } from 'vitest';
import { perRequestUsd } from '../../src/model/cost/exact-usd.js';
import { costCsv } from '../../src/report/cost-csv.js';
import { plainDecimal } from '../../src/report/plain-decimal.js';
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
      '0,base,0,bill,function-requests,resize,1000,requests,0.0000002,0.0002,0.2',
      '0,base,0,allocation,idle-cpu,cluster,1,cluster,0.3,0.3,300',
      '',
    ]);
  });
});

describe("cost.csv's prices", () => {
  it('writes a price per request as the price list does, without a float error or an exponent', () => {
    const line = (unitPriceUsd: number) => ({ ...FUNCTION_LINE, unitPriceUsd });
    const record = makeRecord({
      result: {
        cost: {
          lines: [line(perRequestUsd(0.2)), line(perRequestUsd(0.9)), line(0.0000000309)],
        },
      },
    });
    const prices = costCsv([record])
      .trim()
      .split('\n')
      .filter((row) => row.includes('resize'))
      .map((row) => row.split(',')[8]);
    expect(prices).toEqual(['0.0000002', '0.0000009', '0.0000000309']);
  });

  it('AWS per-million prices divided naively carry float errors, which perRequestUsd avoids', () => {
    expect(String(0.2 / 1e6)).toBe('2.0000000000000002e-7');
    expect(perRequestUsd(0.2)).toBe(2e-7);
    expect(perRequestUsd(0.9)).toBe(9e-7);
    expect(perRequestUsd(3.5)).toBe(0.0000035);
  });
});

describe('plainDecimal', () => {
  it('writes out an exponent and leaves every other number as formatNumber writes it', () => {
    expect(plainDecimal(2e-7)).toBe('0.0000002');
    expect(plainDecimal(1.5046e-9)).toBe('0.0000000015046');
    expect(plainDecimal(-3.09e-8)).toBe('-0.0000000309');
    expect(plainDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(plainDecimal(1.2345e22)).toBe('12345000000000000000000');
    expect(plainDecimal(0.03124710146419819)).toBe('0.03124710146419819');
    expect(plainDecimal(0.192)).toBe('0.192');
    expect(plainDecimal(0)).toBe('0');
    expect(plainDecimal(Number.NaN)).toBe('NaN');
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
