import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import type { Attempt } from '../../src/model/traffic/attempt.js';
import type { LogicalCall } from '../../src/model/traffic/logical-call.js';
import { parseScenario } from '../../src/scenario/index.js';
import { trafficHarness } from '../support/traffic-harness.js';

/**
 * Calls made of attempts, cancellation and call-step timeouts, hand-computed. Zero network
 * and constant CPU times make every number exact; each case runs under both CPU rules.
 */

const RULES = ['fifo', 'cfs'] as const;

/** front.get (no CPU) calls slow.get (100 ms of CPU) with a step timeout; one request at 0. */
function stepTimeoutScenario(rule: string, timeout: string, onClientGone: string): string {
  return `
name: step-timeout
duration: 1s
cluster:
  cpuScheduler: ${rule}
  nodePools: [{ name: big, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  front:
    endpoints:
      get: { cpu: 0ms, calls: [{ call: slow.get, timeout: ${timeout} }] }
  slow:
    onClientGone: ${onClientGone}
    endpoints:
      get: { cpu: 100ms }
workload:
  - { name: users, arrivals: trace, trace: { format: timestamps, values: [0] }, target: front.get }
`;
}

const run = (yaml: string) => simulate(parseScenario(yaml, 'step-timeout.yaml'));
const service = (result: RunResult, name: string) =>
  result.services.find((s) => s.service === name)!;
const edge = (result: RunResult, from: string, to: string) =>
  result.edges.find((e) => e.from === from && e.to === to)!;

describe.each(RULES)('a 50 ms step timeout on a call that needs 100 ms of CPU (%s)', (rule) => {
  it('ends the attempt at 50 ms with deadline_exceeded, and the caller fails with it', () => {
    const result = run(stepTimeoutScenario(rule, '50ms', 'finish'));
    expect(result.requests.byCause.deadline_exceeded).toBe(1);
    expect(result.requests.failed).toBe(1);
    expect(result.latencyAll.maxMs).toBe(50);
    const call = edge(result, 'front', 'slow');
    expect([call.requests, call.errors, call.attempts, call.attemptsFailed]).toEqual([1, 1, 1, 1]);
    expect(call.latency.count).toBe(0);
    // It began in front's own client (a client-side cause): no service originated it, front
    // counts it as passed on, as docs/outputs.md says of every client-side cause.
    expect(service(result, 'front').errorsOriginated).toBe(0);
    expect(service(result, 'front').errorsPassedOn).toBe(1);
    expect(result.failures).toEqual([
      {
        service: 'front',
        endpoint: 'get',
        cause: 'deadline_exceeded',
        originated: 0,
        propagated: 1,
      },
    ]);
  });

  it('with onClientGone: cancel, the pod stops at 50 ms: 50 core-ms of work in 1 s', () => {
    const result = run(stepTimeoutScenario(rule, '50ms', 'cancel'));
    expect(service(result, 'slow').coresUsed).toBeCloseTo(50 / 1000, 12);
    // The server's call ended, cancelled: a failure that began with its caller.
    expect(service(result, 'slow').errors).toBe(1);
    expect(service(result, 'slow').errorsPassedOn).toBe(1);
    expect(result.requests.byCause.deadline_exceeded).toBe(1);
  });

  it('with onClientGone: finish, the pod does all 100 ms, unaware', () => {
    const result = run(stepTimeoutScenario(rule, '50ms', 'finish'));
    expect(service(result, 'slow').coresUsed).toBeCloseTo(100 / 1000, 12);
    expect(service(result, 'slow').errors).toBe(0);
    expect(service(result, 'slow').latency.maxMs).toBe(100);
  });

  it('a timeout of 100.5 ms lets the 100 ms call succeed, with or without cancellation', () => {
    for (const mode of ['finish', 'cancel']) {
      const result = run(stepTimeoutScenario(rule, '100.5ms', mode));
      expect(result.requests.succeeded).toBe(1);
      expect(result.latency.maxMs).toBe(100);
      expect(service(result, 'slow').coresUsed).toBeCloseTo(100 / 1000, 12);
    }
  });

  it('a timeout of 99.5 ms fails it at 99.5 ms; cancelled, the pod worked 99.5 ms', () => {
    const cancelled = run(stepTimeoutScenario(rule, '99.5ms', 'cancel'));
    expect(cancelled.requests.byCause.deadline_exceeded).toBe(1);
    expect(cancelled.latencyAll.maxMs).toBe(99.5);
    expect(service(cancelled, 'slow').coresUsed).toBeCloseTo(99.5 / 1000, 12);
    const finished = run(stepTimeoutScenario(rule, '99.5ms', 'finish'));
    expect(finished.requests.byCause.deadline_exceeded).toBe(1);
    expect(service(finished, 'slow').coresUsed).toBeCloseTo(100 / 1000, 12);
  });
});

