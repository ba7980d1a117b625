import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { timeSeriesOf, timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import type { RunRecord } from '../../src/report/run-record.js';
import { timeseriesCsv } from '../../src/report/timeseries-csv.js';
import { encodeRunRecord } from '../../src/runner/resume.js';
import { parseScenario } from '../../src/scenario/index.js';
import { estimateWork } from '../../src/scenario/work-estimate.js';

/**
 * Issue 9: 30 days at 1 s windows with a request every 17 minutes took 1 GB for its 2,600
 * requests, a row per window. The run now holds a window only where something happened;
 * the quiet ones are counted, and read back (timeSeriesRows) as the rows they were.
 */

function recordOf(result: RunResult): RunRecord {
  return { runId: 0, variant: 'base', params: {}, replication: 0, seed: 1, result };
}

describe('a long, nearly empty run', () => {
  // Two days at 0.7 s windows (not a binary fraction: starts are sums, not products), a
  // request every 8 minutes: 246,900 windows, about 350 requests.
  const scenario = parseScenario(
    `name: quiet-days
duration: 2d
drain: 10s
services:
  api: { endpoints: { get: { cpu: exponential(mean=5ms) } } }
workload:
  - { name: w, arrivals: poisson, rate: 0.002/s, target: api.get }
outputs: { window: 0.7s }
`,
    'quiet-days.yaml',
  );
  const result = simulate(scenario);
  const estimate = estimateWork(scenario);
  const totals = [...timeSeriesRows(result.timeseries)].filter((row) => row.scope === 'total');

  it('holds only the windows in which something happens: within the estimate, a fraction of them all', () => {
    const held = result.timeseries.rows.length / estimate.series;
    expect(totals.length).toBe(Math.ceil(scenario.duration / scenario.outputs.window));
    expect(held).toBeLessThanOrEqual(estimate.heldWindows);
    expect(held).toBeLessThan(totals.length / 100);
  });

  it('gives back every window, each starting one window after the one before, every arrival in one', () => {
    const misplaced = totals.findIndex(
      (row, i) => i > 0 && row.startMs !== totals[i - 1]!.startMs + scenario.outputs.window,
    );
    expect(misplaced).toBe(-1);
    expect(totals.reduce((sum, row) => sum + row.requests, 0)).toBe(result.requests.total);
  });
});

describe('a series stored sparsely and the same series stored in full', () => {
  // Two services, CPU bursts longer than a window, warm-up and drain, a fractional window.
  const scenario = parseScenario(
    `name: bursts
duration: 20m
warmup: 1m
drain: 30s
services:
  api:
    replicas: 2
    resources: { requests: { cpu: 500m }, limits: { cpu: 700m } }
    endpoints: { get: { cpu: exponential(mean=3s), calls: [db.q] } }
  db:
    endpoints: { q: { cpu: constant(2.5s) } }
workload:
  - { name: w, arrivals: poisson, rate: 0.02/s, target: api.get, timeout: 20s }
outputs: { window: 0.7s }
`,
    'bursts.yaml',
  );
  const sparse = simulate(scenario);
  const dense: RunResult = {
    ...sparse,
    timeseries: timeSeriesOf([...timeSeriesRows(sparse.timeseries)]),
  };

  it('are stored in far fewer rows', () => {
    expect(sparse.timeseries.rows.length).toBeLessThan(dense.timeseries.rows.length / 2);
  });

  it('write the same timeseries.csv and the same run file', () => {
    expect(timeseriesCsv([recordOf(sparse)])).toBe(timeseriesCsv([recordOf(dense)]));
    expect(encodeRunRecord(recordOf(sparse))).toBe(encodeRunRecord(recordOf(dense)));
  });
});
