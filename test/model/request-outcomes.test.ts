import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { normalQuantile } from '../support/batch-means.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * How requests end: application errors, client timeouts, services without a ready pod,
 * and which requests the headline metrics count (warm-up). Binomial and Poisson counts are
 * checked at 99.9% (z = 3.29): a correct model fails one with probability 0.001.
 */

const Z = normalQuantile(0.9995);

function edge(result: RunResult, from: string, to: string) {
  const found = result.edges.find((e) => e.from === from && e.to === to);
  if (found === undefined) throw new Error(`no edge ${from} -> ${to}`);
  return found;
}

describe('application errors', () => {
  it('an error rate p on a leaf endpoint leaves availability 1 - p, caused by "error"', () => {
    const scenario = loadScenario('error-rate');
    const p = scenario.services.back!.endpoints.get!.errorRate;
    const result = simulate(scenario);
    const { total, failed, byCause } = result.requests;
    // Each call to back fails independently with probability p: given n requests the
    // failures are Binomial(n, p), so availability has standard error sqrt(p (1 - p) / n).
    const tolerance = Z * Math.sqrt((p * (1 - p)) / total);
    console.log('availability: theory', 1 - p, 'simulated', result.availability, '±', tolerance);
    expect(Math.abs(result.availability! - (1 - p))).toBeLessThanOrEqual(tolerance);
    expect(byCause.error).toBe(failed);
    // The caller's edge, and every service on the path, sees each failure.
    expect(edge(result, 'front', 'back').errors).toBe(failed);
    expect(edge(result, 'front', 'back').requests).toBe(total);
    expect(edge(result, 'client', 'front').errors).toBe(failed);
    const service = (name: string) => result.services.find((s) => s.service === name)!;
    expect(service('back').errors).toBe(failed);
    expect(service('front').errors).toBe(failed);
    // ...but only back originated them: front passed them on, so summing the originated
    // errors over services counts each failure once.
    expect(service('back').errorsOriginated).toBe(failed);
    expect(service('back').errorsPassedOn).toBe(0);
    expect(service('front').errorsOriginated).toBe(0);
    expect(service('front').errorsPassedOn).toBe(failed);
    const originated = result.services.reduce((sum, s) => sum + s.errorsOriginated, 0);
    expect(originated).toBe(failed);
  });
});

describe('client timeouts', () => {
  it('a timeout shorter than the work fails every request with "timeout"', () => {
    const result = simulate(loadScenario('timeout-50ms'));
    expect(result.requests.total).toBe(50); // every 200 ms for 10 s
    expect(result.requests.byCause.timeout).toBe(50);
    expect(result.availability).toBe(0);
  });

  it("the client's edge sees each timeout as an error at the timeout, while the server finishes unaware", () => {
    const result = simulate(loadScenario('timeout-50ms'));
    const clientEdge = result.edges.find((e) => e.from === 'client')!;
    expect(clientEdge.requests).toBe(50);
    expect(clientEdge.errors).toBe(50);
    const server = result.services.find((s) => s.service === clientEdge.to)!;
    expect(server.errors).toBe(0);
    expect(server.latency.count).toBe(50);
  });

  it('a timeout longer than the work fails none', () => {
    const result = simulate(loadScenario('timeout-150ms'));
    expect(result.requests.succeeded).toBe(50);
    expect(result.requests.byCause.timeout).toBe(0);
    expect(result.latency.maxMs).toBe(100);
  });
});

describe('services without a ready pod', () => {
  it('a service scaled to zero fails its calls with "unavailable"', () => {
    const result = simulate(loadScenario('unavailable-no-replicas'));
    expect(result.requests.total).toBe(50);
    expect(result.requests.byCause.unavailable).toBe(50);
    expect(edge(result, 'front', 'back').errors).toBe(50);
  });

  it('a service whose only pod is Pending fails its calls with "unavailable"', () => {
    const result = simulate(loadScenario('unavailable-pending'));
    expect(result.pods.find((p) => p.service === 'back')?.phase).toBe('Pending');
    expect(result.requests.byCause.unavailable).toBe(result.requests.total);
    expect(result.requests.total).toBe(50);
  });
});

describe('warm-up', () => {
  const scenario = loadScenario('warmup');
  const result = simulate(scenario);
  const workload = scenario.workload[0]!;
  const rate = workload.arrivals === 'poisson' ? workload.rate : Number.NaN;

  it('requests arriving before the warm-up are left out of the headline metrics', () => {
    // Arrivals in [warmup, duration) are Poisson with mean rate × (duration - warmup) =
    // 3000 and the same variance; 99.9% band: ± 3.29 √3000 ≈ ± 180.
    const expected = (rate * (scenario.duration - scenario.warmup)) / 1000;
    const tolerance = Z * Math.sqrt(expected);
    console.log(
      'measured arrivals: theory',
      expected,
      'simulated',
      result.requests.total,
      '±',
      tolerance,
    );
    expect(Math.abs(result.requests.total - expected)).toBeLessThanOrEqual(tolerance);
    expect(result.measuredMs).toBe(scenario.duration - scenario.warmup);
    // Exactly: the windows from the warm-up (a whole number of windows) to the end of
    // arrivals count the same arrivals the headline does.
    const arrivalsAfterWarmup = [...timeSeriesRows(result.timeseries)]
      .filter((w) => w.scope === 'total' && w.startMs >= scenario.warmup)
      .reduce((sum, w) => sum + w.requests, 0);
    expect(result.requests.total).toBe(arrivalsAfterWarmup);
    expect(result.latency.count).toBe(result.requests.succeeded);
  });

  it('while the time series starts at time 0 and shows the warm-up too', () => {
    const total = [...timeSeriesRows(result.timeseries)].filter((w) => w.scope === 'total');
    expect(total[0]!.startMs).toBe(0);
    expect(total.map((w) => w.startMs)).toEqual(total.map((_, i) => i * scenario.outputs.window));
    const duringWarmup = total.filter((w) => w.startMs < scenario.warmup);
    expect(duringWarmup).toHaveLength(scenario.warmup / scenario.outputs.window);
    for (const w of duringWarmup) expect(w.requests).toBeGreaterThan(0);
    const all = total.reduce((sum, w) => sum + w.requests, 0);
    expect(all).toBeGreaterThan(result.requests.total);
  });
});

describe('the drain', () => {
  it('lets calls orphaned by a failed request finish and counts them', () => {
    const result = simulate(loadScenario('orphan-branch'));
    expect(result.requests.total).toBe(10);
    expect(result.requests.byCause.error).toBe(10);
    const slow = result.services.find((s) => s.service === 'slow')!;
    // The slow calls end (from 1,400 ms on, queued for the node's cores) after every request failed.
    expect(slow.requests).toBe(10);
    expect(slow.errors).toBe(0);
    const lastWindow = [...timeSeriesRows(result.timeseries)]
      .filter((w) => w.scope === 'slow')
      .at(-1)!;
    expect(lastWindow.startMs).toBeGreaterThanOrEqual(1000);
    expect(lastWindow.succeeded).toBeGreaterThan(0);
  });
});