/** slow.get: one worker, 100 ms of CPU; requests sent straight to it. */
function oneWorker(rule: string, onClientGone: string): string {
  return `
name: one-worker
duration: 1s
cluster:
  cpuScheduler: ${rule}
  nodePools: [{ name: big, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  slow:
    concurrency: 1
    onClientGone: ${onClientGone}
    endpoints:
      get: { cpu: 100ms }
workload:
  - { name: users, arrivals: constant, rate: 1/s, target: slow.get }
`;
}

describe.each(RULES)('a cancelled call waiting for a worker (%s)', (rule) => {
  // A at 0 takes the only worker until 100. B at 10 (its client gives up at 60) and C at
  // 20 queue behind it.
  function queueOfThree(onClientGone: string) {
    const h = trafficHarness(oneWorker(rule, onClientGone));
    h.send(0, 'slow.get');
    h.send(10, 'slow.get', 50);
    h.send(20, 'slow.get');
    h.sim.run();
    const endings = h.requests.map((r) => h.endings.find((e) => e.request === r)!);
    return { h, endedAt: endings.map((e) => e.atMs), failures: endings.map((e) => e.failure) };
  }

  it('leaves the queue: the next call is served at once when the worker frees', () => {
    const { h, endedAt, failures } = queueOfThree('cancel');
    // B times out at 60 and leaves the queue; C starts at 100 and is done at 200.
    expect(endedAt).toEqual([100, 60, 200]);
    expect(failures).toEqual([undefined, 'timeout', undefined]);
    expect(h.pod('slow').busyCores.areaAt(1000)).toBeCloseTo(200, 9);
    expect(h.pod('slow').workerQueue.length).toBe(0);
    expect(h.traffic.callsInFlight).toBe(0);
  });

  it('without cancellation it stays queued and runs: C waits for it, done at 300', () => {
    const { h, endedAt } = queueOfThree('finish');
    expect(endedAt).toEqual([100, 60, 300]);
    expect(h.pod('slow').busyCores.areaAt(1000)).toBeCloseTo(300, 9);
    expect(h.traffic.callsInFlight).toBe(0);
  });
});

/** front.get (10 ms of CPU) calls slow.get (100 ms); both services with the same option. */
function twoHops(rule: string, onClientGone: string): string {
  return `
name: two-hops
duration: 1s
cluster:
  cpuScheduler: ${rule}
  nodePools: [{ name: big, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  front:
    onClientGone: ${onClientGone}
    endpoints:
      get: { cpu: 10ms, calls: [slow.get] }
  slow:
    onClientGone: ${onClientGone}
    endpoints:
      get: { cpu: 100ms }
workload:
  - { name: users, arrivals: constant, rate: 1/s, target: front.get }
`;
}

describe.each(RULES)("the end client's timeout (%s)", (rule) => {
  it('with cancellation on, cancels the work down the call graph', () => {
    // front works 0-10, calls slow at 10; the client gives up at 60: slow has worked 50 ms.
    const h = trafficHarness(twoHops(rule, 'cancel'));
    h.send(0, 'front.get', 60);
    h.sim.run();
    expect(h.endings.map((e) => [e.failure, e.atMs])).toEqual([['timeout', 60]]);
    expect(h.pod('front').busyCores.areaAt(1000)).toBeCloseTo(10, 9);
    expect(h.pod('slow').busyCores.areaAt(1000)).toBeCloseTo(50, 9);
    expect(h.sim.now).toBe(60);
    expect(h.traffic.callsInFlight).toBe(0);
    // front's call to slow ended, failed, when front was cancelled.
    expect(h.edge('front', 'slow').stats.errors).toBe(1);
    expect(h.edge('front', 'slow').attempts.failed).toBe(1);
  });

  it('with cancellation off, the servers finish the work', () => {
    const h = trafficHarness(twoHops(rule, 'finish'));
    h.send(0, 'front.get', 60);
    h.sim.run();
    expect(h.endings.map((e) => [e.failure, e.atMs])).toEqual([['timeout', 60]]);
    expect(h.pod('slow').busyCores.areaAt(1000)).toBeCloseTo(100, 9);
    expect(h.sim.now).toBe(110);
    expect(h.edge('front', 'slow').stats.errors).toBe(0);
  });
});

