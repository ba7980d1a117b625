import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { normalQuantile } from '../support/batch-means.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * Arrival processes put requests where the scenario says. A Poisson count with mean m has
 * variance m, and a binomial share has variance n p (1 - p): checked at 99.9% (z = 3.29).
 */

const Z = normalQuantile(0.9995);

const windowArrivals = (result: RunResult) =>
  [...timeSeriesRows(result.timeseries)].filter((w) => w.scope === 'total').map((w) => w.requests);

function expectPoissonCount(label: string, count: number, mean: number): void {
  const tolerance = Z * Math.sqrt(mean);
  console.log(`${label}: theory ${mean}, simulated ${count} ± ${tolerance.toFixed(1)}`);
  expect(Math.abs(count - mean), label).toBeLessThanOrEqual(tolerance);
}

describe('arrival processes', () => {
  it('a ramp profile scales the Poisson rate linearly over time', () => {
    const result = simulate(loadScenario('arrivals-ramp'));
    // Rate 400/s × t / 10 s: the integral over [0, 5 s) is 500, over [5 s, 10 s) 1500.
    const [first, second] = windowArrivals(result);
    expectPoissonCount('ramp, first half', first!, 500);
    expectPoissonCount('ramp, second half', second!, 1500);
  });

  it('an on/off profile sends nothing while off', () => {
    const result = simulate(loadScenario('arrivals-onoff'));
    const perSecond = windowArrivals(result).slice(0, 10);
    const on = perSecond.filter((_, i) => i % 2 === 0);
    const off = perSecond.filter((_, i) => i % 2 === 1);
    expect(off).toEqual([0, 0, 0, 0, 0]);
    expectPoissonCount(
      'on/off, on seconds',
      on.reduce((a, b) => a + b, 0),
      1000,
    );
  });

  it('a timestamp trace replays its arrivals in time order, up to the end of the run', () => {
    const result = simulate(loadScenario('arrivals-trace'));
    expect(result.requests.total).toBe(4);
    expect(windowArrivals(result).slice(0, 5)).toEqual([3, 0, 1, 0, 0]);
  });

  it('a mix sends each request to an entry endpoint with probability proportional to its weight', () => {
    const result = simulate(loadScenario('arrivals-mix'));
    const toA = result.edges.find((e) => e.from === 'client' && e.to === 'a')!.requests;
    const toB = result.edges.find((e) => e.from === 'client' && e.to === 'b')!.requests;
    const n = result.requests.total;
    expect(toA + toB).toBe(n);
    const tolerance = Z * Math.sqrt(n * 0.75 * 0.25);
    console.log(`mix share of a: theory ${0.75 * n}, simulated ${toA} ± ${tolerance.toFixed(1)}`);
    expect(Math.abs(toA - 0.75 * n)).toBeLessThanOrEqual(tolerance);
  });
});

describe('time-series windows', () => {
  it('count an arrival exactly on a window boundary in the window it opens', () => {
    const result = simulate(loadScenario('window-boundary'));
    const totals = [...timeSeriesRows(result.timeseries)].filter((w) => w.scope === 'total');
    expect(totals.map((w) => [w.startMs, w.requests])).toEqual([
      [0, 0],
      [1000, 1],
    ]);
    expect(result.requests.total).toBe(1);
  });
});
