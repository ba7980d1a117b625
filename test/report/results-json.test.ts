import { describe, expect, it } from 'vitest';
import { resultsJson } from '../../src/report/results-json.js';
import { summarize } from '../../src/report/summary.js';
import { makeRecord, makeSweep, shuffled } from './fixtures.js';

const scenario = { name: 'demo', sweep: { replications: 3 }, duration: 10_000 };

describe('results.json', () => {
  it('is stable: same content in any record order or scenario key order', () => {
    const sweep = makeSweep();
    const reordered = { duration: 10_000, sweep: { replications: 3 }, name: 'demo' };
    expect(resultsJson({ scenario: reordered, records: shuffled(sweep) })).toBe(
      resultsJson({ scenario, records: sweep, summary: summarize(sweep) }),
    );
  });

  it('holds the scenario, the runs and the summary under the CSV column names', () => {
    const text = resultsJson({ scenario, records: makeSweep() });
    const document = JSON.parse(text);
    expect(Object.keys(document)).toEqual(['format_version', 'scenario', 'runs', 'summary']);
    expect(Object.keys(document.scenario)).toEqual(['duration', 'name', 'sweep']);
    const [run] = document.runs;
    expect(Object.keys(run)).toEqual([
      'run_id',
      'variant',
      'params',
      'replication',
      'seed',
      'metrics',
      'thin_quantiles',
      'services',
      'endpoints',
      'failures',
      'edges',
      'zone_pairs',
      'timeseries',
      'pods',
      'nodes',
      'pod_changes',
    ]);
    expect(run.params).toEqual({ 'workload.shoppers.rate': '100/s' });
    expect(run.endpoints[0]).toMatchObject({
      service: 'frontend',
      endpoint: 'GET /',
      requests: 1000,
      errors: 10,
      errors_originated: 6,
      errors_passed_on: 4,
      rate_rps: 111.1,
      latency_mean_ms: 20,
      latency_p50_ms: 15,
      latency_p99_ms: 50,
      cpu_waited_fraction: 0.2,
    });
    expect(run.failures).toEqual([
      {
        service: 'frontend',
        endpoint: 'GET /',
        cause: 'error',
        http_status: 500,
        response_flag: '-',
        originated: 6,
        propagated: 0,
      },
      {
        service: 'frontend',
        endpoint: 'GET /',
        cause: 'unavailable',
        http_status: 503,
        response_flag: 'UH',
        originated: 0,
        propagated: 4,
      },
    ]);
    // 990 successful requests cannot support a p99 (1,000) or a p99.9 (10,000).
    expect(run.thin_quantiles).toContain('latency_p99_ms');
    expect(run.thin_quantiles).toContain('latency_p999_ms');
    expect(run.thin_quantiles).not.toContain('latency_p90_ms');
    expect(run.thin_quantiles).toContain('services.frontend.latency_p99_ms');
    expect(run.metrics.latency_p99_ms).toBe(50);
    expect(run.edges[0]).toEqual({
      from: 'client',
      to: 'frontend',
      requests: 1000,
      errors: 10,
      rate_rps: 111.1,
      latency_mean_ms: 20,
      latency_p99_ms: 50,
      request_bytes: 1_500_000,
      response_bytes: 14_850_000,
      cross_zone_calls: 0,
      cross_zone_bytes: 0,
      attempts: 1000,
      attempts_failed: 10,
      retries: 0,
      retry_overflows: 0,
      retry_budget_refusals: 0,
      circuit_breaker_overflows: 0,
      ejections_detected: 0,
      ejections_enforced: 0,
    });
    expect(Object.keys(run.edges[0])).toEqual([
      'from',
      'to',
      'requests',
      'errors',
      'rate_rps',
      'latency_mean_ms',
      'latency_p99_ms',
      'request_bytes',
      'response_bytes',
      'cross_zone_calls',
      'cross_zone_bytes',
      'attempts',
      'attempts_failed',
      'retries',
      'retry_overflows',
      'retry_budget_refusals',
      'circuit_breaker_overflows',
      'ejections_detected',
      'ejections_enforced',
    ]);
    // The zone-pair table: what went from each zone to each zone, and what it cost.
    expect(run.zone_pairs).toEqual([
      { from_zone: 'a', to_zone: 'a', calls: 400, bytes: 1_000_000, cost_usd: 0 },
      { from_zone: 'a', to_zone: 'b', calls: 600, bytes: 2_500_000_000, cost_usd: 0.05 },
    ]);
    expect(run.metrics.cost_cross_zone_usd).toBe(0.05);
    expect(run.metrics.cross_zone_calls_per_request).toBe(0.6);
    expect(document.summary[0].metrics.latency_p99_ms.mean).toBe(52);
    expect(document.summary[0].metrics.latency_p99_ms.n).toBe(3);
    expect(document.summary[0].baseline).toBe('no-mesh');
    expect(document.summary[0].differences).toEqual({});
    expect(document.summary[2].differences.latency_p99_ms).toEqual({ n: 3, mean: 30, ci95: 0 });
    expect(document.summary).toHaveLength(4);
  });

  it('is pretty-printed with 2 spaces, spells out non-finite numbers, and writes null for no value', () => {
    const record = makeRecord({
      result: { latency: { p99Ms: Number.NaN, maxMs: Number.POSITIVE_INFINITY } },
    });
    const text = resultsJson({ scenario: {}, records: [record] });
    expect(text).toMatch(/^\{\n {2}"format_version": 2,\n/);
    expect(text.endsWith('}\n')).toBe(true);
    const document = JSON.parse(text);
    expect(document.runs[0].metrics.latency_p99_ms).toBe('NaN');
    expect(document.runs[0].metrics.latency_max_ms).toBe('Inf');
    expect(document.summary[0].metrics.latency_p50_ms).toEqual({
      n: 1,
      mean: 15,
      sd: null,
      ci95: null,
    });
    const noSuccess = makeRecord({ result: { latency: { count: 0, meanMs: null, p99Ms: null } } });
    const empty = JSON.parse(resultsJson({ scenario: {}, records: [noSuccess] }));
    expect(empty.runs[0].metrics.latency_p99_ms).toBeNull();
    expect(empty.summary[0].metrics.latency_p99_ms).toEqual({
      n: 0,
      mean: null,
      sd: null,
      ci95: null,
    });
  });
});
