import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FAILURE_CAUSES } from '../../src/metrics/run-result.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import type { LifecycleListener, PodPhase } from '../../src/model/cluster/lifecycle-listener.js';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import type { ClusterNode } from '../../src/model/cluster.js';
import type { Pod } from '../../src/model/pod.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';

/**
 * Invariants of a cluster that changes while it runs, over generated small scenarios with
 * scripted events (scale, new templates, nodes added and removed, pods deleted and crashed,
 * policy changes), each written as YAML and read back through the scenario format.
 */

const ms = (min: number, max: number) => fc.integer({ min, max }).map((v) => `${v}ms`);

const lifecycle = fc.record({
  imagePull: ms(0, 2000),
  containerStart: ms(0, 1000),
  readinessProbe: fc.record({
    initialDelaySeconds: fc.integer({ min: 0, max: 2 }),
    periodSeconds: fc.integer({ min: 1, max: 2 }),
    successThreshold: fc.integer({ min: 1, max: 2 }),
  }),
  preStop: ms(0, 2000),
  terminationGracePeriodSeconds: fc.integer({ min: 0, max: 3 }),
});

const service = fc.record({
  replicas: fc.integer({ min: 0, max: 3 }),
  resources: fc.record({ requests: fc.record({ cpu: fc.constantFrom('500m', '1', '2') }) }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  queueLimit: fc.integer({ min: 0, max: 8 }),
  holdWorkerWhileWaiting: fc.boolean(),
  lifecycle,
  cpu: fc.oneof(
    ms(1, 300),
    ms(1, 100).map((m) => `exponential(mean=${m})`),
  ),
});

const event = (durationMs: number) =>
  fc.record({
    at: fc.integer({ min: 0, max: durationMs - 1 }).map((v) => `${v}ms`),
    action: fc.oneof(
      fc.record({
        scale: fc.record({
          service: fc.constantFrom('s0', 's1'),
          replicas: fc.integer({ min: 0, max: 4 }),
        }),
      }),
      fc.record({
        deletePod: fc.tuple(fc.constantFrom('s0', 's1'), fc.nat(6)).map(([s, n]) => `${s}-${n}`),
      }),
      fc.record({
        crashPod: fc.tuple(fc.constantFrom('s0', 's1'), fc.nat(6)).map(([s, n]) => `${s}-${n}`),
      }),
      fc.record({
        addNodes: fc.record({
          pool: fc.constant('pool'),
          count: fc.integer({ min: 1, max: 2 }),
          provisioningDelay: ms(0, 2000),
        }),
      }),
      fc.record({ removeNodes: fc.record({ pool: fc.constant('pool'), count: fc.constant(1) }) }),
      fc.record({
        setTemplate: fc.record({
          service: fc.constantFrom('s0', 's1'),
          version: fc.constantFrom('v2', 'v3'),
          endpoints: fc.record({
            op: fc.record({ cpu: ms(1, 200), errorRate: fc.constantFrom(0, 0.1) }),
          }),
          lifecycle,
        }),
      }),
      fc.record({
        setPolicy: fc.record({
          service: fc.constantFrom('s0', 's1'),
          loadBalancer: fc.constantFrom('kube-proxy', 'round-robin', 'least-request'),
        }),
      }),
    ),
  });

const scenarioInput = fc
  .integer({ min: 2000, max: 6000 })
  .chain((durationMs) =>
    fc.record({
      durationMs: fc.constant(durationMs),
      seed: fc.nat(1000),
      drain: fc.constantFrom('0ms', '500ms', '10s'),
      nodeCount: fc.integer({ min: 1, max: 2 }),
      s0: service,
      s1: service,
      s0CallsS1: fc.boolean(),
      rate: fc.integer({ min: 5, max: 150 }),
      timeout: fc.option(ms(50, 1000), { nil: undefined }),
      sameZone: fc.constantFrom('0ms', '1ms', 'exponential(mean=2ms)'),
      events: fc.array(event(durationMs), { minLength: 1, maxLength: 6 }),
    }),
  )
  .map((g) => ({
    name: 'generated',
    seed: g.seed,
    duration: `${g.durationMs}ms`,
    drain: g.drain,
    outputs: { window: '500ms' },
    cluster: {
      zones: ['a', 'b'],
      provider: 'none',
      nodePools: [{ name: 'pool', cpu: 2, memory: '8Gi', pricePerHour: 0.1, count: g.nodeCount }],
      network: { sameZone: g.sameZone, crossZone: g.sameZone },
    },
    services: {
      s0: serviceValue(g.s0, g.s0CallsS1 ? ['s1.op'] : []),
      s1: serviceValue(g.s1, []),
    },
    workload: [
      {
        name: 'w',
        arrivals: 'poisson',
        rate: `${g.rate}/s`,
        target: 's0.op',
        ...(g.timeout === undefined ? {} : { timeout: g.timeout }),
      },
    ],
    events: g.events.map((e) => ({ at: e.at, ...e.action })),
  }));

type GeneratedService = typeof service extends fc.Arbitrary<infer T> ? T : never;

function serviceValue(s: GeneratedService, calls: string[]) {
  const { cpu, ...rest } = s;
  return { ...rest, endpoints: { op: { cpu, calls } } };
}

/**
 * Watches the run: no node's requests go negative at any transition, and each pod's
 * worker slots are idle when it is gone (their busy area is kept, to check it never grows).
 */
class Watcher extends RecordingLifecycleListener implements LifecycleListener {
  readonly nodes = new Set<ClusterNode>();
  readonly goneAreas = new Map<Pod, number>();
  readonly problems: string[] = [];

  override nodeAdded(node: ClusterNode, nowMs: number): void {
    this.nodes.add(node);
    super.nodeAdded(node, nowMs);
    this.checkNodes(nowMs);
  }

  override podPhaseChanged(pod: Pod, phase: PodPhase, nowMs: number): void {
    super.podPhaseChanged(pod, phase, nowMs);
    if (phase === 'Gone') {
      if (pod.workersBusy !== 0) this.problems.push(`${pod.name} gone with busy workers`);
      this.goneAreas.set(pod, pod.busyWorkers.areaAt(nowMs));
    }
    this.checkNodes(nowMs);
  }

  private checkNodes(nowMs: number): void {
    for (const node of this.nodes) {
      if (node.milliCpuRequested < 0 || node.memoryBytesRequested < 0 || node.pods < 0)
        this.problems.push(`${node.name} requests below 0 at ${nowMs} ms`);
    }
  }
}

function checkRun(scenario: Scenario, yaml: string): void {
  const context = `scenario:\n${yaml}`;
  const watcher = new Watcher();
  const result = simulate(scenario, { eventBudget: 5_000_000, lifecycleListener: watcher });
  const { total, succeeded, failed, byCause } = result.requests;

  // Every request ends exactly once.
  const causes = FAILURE_CAUSES.reduce((sum, cause) => sum + byCause[cause], 0);
  expect(succeeded + causes, context).toBe(total);
  expect(failed, context).toBe(causes);
  const arrivals = [...timeSeriesRows(result.timeseries)]
    .filter((w) => w.scope === 'total')
    .reduce((sum, w) => sum + w.requests, 0);
  expect(total, context).toBe(arrivals);
  expect(result.latency.count, context).toBe(succeeded);

  // No resource goes negative; no work starts on a pod once it is gone.
  expect(watcher.problems, context).toEqual([]);
  const end = scenario.duration + scenario.drain + 1;
  for (const [pod, area] of watcher.goneAreas) {
    expect(pod.workersBusy, `${pod.name}\n${context}`).toBe(0);
    expect(pod.busyWorkers.areaAt(end), `${pod.name}\n${context}`).toBe(area);
  }
  // A pod's history: created once, nothing after Gone.
  const last = new Map<string, string>();
  for (const r of watcher.records) {
    if (r.kind !== 'podCreated' && r.kind !== 'podPhaseChanged') continue;
    expect(last.get(r.pod), `${r.pod} after Gone\n${context}`).not.toBe('Gone');
    if (r.kind === 'podCreated') expect(last.has(r.pod), context).toBe(false);
    last.set(r.pod, r.phase);
  }

  // Same seed, same bytes, and the same history.
  const again = new RecordingLifecycleListener();
  const second = simulate(scenario, { eventBudget: 5_000_000, lifecycleListener: again });
  expect(JSON.stringify(second), context).toBe(JSON.stringify(result));
  expect(again.records, context).toEqual(watcher.records);
}

describe('invariants of a cluster that changes while it runs', () => {
  it('requests end once, nothing runs on a gone pod, no request goes below 0, same bytes', () => {
    fc.assert(
      fc.property(scenarioInput, (input) => {
        const yaml = stringify(input);
        checkRun(parseScenario(yaml, 'generated.yaml'), yaml);
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 40),
        seed: Number(process.env.PROPERTY_SEED ?? 20261126),
      },
    );
  });
});
