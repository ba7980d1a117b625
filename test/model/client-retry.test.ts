import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import type { Simulation } from '../../src/engine/simulation.js';
import { headlineMetrics } from '../../src/metrics/headline.js';
import { ClientRetry } from '../../src/model/arrivals/client-retry.js';
import { sdkBackOffMs } from '../../src/model/mesh/resilience/back-off.js';
import { Request } from '../../src/model/request.js';
import { simulate } from '../../src/model/simulate.js';
import { runsCsv } from '../../src/report/runs-csv.js';
import { parseScenario } from '../../src/scenario/load.js';
import { cpuDemandByService } from '../../src/scenario/right-sizing.js';
import { estimateWork } from '../../src/scenario/work-estimate.js';

const SEED = 7;

/** One request at 0 s to `target`, with no network time, seed 7. */
function oneRequest(lines: { services?: string; functions?: string; workload: string }) {
  const text = [
    'name: retries',
    `seed: ${SEED}`,
    'duration: 1s',
    'drain: 1m',
    'cluster:',
    '  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }',
    `services: ${lines.services ?? '{}'}`,
    ...(lines.functions === undefined ? [] : ['functions:', lines.functions]),
    'workload:',
    '  - name: w',
    '    arrivals: trace',
    '    trace: { format: timestamps, values: [0] }',
    lines.workload,
  ].join('\n');
  return simulate(parseScenario(text, 'retries.yaml'));
}

/** The back-offs the workload's stream gives its retries, the n-th from base × 2^(n−1). */
function expectedBackOffs(baseMs: number, retries: number): number[] {
  const next = new RandomStreams(SEED).stream('workload:w:retry').next;
  return Array.from({ length: retries }, (_, i) => sdkBackOffMs(i + 1, baseMs, 20_000, next()));
}

describe('AWS SDK back-off (standard mode)', () => {
  it('draws the n-th retry below base × 2^(n−1), whole ms, capped after the draw', () => {
    expect(sdkBackOffMs(1, 100, 20_000, 0.999)).toBe(99);
    expect(sdkBackOffMs(2, 100, 20_000, 0.5)).toBe(100);
    expect(sdkBackOffMs(3, 100, 20_000, 0.999)).toBe(399);
    expect(sdkBackOffMs(1, 500, 20_000, 0.999)).toBe(499);
    // 100 × 2^9 = 51,200: a draw above 20,000/51,200 = 0.39 waits the cap.
    expect(sdkBackOffMs(10, 100, 20_000, 0.5)).toBe(20_000);
    expect(sdkBackOffMs(10, 100, 20_000, 0.25)).toBe(12_800);
  });
});

