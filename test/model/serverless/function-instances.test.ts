import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/metrics/run-result.js';
import { runFunction } from './function-scenario.js';

const poisson = (rate: string) => `arrivals: poisson\nrate: ${rate}\ntarget: fn.invoke`;

describe('function instances', () => {
  it('with a keep-alive of 0 start every invocation cold', () => {
    const { fn } = runFunction({
      fn: 'handler: { cpu: 100ms }\nkeepAlive: 0ms',
      workload: poisson('2/s'),
    });
    expect(fn.invocations).toBeGreaterThan(1000);
    expect(fn.coldStarts).toBe(fn.invocations);
    expect(fn.coldShare).toBe(1);
  });

  it('with a keep-alive longer than the run start cold once per instance ever needed', () => {
    const { fn } = runFunction({
      fn: 'handler: { cpu: exponential(mean=200ms) }\nmemoryMb: 1769\nkeepAlive: 365d\nmaxLifetime: 365d',
      workload: poisson('5/s'),
      duration: '1h',
    });
    expect(fn.coldStarts).toBe(fn.peakInstances);
    expect(fn.coldStarts).toBeLessThan(15);
    expect(fn.invocations).toBeGreaterThan(17_000);
  });

  it('as one instance (reserved concurrency 1) start cold with probability e^(-λT) and throttle as Erlang B', () => {
    // Poisson arrivals at λ = 1/s; a call finding the instance busy is refused (429), so
    // after each invocation the next admitted call is the next arrival, Exp(λ) later
    // whatever happened before: it is cold when that gap exceeds the keep-alive T = 1 s.
    // The share refused is Erlang B with one server, ρ / (1 + ρ), ρ = λ × 0.5 s.
    const { fn } = runFunction({
      fn: 'handler: { cpu: exponential(mean=500ms) }\nmemoryMb: 1769\ninit: 0ms\nkeepAlive: 1s\nreservedConcurrency: 1',
      workload: poisson('1/s'),
      duration: '20000s',
    });
    const admitted = fn.invocations;
    expect(fn.peakInstances).toBe(1);
    // 13,000 admitted: the cold share's standard error is 0.0042; four of them.
    expect(Math.abs(fn.coldShare! - Math.exp(-1))).toBeLessThan(0.017);
    const refused = fn.throttles / (fn.throttles + admitted);
    expect(Math.abs(refused - 1 / 3)).toBeLessThan(0.02);
  });

  it('run a CPU-bound handler faster as memory rises, up to one vCPU at 1,769 MB', () => {
    const durationAt = (memoryMb: number) =>
      runFunction({
        fn: `handler: { cpu: 100ms }\nmemoryMb: ${memoryMb}`,
        workload: poisson('1/s'),
        duration: '1m',
      }).fn.durationMeanMs!;
    expect(durationAt(128)).toBeCloseTo((100 * 1769) / 128, 6);
    expect(durationAt(512)).toBeCloseTo((100 * 1769) / 512, 6);
    expect(durationAt(1769)).toBeCloseTo(100, 6);
    // More memory buys more vCPUs, not a faster thread.
    expect(durationAt(3008)).toBeCloseTo(100, 6);
    expect(durationAt(10_240)).toBeCloseTo(100, 6);
  });

  it('scale a duration measured at one memory size to another by their vCPU shares', () => {
    const { fn } = runFunction({
      fn: 'handler: { duration: 400ms, measuredAtMb: 512 }\nmemoryMb: 1024',
      workload: poisson('1/s'),
      duration: '1m',
    });
    expect(fn.durationMeanMs!).toBeCloseTo(200, 6);
  });

  it('with provisioned concurrency above the load never start cold', () => {
    const { fn } = runFunction({
      fn: 'handler: { cpu: 100ms }\nmemoryMb: 1769\nprovisionedConcurrency: 5\nkeepAlive: 0ms',
      workload: poisson('2/s'),
    });
    expect(fn.invocations).toBeGreaterThan(1000);
    expect(fn.coldStarts).toBe(0);
    expect(fn.coldShare).toBe(0);
    expect(fn.provisionedConcurrency).toBe(5);
  });

  it('refuse every call with 429 when reserved concurrency is 0', () => {
    const { fn, result } = runFunction({
      fn: 'handler: { cpu: 10ms }\nreservedConcurrency: 0',
      workload: poisson('2/s'),
      duration: '1m',
    });
    expect(fn.invocations).toBe(0);
    expect(fn.throttles).toBe(result.requests.total);
    expect(result.requests.byCause.throttled).toBe(result.requests.total);
    // No invocation: no statistic, not a zero.
    expect(fn.coldShare).toBeNull();
    expect(fn.durationMeanMs).toBeNull();
    expect(fn.initMeanMs).toBeNull();
  });

  it('end an invocation past its timeout as an error and start the next one cold', () => {
    const { fn, result } = runFunction({
      fn: 'handler: { cpu: 5s }\nmemoryMb: 1769\ntimeout: 1s',
      workload: poisson('0.5/s'),
      duration: '5m',
    });
    expect(fn.invocations).toBeGreaterThan(100);
    expect(fn.errors).toBe(fn.invocations);
    expect(fn.coldStarts).toBe(fn.invocations);
    expect(result.requests.byCause.error).toBe(result.requests.total);
    expect(fn.durationMaxMs!).toBeLessThan(1000 + 1);
  });

  it('add the gateway to the call, count its requests and refuse past its throttle', () => {
    const { fn, result } = runFunction({
      fn: 'handler: { cpu: 10ms }\ngateway: { type: rest, latency: 10ms, throttle: { rate: 10/s, burst: 1 } }',
      workload: 'arrivals: constant\nrate: 20/s\ntarget: fn.invoke',
      duration: '1m',
    });
    expect(fn.gatewayRequests).toBe(result.requests.total);
    expect(fn.gatewayThrottles / result.requests.total).toBeCloseTo(0.5, 2);
    expect(fn.throttles).toBe(0);
    // 10 ms of gateway, the handler at 1024 MB, nothing else (no ingress latency here).
    expect(result.latency.p50Ms!).toBeCloseTo(10 + (10 * 1769) / 1024, 0);
  });

  it("answer 504 at the gateway's integration timeout while the function runs on", () => {
    // Two calls, each waiting 40 s in the handler: a REST API gives up at its default 29 s
    // (504, deadline_exceeded), yet the function runs its 40 s and is billed them.
    const run = (gateway: string, wait: string) =>
      runFunction({
        fn: `handler: { wait: ${wait} }\ntimeout: 60s\ninit: 0ms\ngateway: ${gateway}`,
        workload:
          'arrivals: trace\ntrace: { format: timestamps, values: [0, 10] }\ntarget: fn.invoke',
        duration: '2m',
      });
    const rest = run('{ type: rest, latency: 0ms }', '40s');
    expect(rest.result.requests.byCause.deadline_exceeded).toBe(2);
    expect(rest.result.latencyAll.maxMs).toBeCloseTo(29_000, 6);
    expect(rest.fn.durationMaxMs!).toBeCloseTo(40_000, 6);
    const raised = run('{ type: rest, latency: 0ms, integrationTimeout: 45s }', '40s');
    expect(raised.result.requests.byCause.deadline_exceeded ?? 0).toBe(0);
    // An HTTP API waits 30 s: 29 s passes, 31 s does not.
    expect(run('{ type: http, latency: 0ms }', '29s').result.requests.failed).toBe(0);
    expect(run('{ type: http, latency: 0ms }', '31s').result.requests.failed).toBe(2);
  });

  it('reuse the most recently used idle instance first', () => {
    // Calls at 0 and 0.01 s make instances A and B (100 ms each, no init). Every later call
    // comes alone and gets the instance used last, B, so A idles from 0.1 s and is reclaimed
    // 45 s later while B lives on: instances alive 45.1 s + 99.99 s over the 100 s run. A
    // least-recently-used rule would alternate and keep both.
    const { fn } = runFunction({
      fn: 'handler: { cpu: 100ms }\nmemoryMb: 1769\ninit: 0ms\nkeepAlive: 45s',
      workload: `arrivals: trace\ntrace: { format: timestamps, values: [0, 0.01, 1, 2, 3, 40, 41, 80, 81] }\ntarget: fn.invoke`,
      duration: '100s',
    });
    expect(fn.invocations).toBe(9);
    expect(fn.coldStarts).toBe(2);
    expect(fn.peakInstances).toBe(2);
    expect(fn.meanInstances).toBeCloseTo((45.1 + 99.99) / 100, 9);
  });
});

