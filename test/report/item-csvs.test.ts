import { describe, expect, it } from 'vitest';
import { edgesCsv } from '../../src/report/edges-csv.js';
import { servicesCsv } from '../../src/report/services-csv.js';
import { timeseriesCsv } from '../../src/report/timeseries-csv.js';
import { makeRecord, makeSweep, shuffled } from './fixtures.js';

const KEY = 'run_id,variant,workload.shoppers.rate,replication';
const lines = (csv: string) => csv.trimEnd().split('\n');

describe('timeseries.csv', () => {
  it('is long form: one row per run and window, with units in the names', () => {
    const csv = timeseriesCsv(makeSweep(1));
    expect(lines(csv)[0]).toBe(
      `${KEY},window_start_ms,scope,requests,succeeded,failed,latency_mean_ms,latency_p99_ms,ready_pods,cpu_utilization`,
    );
    expect(lines(csv).slice(1, 3)).toEqual([
      '0,no-mesh,100/s,0,0,total,100,99,1,20,80,3,0.5',
      '0,no-mesh,100/s,0,1000,total,110,110,0,21,81,3,0.55',
    ]);
    expect(lines(csv)).toHaveLength(1 + 4 * 2);
  });
});

describe('edges.csv', () => {
  it('has one row per run and edge', () => {
    const csv = edgesCsv([makeRecord({ runId: 4, variant: 'istio', replication: 1 })], []);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,from,to,requests,errors,rate_rps,latency_mean_ms,latency_p99_ms',
      '4,istio,1,client,frontend,1000,10,111.1,20,80',
    ]);
  });
});

describe('services.csv', () => {
  it('has one row per run and service', () => {
    const csv = servicesCsv([makeRecord({ runId: 2 })]);
    expect(lines(csv)).toEqual([
      'run_id,variant,replication,service,requests,errors,rate_rps,latency_p50_ms,latency_p99_ms,ready_pods,pending_pods,cpu_utilization,worker_utilization',
      '2,base,0,frontend,1000,10,111.1,15,80,3,0,0.5,0.25',
    ]);
  });
});

describe('per-run item tables', () => {
  it('order rows by run id whatever order the records arrive in', () => {
    const sweep = makeSweep();
    for (const table of [timeseriesCsv, edgesCsv, servicesCsv]) {
      expect(table(shuffled(sweep))).toBe(table(sweep));
    }
  });

  it('write only the header when there are no runs', () => {
    expect(edgesCsv([], [])).toBe(
      'run_id,variant,replication,from,to,requests,errors,rate_rps,latency_mean_ms,latency_p99_ms\n',
    );
  });
});
