import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  FAILURE_CAUSES,
  type LatencySummary,
  type RunResult,
  type WaitSummary,
} from '../../src/metrics/run-result.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';

/**
 * Invariants that hold for every scenario, checked over generated ones: small random
 * topologies (1-4 services calling only later ones, so the call graph is a DAG), sequential
 * and parallel calls with probabilities, 0-3 replicas, tiny worker pools and queues, error
 * rates, client timeouts, open and closed workloads, short drains that leave requests
 * unfinished. Each scenario is written as YAML and read back through the scenario format.
 */

const SERVICE_NAMES = ['s0', 's1', 's2', 's3'];
const ENDPOINTS = ['op', 'alt'];

const durationText = (min: number, max: number) => fc.integer({ min, max }).map((ms) => `${ms}ms`);

const cpuText = fc.oneof(
  durationText(0, 20),
  durationText(1, 20).map((m) => `exponential(mean=${m})`),
  fc.integer({ min: 1, max: 10 }).map((m) => `lognormal(median=${m}ms, p99=${m * 5}ms)`),
);

const networkText = fc.oneof(
  fc.constant('0ms'),
  durationText(0, 3),
  fc.constant('lognormal(median=0.2ms, p99=1ms)'),
);

/** A call from service `from` to a later service. */
const callTo = (from: number, services: number) =>
  fc.record({
    service: fc.integer({ min: from + 1, max: services - 1 }),
    endpoint: fc.constantFrom(...ENDPOINTS),
    probability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  });

function steps(from: number, services: number) {
  if (from >= services - 1) return fc.constant([]);
  const call = callTo(from, services).map(({ service, endpoint, probability }) => {
    const target = `${SERVICE_NAMES[service]}.${endpoint}`;
    return probability === undefined ? target : { call: target, probability };
  });
  const step = fc.oneof(
    call,
    fc.array(call, { minLength: 1, maxLength: 3 }).map((p) => ({ parallel: p })),
  );
  return fc.array(step, { maxLength: 3 });
}

function service(index: number, services: number) {
  const endpoint = fc.record({
    cpu: cpuText,
    errorRate: fc.constantFrom(0, 0, 0.01, 0.2),
    calls: steps(index, services),
  });
  return fc
    .record({
      replicas: fc.constantFrom(0, 1, 1, 2, 3),
      cpu: fc.constantFrom('250m', '500m', '1', '1500m', '2'),
      withLimit: fc.boolean(),
      concurrency: fc.integer({ min: 1, max: 4 }),
      queueLimit: fc.integer({ min: 0, max: 4 }),
      holdWorkerWhileWaiting: fc.boolean(),
      loadBalancer: fc.constantFrom('kube-proxy', 'round-robin', 'random', 'least-request'),
      zoneAwareRouting: fc.boolean(),
      // how callers reach it: shared, a client per caller, HTTP/1.1 pools of 1-2 or HTTP/2
      clientModel: fc.constantFrom('shared', 'shared', 'per-caller', 'http1', 'http2'),
      maxConnections: fc.integer({ min: 1, max: 2 }),
      op: endpoint,
      alt: endpoint,
    })
    .map(({ cpu, withLimit, op, alt, clientModel, maxConnections, ...rest }) => ({
      ...rest,
      ...clientFields(clientModel, maxConnections),
      // Limits equal to requests or none: a limit above the request can overcommit a node.
      resources: { requests: { cpu }, ...(withLimit ? { limits: { cpu } } : {}) },
      endpoints: { op, alt },
    }));
}

function clientFields(model: string, maxConnections: number): Record<string, unknown> {
  if (model === 'shared') return { clients: 'shared' };
  if (model === 'per-caller') return {};
  return { connections: { protocol: model, maxConnections, idleTimeout: '50ms' } };
}