describe('functions in a call graph with services', () => {
  it('are called by services and call services, with edges both ways', () => {
    const { result, fn } = runFunction({
      fn: 'handler: { cpu: 5ms }\ncalls: [db.get]',
      rest: `services:
  web:
    replicas: 2
    endpoints:
      home: { cpu: 1ms, calls: [fn] }
  db:
    replicas: 2
    endpoints:
      get: { cpu: 2ms }`,
      workload: 'arrivals: poisson\nrate: 20/s\ntarget: web.home',
      duration: '1m',
    });
    const calls = (from: string, to: string) =>
      result.edges.find((e) => e.from === from && e.to === to)?.requests;
    expect(calls('web', 'fn')).toBe(result.requests.total);
    expect(calls('fn', 'db')).toBe(fn.invocations);
    expect(result.requests.failed).toBe(0);
  });

  it('stay outside a sidecar mesh: an instance has no proxy, so its calls are not retried by one', () => {
    // db (one worker, no queue) refuses many calls with 503; a meshed caller's sidecar
    // retries them (Istio's default policy), a function's calls go out once each.
    const rest = `mesh: { strategy: sidecar }
services:
  web:
    endpoints:
      home: { cpu: 1ms, calls: [db.get] }
  db:
    replicas: 1
    concurrency: 1
    queueLimit: 0
    endpoints:
      get: { cpu: 20ms }`;
    const edgeFrom = (result: RunResult, from: string) =>
      result.edges.find((e) => e.from === from && e.to === 'db')!;
    const viaFunction = runFunction({
      fn: 'handler: { cpu: 5ms }\ncalls: [db.get]',
      rest,
      workload: 'arrivals: poisson\nrate: 40/s\ntarget: fn.invoke',
      duration: '1m',
    }).result;
    const viaService = runFunction({
      fn: 'handler: { cpu: 5ms }',
      rest,
      workload: 'arrivals: poisson\nrate: 40/s\ntarget: web.home',
      duration: '1m',
    }).result;
    expect(edgeFrom(viaService, 'web').attempts).toBeGreaterThan(
      edgeFrom(viaService, 'web').requests,
    );
    const fnEdge = edgeFrom(viaFunction, 'fn');
    expect(fnEdge.attemptsFailed).toBeGreaterThan(100);
    expect(fnEdge.attempts).toBe(fnEdge.requests);
  });

  it('leave a run without functions as it was: no functions in its result', async () => {
    const { simulate } = await import('../../../src/model/simulate.js');
    const { loadScenarioFile } = await import('../../../src/runner/load-scenario-file.js');
    expect(simulate(loadScenarioFile('scenarios/checkout-chain.yaml')).functions).toBeUndefined();
  });
});
