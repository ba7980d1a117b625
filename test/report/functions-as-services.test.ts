import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { summaryTable } from '../../src/cli/summary-table.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { endpointsCsv } from '../../src/report/endpoints-csv.js';
import { failuresCsv } from '../../src/report/failures-csv.js';
import { functionMetricsCsv, functionsCsv } from '../../src/report/functions-csv.js';
import { servicesCsv } from '../../src/report/services-csv.js';
import { decodeRunRecord, encodeRunRecord } from '../../src/runner/resume.js';
import { runRecordSchema } from '../../src/runner/run-file-schema.js';
import { parseScenario } from '../../src/scenario/load.js';
import { makeRecord } from './fixtures.js';

/**
 * scenarios/cold-start-bursts.yaml on demand, 20 minutes (two bursts), with the function's
 * reserved concurrency cut to 20 so that its bursts are throttled: every count below can be
 * checked by hand against functions.csv.
 */
const FILE = fileURLToPath(new URL('../../scenarios/cold-start-bursts.yaml', import.meta.url));
const raw = parse(readFileSync(FILE, 'utf8'));
delete raw.sweep;
raw.duration = '20m';
raw.functions.checkout.reservedConcurrency = 20;
const scenario = parseScenario(stringify(raw), 'cold-start-bursts.yaml');
const result = simulate(scenario);
const record = { runId: 0, variant: 'base', params: {}, replication: 0, seed: 7, result };
const fn = result.functions!.functions[0]!;

/** A CSV's rows as objects by header; the rows of `service` when given. */
function rowsOf(csv: string, service?: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header!.split(',');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i]!]));
  });
  return service === undefined ? rows : rows.filter((row) => row.service === service);
}

describe('a function in the tables services have', () => {
  it('is throttled in its bursts here (the counts below would be trivial otherwise)', () => {
    expect(fn.throttles).toBeGreaterThan(100);
    expect(fn.invocations).toBeGreaterThan(1000);
  });

  it('endpoints.csv: its invoke endpoint served its invocations and refused its throttled calls', () => {
    const [invoke] = rowsOf(endpointsCsv([record]), 'checkout');
    expect(invoke).toMatchObject({ kind: 'function', endpoint: 'invoke' });
    expect(Number(invoke!.requests)).toBe(fn.invocations + fn.throttles + fn.gatewayThrottles);
    expect(Number(invoke!.errors)).toBe(fn.errors + fn.throttles + fn.gatewayThrottles);
    expect(Number(invoke!.errors_originated)).toBe(fn.throttles);
  });

  it('failures.csv: its throttles are 429 RL rows begun at the function, passed on to no one', () => {
    const rows = rowsOf(failuresCsv([record]), 'checkout');
    expect(rows).toEqual([
      {
        run_id: '0',
        variant: 'base',
        replication: '0',
        service: 'checkout',
        kind: 'function',
        endpoint: 'invoke',
        cause: 'throttled',
        http_status: '429',
        response_flag: 'RL',
        originated: String(fn.throttles),
        propagated: '0',
      },
    ]);
    // Each request is one call to the function, with no retry: a throttle fails its request.
    expect(result.requests.byCause.throttled).toBe(fn.throttles);
  });

  it('services.csv: a row of kind function, its instances as ready pods, no node CPU', () => {
    const rows = rowsOf(servicesCsv([record]));
    expect(rows.map((row) => [row.service, row.kind])).toEqual([
      ['orders', 'service'],
      ['checkout', 'function'],
    ]);
    const checkout = rows[1]!;
    expect(Number(checkout.requests)).toBe(fn.invocations + fn.throttles);
    expect(checkout.cpu_cores_used).toBe('');
    expect(checkout.cpu_request_utilization).toBe('');
    expect(Number(checkout.worker_utilization)).toBeCloseTo(
      fn.meanConcurrency / fn.meanInstances,
      12,
    );
  });

  it('edges.csv: the calls into it (throttles failed) and out of it', () => {
    const into = result.edges.find((e) => e.from === 'client' && e.to === 'checkout')!;
    const out = result.edges.find((e) => e.from === 'checkout' && e.to === 'orders')!;
    expect(into.requests).toBe(fn.invocations + fn.throttles);
    expect(into.errors).toBe(fn.throttles);
    expect(out.requests).toBe(fn.invocations);
  });

  it('timeseries.csv: a row per window, its calls and its instances alive; none in timeseries_pods.csv', () => {
    const rows = [...timeSeriesRows(result.timeseries)].filter((w) => w.scope === 'checkout');
    expect(rows.length).toBe(20 * 6); // 20 minutes of 10 s windows
    const sum = (pick: (w: (typeof rows)[number]) => number) =>
      rows.reduce((total, w) => total + pick(w), 0);
    // No warm-up and every call ended: the windows count every call, measured or not.
    expect(sum((w) => w.requests)).toBe(fn.invocations + fn.throttles);
    expect(sum((w) => w.failed)).toBe(fn.throttles);
    expect(Math.max(...rows.map((w) => w.readyPods))).toBeLessThanOrEqual(fn.peakInstances);
    expect(rows[0]!.readyPods).toBeGreaterThan(0);
    expect(rows.every((w) => w.cpuCoresUsed === 0)).toBe(true);
    expect(result.podSeries.some((change) => change.scope === 'checkout')).toBe(false);
  });

  it("run's printed tables: marked as a function, with a Functions section and its bill", () => {
    const text = summaryTable(result);
    expect(text).toMatch(/\n {2}checkout \(function\) +\d/);
    expect(text).toContain('\nFunctions (');
    expect(text).toMatch(/nodes +control plane +cross-zone +functions +total/);
  });

  it('run files keep the kind and the new figures, so resume and merge write the same tables', () => {
    const parsed = runRecordSchema.parse(decodeRunRecord(encodeRunRecord(record)));
    expect(servicesCsv([parsed])).toBe(servicesCsv([record]));
    expect(failuresCsv([parsed])).toBe(failuresCsv([record]));
    expect(functionsCsv([parsed])).toBe(functionsCsv([record]));
    expect(functionMetricsCsv([parsed])).toBe(functionMetricsCsv([record]));
  });
});

