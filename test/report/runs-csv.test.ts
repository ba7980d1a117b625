import { describe, expect, it } from 'vitest';
import { NO_LATENCY } from '../../src/metrics/run-result.js';
import { formatNumber } from '../../src/report/csv-format.js';
import { runsCsv } from '../../src/report/runs-csv.js';
import { makeRecord, makeSweep, shuffled } from './fixtures.js';

const METRIC_HEADER =
  'requests_total,requests_succeeded,requests_failed,availability,throughput_rps,' +
  'latency_mean_ms,latency_p50_ms,latency_p90_ms,latency_p99_ms,latency_p999_ms,latency_max_ms,' +
  'latency_all_mean_ms,latency_all_p50_ms,latency_all_p90_ms,latency_all_p99_ms,' +
  'latency_all_p999_ms,latency_all_max_ms,' +
  'errors_timeout,errors_overflow,errors_error,errors_unavailable,errors_unfinished,' +
  'cpu_cores_used,node_cpu_utilization,cross_zone_calls_per_request,cross_zone_bytes,' +
  'cost_usd,cost_cross_zone_usd,cost_usd_per_million,' +
  'cost_usd_per_million_succeeded,events,' +
  'errors_connect_failure,errors_reset,errors_throttled,errors_circuit_open,errors_deadline_exceeded,' +
  'errors_fault_abort';

const lines = (csv: string) => csv.split('\n').filter((line) => line !== '');

describe('runs.csv', () => {
  it('has the exact header, with units in the names and one column per swept param', () => {
    const [header] = lines(runsCsv(makeSweep(), ['workload.shoppers.rate']));
    expect(header).toBe(`run_id,variant,workload.shoppers.rate,replication,seed,${METRIC_HEADER}`);
  });

  it('writes the header even with no runs', () => {
    expect(runsCsv([], [])).toBe(`run_id,variant,replication,seed,${METRIC_HEADER}\n`);
  });

  it('writes one row per run with its key, seed and metrics', () => {
    const record = makeRecord({
      runId: 7,
      variant: 'istio',
      params: { 'workload.shoppers.rate': '400/s' },
      replication: 2,
      seed: 12345,
      result: { latency: { p99Ms: 81.25 } },
    });
    const [, row] = lines(runsCsv([record], ['workload.shoppers.rate']));
    expect(row).toBe(
      '7,istio,400/s,2,12345,1000,990,10,0.99,110,20,15,40,81.25,120,150,25,16,42,90,2000,2000,' +
        '4,3,2,1,0,2,0.5,0.6,2500000000,0.6,0.05,600,606.06,5000,0,0,0,0,0,0',
    );
  });

  it('leaves a statistic with no samples empty, never 0', () => {
    const noSuccess = makeRecord({
      result: {
        availability: 0,
        requests: { succeeded: 0, failed: 1000 },
        latency: NO_LATENCY,
        cost: { perMillionSucceededUsd: null },
      },
    });
    const [header, row] = lines(runsCsv([noSuccess])).map((line) => line.split(','));
    const cell = (column: string) => row![header!.indexOf(column)];
    for (const column of ['latency_mean_ms', 'latency_p99_ms', 'latency_max_ms'])
      expect(cell(column), column).toBe('');
    expect(cell('cost_usd_per_million_succeeded')).toBe('');
    expect(cell('availability')).toBe('0');
    expect(cell('latency_all_p99_ms')).toBe('90');
  });

  it('orders rows by run id whatever order the records arrive in', () => {
    const sweep = makeSweep();
    const runIds = lines(runsCsv(shuffled(sweep)))
      .slice(1)
      .map((line) => Number(line.split(',')[0]));
    expect(runIds).toEqual(sweep.map((record) => record.runId));
    expect(runsCsv(shuffled(sweep))).toBe(runsCsv(sweep));
  });

  it('derives the param columns from the records when not given', () => {
    expect(lines(runsCsv(makeSweep()))[0]).toMatch(/^run_id,variant,workload\.shoppers\.rate,/);
  });

  it('quotes a variant name containing a comma or a quote', () => {
    const csv = runsCsv([
      makeRecord({ runId: 0, variant: 'mesh, strict' }),
      makeRecord({ runId: 1, variant: 'say "hi"' }),
    ]);
    expect(lines(csv)[1]).toMatch(/^0,"mesh, strict",0,/);
    expect(lines(csv)[2]).toMatch(/^1,"say ""hi""",0,/);
  });

  it('keeps full precision and spells out non-finite numbers', () => {
    const record = makeRecord({
      result: {
        latency: { meanMs: 0.1 + 0.2, p99Ms: Number.NaN, maxMs: Number.POSITIVE_INFINITY },
      },
    });
    const [header, row] = lines(runsCsv([record])).map((line) => line.split(','));
    const cell = (column: string) => row![header!.indexOf(column)];
    expect(cell('latency_mean_ms')).toBe('0.30000000000000004');
    expect(cell('latency_p99_ms')).toBe('NaN');
    expect(cell('latency_max_ms')).toBe('Inf');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('-Inf');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(1e-7)).toBe('1e-7');
  });

  it('rejects a run id that appears twice (overlapping shards)', () => {
    expect(() => runsCsv([makeRecord({ runId: 3 }), makeRecord({ runId: 3 })])).toThrow(
      'run id 3 appears more than once in the results',
    );
  });
});