const workload = (services: number) =>
  fc.record({
    kind: fc.constantFrom('poisson', 'constant', 'closed'),
    rate: fc.integer({ min: 1, max: 300 }),
    users: fc.integer({ min: 1, max: 8 }),
    // Think time >= 1 ms: with zero think time a request that fails in zero time (no ready
    // pod, no network latency) is re-sent at the same instant forever (see the report).
    thinkTime: fc.oneof(
      durationText(1, 50),
      durationText(1, 50).map((m) => `exponential(mean=${m})`),
    ),
    target: fc.integer({ min: 0, max: services - 1 }),
    endpoint: fc.constantFrom(...ENDPOINTS),
    timeout: fc.option(durationText(1, 200), { nil: undefined }),
  });

const scenarioInput = fc
  .integer({ min: 1, max: 4 })
  .chain((services) =>
    fc.record({
      seed: fc.nat(1000),
      durationMs: fc.integer({ min: 2000, max: 5000 }),
      windowMs: fc.constantFrom(250, 500, 1000),
      // Below the 2 s minimum duration: a warm-up as long as the run measures nothing (see
      // the report: utilizations come out NaN).
      warmupWindows: fc.constantFrom(0, 0, 1),
      drain: fc.constantFrom('0ms', '20ms', '30s'),
      scheduler: fc.constantFrom('LeastAllocated', 'MostAllocated'),
      zones: fc.constantFrom(['a'], ['a', 'b']),
      nodeCpu: fc.constantFrom(2, 4, 8),
      nodeCount: fc.integer({ min: 1, max: 3 }),
      network: fc.record({ sameZone: networkText, crossZone: networkText, ingress: networkText }),
      services: fc.tuple(...Array.from({ length: services }, (_, i) => service(i, services))),
      workload: fc.array(workload(services), { minLength: 1, maxLength: 2 }),
    }),
  )
  .map((g) => ({
    name: 'generated',
    seed: g.seed,
    duration: `${g.durationMs}ms`,
    warmup: `${g.warmupWindows * g.windowMs}ms`,
    drain: g.drain,
    outputs: { window: `${g.windowMs}ms` },
    cluster: {
      zones: g.zones,
      // Nothing reserved: a pod may request a whole node here.
      provider: 'none',
      scheduler: { scoringStrategy: g.scheduler },
      nodePools: [
        { name: 'pool', cpu: g.nodeCpu, memory: '16Gi', pricePerHour: 0.1, count: g.nodeCount },
      ],
      network: g.network,
    },
    services: Object.fromEntries(g.services.map((s, i) => [SERVICE_NAMES[i], s])),
    workload: g.workload.map((w, i) => {
      const common = {
        name: `w${i}`,
        target: `${SERVICE_NAMES[w.target]}.${w.endpoint}`,
        ...(w.timeout === undefined ? {} : { timeout: w.timeout }),
      };
      return w.kind === 'closed'
        ? { ...common, arrivals: 'closed', users: w.users, thinkTime: w.thinkTime }
        : { ...common, arrivals: w.kind, rate: `${w.rate}/s` };
    }),
  }));

/** Every number anywhere in the result, with its path. */
function numbers(value: unknown, path = 'result'): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

/**
 * Utilizations whose denominator is a cap: a limit, worker slots. (A share of the CPU
 * request is not capped: a pod may use more than it requested, as the HPA sees.) Float
 * rounding may overshoot 1 by a hair.
 */
function utilizations(result: RunResult): [string, number][] {
  const present = (entries: [string, number | null][]) =>
    entries.filter((entry): entry is [string, number] => entry[1] !== null);
  return [
    ...result.services.flatMap((s) =>
      present([
        [`service ${s.service} cpu of limit`, s.limitUtilization],
        [`service ${s.service} workers`, s.workerUtilization],
      ]),
    ),
    ...result.pods.flatMap((p) =>
      present([
        [`pod ${p.pod} cpu of limit`, p.limitUtilization],
        [`pod ${p.pod} workers`, p.workerUtilization],
      ]),
    ),
    ...result.nodes.map((n): [string, number] => [`node ${n.node} cpu`, n.cpuUtilization]),
  ];
}