describe('a workload that retries (workload[].retry)', () => {
  it('sends a failing request maxAttempts times, a back-off apart, and counts one failed request', () => {
    // 100% errors after 10 ms of CPU: attempts at 0, 10 + b1, 20 + b1 + b2; it fails at 30 + b1 + b2.
    const result = oneRequest({
      services: '{ api: { endpoints: { e: { cpu: 10ms, errorRate: 100% } } } }',
      workload: '    target: api.e\n    retry: {}',
    });
    const [b1, b2] = expectedBackOffs(100, 2);
    expect(b1).toBeLessThan(100);
    expect(b2).toBeLessThan(200);
    expect(result.endpoints.find((e) => e.service === 'api')!.requests).toBe(3);
    expect(result.requests.total).toBe(1);
    expect(result.requests.failed).toBe(1);
    expect(result.requests.byCause.error).toBe(1);
    expect(result.latencyAll.maxMs).toBeCloseTo(30 + b1! + b2!, 6);
    expect(result.clientRetries).toBe(2);
    expect(headlineMetrics(result).client_retries).toBe(2);
    const [header, row] = runsCsv([
      { runId: 0, variant: 'base', params: {}, replication: 0, seed: SEED, result },
    ])
      .trim()
      .split('\n');
    expect(header!.split(',').at(-1)).toBe('client_retries');
    expect(row!.split(',').at(-1)).toBe('2');
  });

  it('retries a timed-out attempt: the server still serves both, the client waits 2 timeouts and a back-off', () => {
    const result = oneRequest({
      services: '{ api: { endpoints: { e: { cpu: 100ms } } } }',
      workload: '    target: api.e\n    timeout: 50ms\n    retry: { maxAttempts: 2 }',
    });
    const [b1] = expectedBackOffs(100, 1);
    expect(result.requests.byCause.timeout).toBe(1);
    expect(result.latencyAll.maxMs).toBeCloseTo(50 + b1! + 50, 6);
    expect(result.endpoints.find((e) => e.service === 'api')!.requests).toBe(2);
    expect(result.clientRetries).toBe(1);
  });

  it('bills a function every retried invocation', () => {
    // 3 invocations of 10 ms at 128 MB: 3 requests and 3 × 10 ms billed.
    const result = oneRequest({
      functions: '  fn: { memoryMb: 128, init: 0ms, handler: { wait: 10ms }, errorRate: 100% }',
      workload: '    target: fn.invoke\n    retry: {}',
    });
    expect(result.functions!.functions[0]!.invocations).toBe(3);
    const requests = result.cost.lines!.find((line) => line.item === 'function-requests')!;
    expect(requests.quantity).toBe(3);
    const duration = result.cost.lines!.find((line) => line.item === 'function-duration')!;
    expect(duration.quantity).toBeCloseTo(3 * 0.01 * 0.125, 9);
  });

  it('stops at the first success', () => {
    const result = oneRequest({
      services: '{ api: { endpoints: { e: { cpu: 10ms } } } }',
      workload: '    target: api.e\n    retry: { maxAttempts: 5 }',
    });
    expect(result.requests.succeeded).toBe(1);
    expect(result.clientRetries).toBe(0);
    expect(result.endpoints.find((e) => e.service === 'api')!.requests).toBe(1);
  });

  it('waits on the throttling base after a 429, on the base after anything else', () => {
    const waits: number[] = [];
    const sim = { schedule: (ms: number) => waits.push(ms) } as unknown as Simulation;
    const config = { maxAttempts: 3, baseDelay: 100, throttlingBaseDelay: 500, maxBackoff: 20_000 };
    const retry = new ClientRetry(
      sim,
      config,
      () => 0.999,
      () => {},
    );
    const first = new Request(0, true, undefined);
    expect(retry.retried(first, 'throttled')).toBe(true);
    expect(retry.retried(first, 'overflow')).toBe(true);
    first.attempt = 3;
    expect(retry.retried(first, 'error')).toBe(false);
    expect(waits).toEqual([499, 99]);
    expect(retry.retries).toBe(2);
  });

  it('is absent from a run whose workloads do not retry', () => {
    const result = oneRequest({
      services: '{ api: { endpoints: { e: { cpu: 10ms } } } }',
      workload: '    target: api.e',
    });
    expect(result.clientRetries).toBeUndefined();
    expect(Object.keys(headlineMetrics(result))).not.toContain('client_retries');
  });
});

describe('workload[].retry in a scenario file', () => {
  it('refuses attempts and delays out of bounds, each at its line, saying what is allowed', () => {
    const text = [
      'name: bad',
      'services: { api: { endpoints: { e: {} } } }',
      'workload:',
      '  - { name: w, arrivals: poisson, rate: 1/s, target: api.e, retry: { maxAttempts: 11, maxBackoff: 10m } }',
    ].join('\n');
    expect(() => parseScenario(text, 'bad.yaml')).toThrow(
      'bad.yaml:4:83: workload[0].retry.maxAttempts: must be at most 10\n' +
        "bad.yaml:4:99: workload[0].retry.maxBackoff: must be between 0s and 5m (the SDK's MAXIMUM_RETRY_DELAY)",
    );
  });

  it('counts every attempt in the work estimate, at its worst', () => {
    const scenario = (retry: string) =>
      parseScenario(
        `name: w\nservices: { api: { endpoints: { e: {} } } }\nworkload: [{ name: w, arrivals: constant, rate: 10/s, target: api.e${retry} }]`,
      );
    const requestEvents = (s: ReturnType<typeof parseScenario>) =>
      estimateWork(s).events.find((part) => part.what.includes('from workload "w"'))!;
    const plain = requestEvents(scenario(''));
    const retrying = requestEvents(scenario(', retry: { maxAttempts: 4 }'));
    expect(retrying.amount).toBe(4 * plain.amount);
    expect(retrying.what).toContain('up to 4 attempts');
  });
});

describe('right-sizing with client retries', () => {
  it('sizes for every attempt: 1 + e + e² per request at an error rate e of 50% and 3 attempts', () => {
    const demand = (retry: string) =>
      cpuDemandByService(
        parseScenario(
          `name: r\nservices: { api: { endpoints: { e: { cpu: 10ms, errorRate: 50% } } } }\nworkload: [{ name: w, arrivals: constant, rate: 100/s, target: api.e${retry} }]`,
        ),
      ).get('api')!;
    expect(demand('')).toBeCloseTo(1, 9);
    expect(demand(', retry: {}')).toBeCloseTo(1.75, 9);
  });
});
