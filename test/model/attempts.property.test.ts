import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { FailureCause } from '../../src/metrics/failure-causes.js';
import { simulate } from '../../src/model/simulate.js';
import { type Attempt, ON_CPU } from '../../src/model/traffic/attempt.js';
import type { LogicalCall } from '../../src/model/traffic/logical-call.js';
import { parseScenario } from '../../src/scenario/index.js';
import { trafficHarness } from '../support/traffic-harness.js';

/**
 * Invariants of calls, attempts and cancellation over generated small scenarios: 1-3
 * services calling only later ones (a DAG), sequential and parallel calls with step
 * timeouts, each service finishing or cancelling the work of a client that gave up, both
 * CPU rules, end-client timeouts, and a retry decision that sends up to two more attempts.
 * The request path runs on its own (test/support/traffic-harness.ts) until nothing is left.
 */

const NAMES = ['s0', 's1', 's2'];
const ms = (min: number, max: number) => fc.integer({ min, max }).map((v) => `${v}ms`);

function steps(from: number, services: number) {
  if (from >= services - 1) return fc.constant([]);
  const call = fc
    .record({
      service: fc.integer({ min: from + 1, max: services - 1 }),
      timeout: fc.option(ms(1, 40), { nil: undefined }),
    })
    .map(({ service, timeout }) =>
      timeout === undefined ? `${NAMES[service]}.op` : { call: `${NAMES[service]}.op`, timeout },
    );
  const step = fc.oneof(
    call,
    fc.array(call, { minLength: 1, maxLength: 3 }).map((parallel) => ({ parallel })),
  );
  return fc.array(step, { maxLength: 2 });
}

const service = (index: number, services: number) =>
  fc.record({
    replicas: fc.constantFrom(1, 1, 2),
    concurrency: fc.integer({ min: 1, max: 3 }),
    queueLimit: fc.integer({ min: 0, max: 3 }),
    holdWorkerWhileWaiting: fc.boolean(),
    onClientGone: fc.constantFrom('finish', 'cancel'),
    endpoints: fc.record({
      op: fc.record({
        cpu: fc.oneof(
          ms(0, 20),
          ms(1, 20).map((m) => `exponential(mean=${m})`),
        ),
        errorRate: fc.constantFrom(0, 0, 0.2),
        calls: steps(index, services),
      }),
    }),
  });

const input = fc.integer({ min: 1, max: 3 }).chain((services) =>
  fc.record({
    seed: fc.nat(1000),
    rule: fc.constantFrom('fifo', 'cfs'),
    nodeCpu: fc.constantFrom(1, 2, 4),
    network: fc.constantFrom('0ms', '1ms', 'exponential(mean=1ms)'),
    services: fc.tuple(...Array.from({ length: services }, (_, i) => service(i, services))),
    requests: fc.array(
      fc.record({
        atMs: fc.integer({ min: 0, max: 200 }),
        timeoutMs: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    timeout: fc.option(ms(1, 60), { nil: undefined }),
    retries: fc.integer({ min: 0, max: 2 }),
  }),
);

type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(g: Input): string {
  return stringify({
    name: 'generated',
    seed: g.seed,
    duration: '1s',
    drain: '30s',
    cluster: {
      provider: 'none',
      cpuScheduler: g.rule,
      nodePools: [{ name: 'pool', cpu: g.nodeCpu, memory: '16Gi', pricePerHour: 0.1, count: 1 }],
      network: { sameZone: g.network, crossZone: g.network, ingress: g.network },
    },
    services: Object.fromEntries(
      g.services.map((s, i) => [NAMES[i], { ...s, resources: { requests: { cpu: '100m' } } }]),
    ),
    workload: [
      {
        name: 'users',
        arrivals: 'poisson',
        rate: '50/s',
        target: 's0.op',
        ...(g.timeout === undefined ? {} : { timeout: g.timeout }),
      },
    ],
  });
}

describe('calls and attempts, over generated scenarios', () => {
  it('every logical call ends once, attempts >= calls, no CPU for a cancelled attempt', () => {
    fc.assert(
      fc.property(input, (g) => {
        const h = trafficHarness(yamlOf(g), (call) => call.attempts <= g.retries);
        const traffic = h.traffic as unknown as Record<string, (...args: never[]) => void>;
        const ends = new Map<LogicalCall, number>();
        const start = traffic.startCall!.bind(h.traffic);
        traffic.startCall = ((call: LogicalCall, timeoutMs: number | undefined) => {
          ends.set(call, 0);
          start(call as never, timeoutMs as never);
        }) as never;
        const end = traffic.endCall!.bind(h.traffic);
        traffic.endCall = ((call: LogicalCall, failed: boolean) => {
          ends.set(call, ends.get(call)! + 1);
          end(call as never, failed as never);
        }) as never;
        // CPU a burst may have had: all of its work if done, else at most one core until
        // it was cancelled.
        let cpuBound = 0;
        const cancelled = new Set<Attempt>();
        const cancel = h.traffic.cancel.bind(h.traffic);
        h.traffic.cancel = (attempt: Attempt, cause: FailureCause) => {
          if (attempt.phase === ON_CPU) cpuBound += h.sim.now - attempt.cpuAskedAt;
          cancelled.add(attempt);
          cancel(attempt, cause);
        };
        const cpuDone = h.traffic.cpuDone;
        (h.traffic as { cpuDone: (a: Attempt) => void }).cpuDone = (attempt: Attempt) => {
          expect(cancelled.has(attempt)).toBe(false);
          cpuBound += attempt.cpuMs * attempt.pod!.cpu.speed;
          cpuDone(attempt);
        };
        for (const r of g.requests) h.send(r.atMs, 's0.op', r.timeoutMs);
        h.sim.run();

        // Every request and every logical call ended exactly once.
        expect(h.endings).toHaveLength(g.requests.length);
        expect(new Set(h.endings.map((e) => e.request)).size).toBe(g.requests.length);
        for (const count of ends.values()) expect(count).toBe(1);
        let calls = 0;
        for (const edge of h.topology.edges.values()) {
          expect(edge.attempts.attempts).toBeGreaterThanOrEqual(edge.stats.requests);
          expect(edge.attempts.failed).toBeGreaterThanOrEqual(edge.stats.errors);
          calls += edge.stats.requests;
        }
        expect(calls).toBe(ends.size);
        // Nothing left running, queued or counted, and no more CPU than the bursts had.
        expect(h.traffic.callsInFlight).toBe(0);
        let area = 0;
        for (const s of h.topology.services.values()) {
          for (const pod of s.pods) {
            expect(pod.workersBusy).toBe(0);
            expect(pod.workerQueue.length).toBe(0);
            expect(pod.active).toBe(0);
            expect(Math.abs(pod.busyCores.current)).toBeLessThan(1e-9);
            area += pod.busyCores.areaAt(h.sim.now);
          }
        }
        expect(area).toBeLessThanOrEqual(cpuBound + 1e-6 * (1 + cpuBound));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('same scenario and seed, same bytes', () => {
    fc.assert(
      fc.property(input, (g) => {
        const scenario = parseScenario(yamlOf(g), 'generated.yaml');
        const first = JSON.stringify(simulate(scenario));
        expect(JSON.stringify(simulate(scenario))).toBe(first);
      }),
      { numRuns: 25, seed: 12 },
    );
  });
});