describe('the retry hook', () => {
  // back: two pods, round-robin, one worker each and no queue. "slow" holds its pod for
  // 100 ms, "fast" for 1 ms. Round-robin picks the pods in turn: X, Y, X, Y.
  const yaml = `
name: retry-hook
duration: 1s
cluster:
  nodePools: [{ name: big, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  back:
    replicas: 2
    loadBalancer: round-robin
    concurrency: 1
    queueLimit: 0
    endpoints:
      slow: { cpu: 100ms }
      fast: { cpu: 1ms }
workload:
  - { name: users, arrivals: constant, rate: 1/s, target: back.fast }
`;

  it('by default sends no second attempt: the turned-away call fails with overflow', () => {
    const h = trafficHarness(yaml);
    h.send(0, 'back.slow'); // X, busy until 100
    h.send(0, 'back.fast'); // Y, done at 1
    h.send(10, 'back.fast'); // X: busy, no queue: 503
    h.sim.run();
    expect(h.endings.map((e) => [e.failure, e.atMs])).toEqual([
      [undefined, 1],
      ['overflow', 10],
      [undefined, 100],
    ]);
    const { stats, attempts } = h.edge('client', 'back');
    expect([stats.requests, stats.errors, attempts.attempts, attempts.failed]).toEqual([
      3, 1, 3, 1,
    ]);
  });

  it('a scripted policy sends a second attempt to the other pod; the call ends once', () => {
    const decisions: { call: LogicalCall; failed: Attempt }[] = [];
    const h = trafficHarness(yaml, (call, failed) => {
      decisions.push({ call, failed });
      return call.attempts < 2;
    });
    h.send(0, 'back.slow');
    h.send(0, 'back.fast');
    h.send(10, 'back.fast');
    h.sim.run();
    // The third request: its first attempt turned away by X at 10, its second served by Y
    // from 10 to 11. The client sees one success at 11.
    expect(h.endings.map((e) => [e.failure, e.atMs])).toEqual([
      [undefined, 1],
      [undefined, 11],
      [undefined, 100],
    ]);
    expect(decisions).toHaveLength(1);
    const { call, failed } = decisions[0]!;
    expect(failed.failure).toBe('overflow');
    expect(call.attempts).toBe(2);
    expect(call.attempt).not.toBe(failed);
    expect(failed.pod).toBe(h.pod('back', 0));
    expect(call.attempt!.pod).toBe(h.pod('back', 1));
    expect(call.ended).toBe(true);
    // The edge: three logical calls, none failed; four attempts, one failed.
    const { stats, attempts } = h.edge('client', 'back');
    expect([stats.requests, stats.errors, attempts.attempts, attempts.failed]).toEqual([
      3, 0, 4, 1,
    ]);
    expect(stats.latency.summary().maxMs).toBe(100);
  });
});

describe.each(RULES)("a cancelled attempt and its caller's connection (%s)", (rule) => {
  // One HTTP/1.1 connection from front's pod to slow: the request at 60 ms waits for it.
  const yaml = (onClientGone: string) =>
    stepTimeoutScenario(rule, '50ms', onClientGone)
      .replace(
        '    onClientGone:',
        '    connections: { protocol: http1, maxConnections: 1 }\n    onClientGone:',
      )
      .replace('values: [0]', 'values: [0, 0.06]');

  it('cancelled at 50 ms, it frees the connection: the second call goes out at 60 ms', () => {
    const result = run(yaml('cancel'));
    expect(service(result, 'slow').requests).toBe(2);
    // Each attempt ran 50 ms before its caller gave up: 100 core-ms in 1 s.
    expect(service(result, 'slow').coresUsed).toBeCloseTo(100 / 1000, 12);
    expect(result.requests.byCause.deadline_exceeded).toBe(2);
  });

  it('a call that gave up while waiting for the connection is never sent', () => {
    // The second request, at 10 ms, waits for the connection; its deadline passes at 60 ms,
    // while the first (left to finish) holds the connection until 100 ms.
    const result = run(yaml('finish').replace('values: [0, 0.06]', 'values: [0, 0.01]'));
    expect(result.requests.byCause.deadline_exceeded).toBe(2);
    expect(service(result, 'slow').requests).toBe(1);
    expect(service(result, 'slow').coresUsed).toBeCloseTo(100 / 1000, 12);
  });

  it('left to finish, it holds the connection until its response at 100 ms', () => {
    const result = run(yaml('finish'));
    expect(service(result, 'slow').requests).toBe(2);
    expect(service(result, 'slow').coresUsed).toBeCloseTo(200 / 1000, 12);
    // The second attempt reached slow at 100 ms and ran to 200 ms, its caller gone at 110.
    expect(service(result, 'slow').latency.maxMs).toBe(100);
  });
});