describe('the tables of a run without functions', () => {
  it('have no kind column and no Functions section: their bytes are as before', () => {
    const plain = makeRecord();
    expect(servicesCsv([plain]).split('\n')[0]).toMatch(
      /^run_id,variant,replication,service,requests,/,
    );
    expect(endpointsCsv([plain]).split('\n')[0]).toMatch(/,service,endpoint,requests,/);
    expect(failuresCsv([plain]).split('\n')[0]).toMatch(/,service,endpoint,cause,/);
    expect(summaryTable(plain.result)).not.toContain('Functions (');
    expect(summaryTable(plain.result)).not.toMatch(/cross-zone +functions/);
  });
});

describe("a function's instances over time (function_metrics.csv)", () => {
  const minutes = rowsOf(functionMetricsCsv([record]));
  const measured = minutes.filter((m) => Number(m.minute_start_s) < 20 * 60);
  const sumOf = (column: string) =>
    measured.reduce((sum, m) => sum + Number(m[column]) * 60_000, 0);

  it('busy, idle and initializing add up to the instances alive (functions.csv mean_instances)', () => {
    const instanceMs =
      sumOf('instances_busy_mean') +
      sumOf('instances_idle_mean') +
      sumOf('instances_initializing_mean');
    expect(instanceMs / (20 * 60_000)).toBeCloseTo(fn.meanInstances, 9);
  });

  it('initializing is the time of the cold starts’ inits', () => {
    expect(sumOf('instances_initializing_mean')).toBeCloseTo(fn.initMeanMs! * fn.coldStarts, 6);
  });

  it('the bursts are busy and cold, the gaps idle', () => {
    const first = minutes[0]!;
    expect(Number(first.instances_initializing_mean)).toBeGreaterThan(0);
    expect(Number(first.instances_busy_mean)).toBeGreaterThan(1);
    const gap = minutes[5]!;
    expect(Number(gap.instances_initializing_mean)).toBe(0);
    expect(Number(gap.instances_idle_mean)).toBeGreaterThan(Number(gap.instances_busy_mean));
  });
});

describe("a function's cost per million calls (functions.csv)", () => {
  const [row] = rowsOf(functionsCsv([record]));

  it("is the function's bill and its gateway's, whole, over the calls endpoints.csv counts", () => {
    expect(Number(row!.cost_usd)).toBe(result.cost.functionUsd);
    const calls = fn.invocations + fn.throttles + fn.gatewayThrottles;
    expect(Number(row!.cost_per_million_usd)).toBeCloseTo(
      (result.cost.functionUsd! / calls) * 1e6,
      9,
    );
  });

  it('adds up from requests, duration, provisioned, gateway and other', () => {
    const parts = ['requests', 'duration', 'provisioned', 'gateway', 'other'].map((part) =>
      Number(row![`cost_per_million_${part}_usd`]),
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(Number(row!.cost_per_million_usd), 9);
    // Requests: 0.20 USD per million invocations, over invocations and throttled calls (the
    // bill's line is rounded to a micro-dollar: within 0.5 / calls of it).
    expect(
      Math.abs(parts[0]! - (0.2 * fn.invocations) / (fn.invocations + fn.throttles)),
    ).toBeLessThanOrEqual(0.5 / (fn.invocations + fn.throttles));
    // The HTTP API: 1.00 USD per million of every call it took, refused ones included.
    expect(parts[3]).toBeCloseTo(1, 6);
    expect(parts[2]).toBe(0);
  });
});