/** Every latency and wait summary in the result, with its path. */
function summaries(result: RunResult): [string, LatencySummary | WaitSummary][] {
  const calls = [...result.services, ...result.endpoints];
  return [
    ['latency', result.latency],
    ['latencyAll', result.latencyAll],
    ...calls.flatMap((c, i): [string, LatencySummary | WaitSummary][] => [
      [`calls[${i}].latency`, c.latency],
      [`calls[${i}].workerWait`, c.workerWait],
      [`calls[${i}].cpuWait`, c.cpuWait],
    ]),
    ...result.edges.map((e): [string, LatencySummary] => [`edge ${e.from}>${e.to}`, e.latency]),
  ];
}

function checkInvariants(scenario: Scenario, yaml: string): void {
  const result = simulate(scenario, { eventBudget: 5_000_000 });
  const context = `scenario:\n${yaml}`;
  const { total, succeeded, failed, byCause } = result.requests;

  // Every request ends exactly once: the outcomes add up, and they account for exactly the
  // arrivals the time series counted from the warm-up on (a whole number of windows). A
  // request ending twice would push the derived "unfinished" count below 0 (caught below).
  const causes = FAILURE_CAUSES.reduce((sum, cause) => sum + byCause[cause], 0);
  expect(succeeded + causes, context).toBe(total);
  expect(failed, context).toBe(causes);
  const arrivals = [...timeSeriesRows(result.timeseries)]
    .filter((w) => w.scope === 'total' && w.startMs >= scenario.warmup)
    .reduce((sum, w) => sum + w.requests, 0);
  expect(total, context).toBe(arrivals);
  expect(result.latency.count, context).toBe(succeeded);

  const { allocation, ...cost } = result.cost;
  for (const [path, value] of numbers({ ...result, cost })) {
    expect(Number.isFinite(value), `${path} = ${value}\n${context}`).toBe(true);
    expect(value, `${path}\n${context}`).toBeGreaterThanOrEqual(0);
  }
  // OpenCost charges each pod max(request, use): pods using more than they asked for can be
  // charged more than the node has, and the idle rest is then negative (docs/cost.md).
  for (const line of allocation ?? []) {
    expect(Number.isFinite(line.costUsd), context).toBe(true);
    if (!line.item.startsWith('idle-')) expect(line.costUsd, context).toBeGreaterThanOrEqual(0);
  }
  expect(result.availability ?? 0).toBeLessThanOrEqual(1);
  // A quota caps use within each period; a measured span that is not a whole number of
  // periods may end in a period's unthrottled start, so a share of the limit can exceed 1
  // by at most one period's worth.
  const slack = 1 + scenario.cluster.cpuCfsQuotaPeriod / (scenario.duration - scenario.warmup);
  for (const [what, value] of utilizations(result))
    expect(value, `${what}\n${context}`).toBeLessThanOrEqual(
      (what.includes('limit') ? slack : 1) + 1e-9,
    );
  // A statistic over no samples is absent, never 0; with samples it is present.
  for (const [what, summary] of summaries(result)) {
    const samples = 'count' in summary ? summary.count : summary.calls;
    expect(summary.meanMs === null, `${what}\n${context}`).toBe(samples === 0);
    expect(summary.p99Ms === null, `${what}\n${context}`).toBe(samples === 0);
  }
  expect(result.availability === null, context).toBe(total === 0);
  for (const calls of [...result.services, ...result.endpoints]) {
    expect(calls.errorsOriginated + calls.errorsPassedOn, context).toBe(calls.errors);
  }

  // Same scenario, same seed: the same result, to the last bit.
  expect(simulate(scenario, { eventBudget: 5_000_000 }), context).toStrictEqual(result);
}

/**
 * 60 scenarios take about 1.5 s. To search harder, e.g. after a model change:
 * PROPERTY_RUNS=2000 PROPERTY_SEED=7 npx vitest run test/model/invariants.property.test.ts
 */
describe('invariants of every run', () => {
  it('every request ends exactly once, numbers are sane, and runs are reproducible', () => {
    fc.assert(
      fc.property(scenarioInput, (input) => {
        const yaml = stringify(input);
        checkInvariants(parseScenario(yaml, 'generated.yaml'), yaml);
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 60),
        seed: Number(process.env.PROPERTY_SEED ?? 20261125),
      },
    );
  });
});
