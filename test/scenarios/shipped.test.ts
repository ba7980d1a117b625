import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunResult, WindowMetrics } from '../../src/metrics/run-result.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenarioFile, runScenario } from '../../src/runner/run-scenario.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';
import { studentTQuantile } from '../support/batch-means.js';
import { erlangC } from '../support/queueing-theory.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const SHIPPED = readdirSync(SCENARIOS)
  .filter((name) => name.endsWith('.yaml'))
  .sort();
const path = (file: string) => join(SCENARIOS, file);

describe('every shipped scenario', () => {
  it.each(SHIPPED)('%s opens with the question it answers and states it in description', (file) => {
    const text = readFileSync(path(file), 'utf8');
    expect(text.startsWith('# Question: ')).toBe(true);
    expect(loadScenarioFile(path(file)).description).toMatch(/\?$/);
  });

  it.each(SHIPPED)(
    '%s validates, runs, and gives byte-identical JSON for the same seed',
    (file) => {
      const first = JSON.stringify(runScenario(path(file)));
      const again = JSON.stringify(runScenario(loadScenarioFile(path(file))));
      expect(again).toBe(first);
      const result = JSON.parse(first) as RunResult;
      expect(result.requests.total).toBeGreaterThan(1000);
      expect(result.requests.byCause.unfinished).toBe(0);
    },
  );
});

describe('mmc-sanity agrees with M/M/c theory (Erlang C)', () => {
  const scenario = loadScenarioFile(path('mmc-sanity.yaml'));
  const result = simulate(scenario);
  // The scenario's comment: c = 4 cores, lambda = 300/s, 1/mu = 10ms, so a = 3, rho = 0.75.
  const servers = 4;
  const lambdaPerMs = 0.3;
  const muPerMs = 0.1;
  const theoryMs = erlangC(servers, lambdaPerMs / muPerMs) / (servers * muPerMs - lambdaPerMs) + 10;

  it('the comment states the theory right: W = 15.094ms', () => {
    expect(theoryMs).toBeCloseTo(15.094, 3);
  });

  /**
   * The tolerance is the sampling error of this run, measured by batch means: the time
   * series' 1-minute windows after warm-up are the batches (29 of them: the first window
   * holds the warm-up and the last is the drain). Each spans about 430 relaxation times of
   * this queue (Whitt: 1 / (c mu (1 - sqrt(rho))^2) = 0.14 s), so the window means are
   * nearly independent and, averaging ~18,000 responses, nearly normal. Their mean then has
   * a Student t interval with 28 degrees of freedom; at 99.9% confidence a correct
   * simulator misses it for one seed in a thousand. The seed is fixed, so the test is
   * deterministic: it fails only if a change to the model moves the mean by more than the
   * run can resolve (here about +-2%; waits in a busy M/M/c are strongly correlated, so
   * 540,000 responses resolve far less than 1/sqrt(540,000) would suggest).
   */
  it('mean response time within the 99.9% batch-means interval of Erlang C', () => {
    const batches = measuredWindows(result, 'total').map((w) => w.meanMs!);
    expect(batches).toHaveLength(29);
    const halfWidth = confidenceHalfWidth(batches, 0.999);
    expect(halfWidth / theoryMs).toBeLessThan(0.03);
    expect(Math.abs(average(batches) - theoryMs)).toBeLessThan(halfWidth);
    // The headline mean covers the same responses but those ending in the drain window.
    expect(Math.abs(result.latency.meanMs! - theoryMs)).toBeLessThan(halfWidth);
  });

  /**
   * Utilization estimates lambda / (c mu) from ~530,000 arrivals and services: relative
   * standard error about sqrt(2 / 530000) = 0.2%, so 0.0015 absolute; 0.01 is more than
   * six standard errors.
   */
  /**
   * The wait itself, read directly: the share of calls that waited for a core estimates
   * C(4, 3) = 0.50943 from ~540,000 calls whose waits are correlated in busy spells; the
   * mean wait is Wq = W - 1/mu, so it inherits the mean's batch-means interval.
   */
  it('the share of calls that waited for a core is Erlang C, and their mean wait is Wq', () => {
    const queue = result.services[0]!;
    expect(queue.cpuWait.waitedFraction).toBeGreaterThan(0.5);
    expect(queue.cpuWait.waitedFraction).toBeLessThan(0.52);
    const waitWindows = measuredWindows(result, 'total').map((w) => w.meanMs! - 10);
    const halfWidth = confidenceHalfWidth(waitWindows, 0.999);
    expect(Math.abs(queue.cpuWait.meanMs! - (theoryMs - 10))).toBeLessThan(halfWidth);
    expect(queue.workerWait.waitedFraction).toBe(0);
  });

  it('CPU utilization of its 4-core limit is rho = 0.75', () => {
    expect(result.services[0]!.limitUtilization).toBeGreaterThan(0.74);
    expect(result.services[0]!.limitUtilization).toBeLessThan(0.76);
  });
});

/**
 * Guards against silent changes: these are the numbers checkout-chain gives with its own
 * seed (42) today. A deliberate change to the model (or to the scenario) changes them:
 * check that the new numbers make sense, then update them here.
 */
describe('checkout-chain golden numbers (seed 42)', () => {
  const result = runScenario(path('checkout-chain.yaml'));

  it('headline numbers are exactly as before', () => {
    expect(result.seed).toBe(42);
    expect(result.requests.total).toBe(30007);
    expect(result.requests.succeeded).toBe(29985);
    expect(result.requests.byCause).toEqual({
      timeout: 0,
      overflow: 0,
      error: 22,
      unavailable: 0,
      unfinished: 0,
      connect_failure: 0,
      reset: 0,
      throttled: 0,
      circuit_open: 0,
      deadline_exceeded: 0,
      fault_abort: 0,
    });
    // payment's declines began at payment and were passed on by checkout and frontend
    expect(result.failures).toEqual([
      {
        service: 'frontend',
        endpoint: 'POST /checkout',
        cause: 'error',
        originated: 0,
        propagated: 22,
      },
      { service: 'checkout', endpoint: 'place', cause: 'error', originated: 0, propagated: 22 },
      { service: 'payment', endpoint: 'charge', cause: 'error', originated: 22, propagated: 0 },
    ]);
    expect(result.latency.p50Ms).toBe(25.983);
    expect(result.latency.p99Ms).toBe(151.295);
    expect(result.latency.meanMs).toBeCloseTo(32.5, 2);
    // 6 m5.large nodes at 0.096 USD/h and the 0.10 USD/h control plane, for the 100 s
    // measured, and 365,952,047 bytes across zones at 0.01 USD/GB out and 0.01 USD/GB in.
    expect(result.network.crossZoneBytes).toBe(365_952_047);
    expect(result.cost.crossZoneUsd).toBeCloseTo((365_952_047 / 1e9) * 0.02, 15);
    expect(result.cost.totalUsd).toBeCloseTo(
      ((6 * 0.096 + 0.1) * 100) / 3600 + result.cost.crossZoneUsd,
      12,
    );
    expect(result.cost.perMillionRequestsUsd).toBeCloseTo((result.cost.totalUsd / 30007) * 1e6, 9);
  });
});

/**
 * What the scenario's comment says about its nodes and bytes: the default scoring spreads
 * replicas over zones, about 1.5 calls per request cross zones (what random routing over
 * three zones gives), and zone-aware routing keeps most of them home.
 */
describe('checkout-chain: nodes as EKS sells them, and the bytes between zones (seed 42)', () => {
  const scenario = loadScenarioFile(path('checkout-chain.yaml'));
  const result = simulate(scenario);
  const zonesOf = (r: RunResult, service: string) =>
    new Set(r.pods.filter((p) => p.service === service).map((p) => p.zone));

  it('every m5.large offers pods 1930m, of which the three DaemonSets request 175m', () => {
    for (const node of result.nodes)
      expect(node).toMatchObject({ allocatableCpuCores: 1.93, maxPods: 29, daemonCpuCores: 0.175 });
    expect(result.pods.every((p) => p.phase === 'Running')).toBe(true);
  });

  it('the default scoring spreads frontend and recommend over the three zones', () => {
    expect(zonesOf(result, 'frontend').size).toBe(3);
    expect(zonesOf(result, 'recommend').size).toBe(3);
  });

  it('MostAllocated alone packs the three frontend pods onto one node, in one zone', () => {
    const packed = structuredClone(scenario);
    packed.cluster.scheduler = {
      scoringStrategy: 'MostAllocated',
      weights: { NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 0, PodTopologySpread: 0 },
    };
    const frontend = simulate(packed).pods.filter((p) => p.service === 'frontend');
    expect(new Set(frontend.map((p) => p.node)).size).toBe(1);
  });

  it('1.53 calls per request cross zones; their bytes add 46% to the cost of the nodes', () => {
    expect(result.network.crossZoneCallsPerRequest!.toFixed(2)).toBe('1.53');
    expect((result.cost.crossZoneUsd / result.cost.nodeUsd).toFixed(2)).toBe('0.46');
    expect(result.cost.perMillionRequestsUsd!.toFixed(4)).toBe('0.8697');
    const withoutBytes = result.cost.totalUsd - result.cost.crossZoneUsd;
    expect(((withoutBytes / result.requests.total) * 1e6).toFixed(4)).toBe('0.6258');
  });

  it('zone-aware routing: 0.32 cross-zone calls per request, 0.6752 USD per million, p50 25.2 ms', () => {
    const aware = structuredClone(scenario);
    for (const name of ['catalog', 'recommend', 'cart', 'checkout', 'payment'])
      aware.services[name]!.zoneAwareRouting = true;
    const routed = simulate(aware);
    expect(routed.network.crossZoneCallsPerRequest!.toFixed(2)).toBe('0.32');
    expect(routed.cost.perMillionRequestsUsd!.toFixed(4)).toBe('0.6752');
    expect(routed.latency.p50Ms).toBe(25.183);
    expect(routed.latency.p50Ms!).toBeLessThan(result.latency.p50Ms!);
  });
});

/**
 * The issue that brought the CFS model: with FIFO cores of its own, frontend's 1-core limit
 * (which never binds) made checkout-chain faster at 600 req/s. On a node as Linux shares it
 * a limit that does not bind changes nothing, and one never adds cores.
 */
describe('checkout-chain at 600 req/s: a CPU limit that never binds changes nothing under cfs', () => {
  const scenario = loadScenarioFile(path('checkout-chain.yaml'));
  const at600 = (cpuScheduler: 'cfs' | 'fifo', limit: boolean) => {
    const s = structuredClone(scenario);
    s.cluster.cpuScheduler = cpuScheduler;
    const shoppers = s.workload[0]!;
    if (shoppers.arrivals !== 'poisson') throw new Error('checkout-chain shoppers are Poisson');
    shoppers.rate = 600;
    if (!limit) delete s.services.frontend!.resources.limits.cpu;
    return simulate(s);
  };

  // The limit binds in under 1% of frontend's periods, but each time it does it shifts a
  // burst, and near saturation a shifted run diverges as another replication would:
  // measured p50 and p99 ratios 1.047 and 1.053 at seed 42; 1.000, 1.018 and 1.000 (p50) at
  // seeds 1-3 (with shared clients, seed 3 gave 1.065 and a p99 ratio of 1.86). So p50
  // within 5%, p99 within 10%: FIFO's backwards answer below is over 5% on p50.
  it('cfs: p50 with and without the limit within 5%, p99 within 10%', () => {
    const limited = at600('cfs', true);
    const unlimited = at600('cfs', false);
    expect(Math.abs(unlimited.latency.p50Ms! / limited.latency.p50Ms! - 1)).toBeLessThan(0.05);
    expect(Math.abs(unlimited.latency.p99Ms! / limited.latency.p99Ms! - 1)).toBeLessThan(0.1);
    const cfs = service(limited, 'frontend').cfs!;
    expect(cfs.throttledPeriods / cfs.periods).toBeLessThan(0.01);
  });

  it('fifo, the old rule, still answers backwards: the limit lowers p50 by over 5%', () => {
    const limited = at600('fifo', true);
    const unlimited = at600('fifo', false);
    expect(unlimited.latency.p50Ms! / limited.latency.p50Ms!).toBeGreaterThan(1.05);
  });
});

/**
 * The numbers the thread-pool-cascade scenario's comment quotes: if the model changes,
 * this fails and the comment must be brought up to date with it.
 */
describe('thread-pool-cascade: a slow dependency fails pages that never call it', () => {
  const scenario = loadScenarioFile(path('thread-pool-cascade.yaml'));
  const threads = simulate(scenario);
  const asyncWeb = structuredClone(scenario);
  asyncWeb.services.web!.holdWorkerWhileWaiting = false;
  const async = simulate(asyncWeb);

  it('with a thread pool, 5% of requests get 503 at web, home pages included', () => {
    expect(threads.requests.total).toBe(36606);
    expect(threads.requests.byCause.overflow).toBe(1831);
    expect(threads.requests.failed).toBe(1831);
    const web = service(threads, 'web');
    expect(web.errors).toBe(1831);
    expect(Math.round(web.workerUtilization! * 100)).toBe(63);
    // browse offers 200 home pages/s; those that reach catalog:
    expect(edge(threads, 'web', 'catalog').ratePerSec.toFixed(1)).toBe('190.5');
    expect(service(threads, 'catalog').errors).toBe(0);
    expect(service(threads, 'inventory').latency.p99Ms).toBeCloseTo(1317, -1);
    // its 1-core quota runs out in 73% of the 100 ms periods in which it has work
    const cfs = service(threads, 'inventory').cfs!;
    expect((cfs.throttledPeriods / cfs.periods).toFixed(2)).toBe('0.74');
  });

  it('an async web sends no 503, and inventory, unshielded, gets slower', () => {
    expect(async.requests.byCause.overflow).toBe(0);
    expect(async.requests.byCause.timeout).toBe(17);
    expect(Math.round(edge(async, 'web', 'catalog').ratePerSec)).toBe(200);
    expect(Math.round(service(async, 'inventory').limitUtilization! * 100)).toBe(92);
    expect(service(async, 'inventory').latency.p99Ms).toBeCloseTo(3564, -1);
  });
});

// ── helpers ──────────────────────────────────────────────────────────────────────────

/** Windows of `scope` wholly inside [warm-up, duration]: the measured period. */
function measuredWindows(result: RunResult, scope: string): WindowMetrics[] {
  const windows = [...timeSeriesRows(result.timeseries)].filter((w) => w.scope === scope);
  const windowMs = windows[1]!.startMs - windows[0]!.startMs;
  return windows.filter(
    (w) => w.startMs >= result.warmupMs && w.startMs + windowMs <= result.durationMs,
  );
}

function confidenceHalfWidth(samples: readonly number[], confidence: number): number {
  const n = samples.length;
  const mean = average(samples);
  const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
  return studentTQuantile(0.5 + confidence / 2, n - 1) * Math.sqrt(variance / n);
}

function average(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function service(result: RunResult, name: string) {
  const found = result.services.find((s) => s.service === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

function edge(result: RunResult, from: string, to: string) {
  const found = result.edges.find((e) => e.from === from && e.to === to);
  if (found === undefined) throw new Error(`no edge ${from} -> ${to}`);
  return found;
}

describe('canary-split: a 5% canary shows its error rate in its own row (seed 5)', () => {
  const result = runScenario(path('canary-split.yaml'));
  const row = (version: string) => result.versions!.find((v) => v.version === version)!;
  const n = result.requests.total;
  const sd = (count: number, p: number) => Math.sqrt(count * p * (1 - p));

  it('sends the canary 5% of the calls, within 4 binomial sd (measured 3,656 of 72,088)', () => {
    expect(row('v1').requests + row('v2').requests).toBe(n);
    expect(Math.abs(row('v2').requests - 0.05 * n)).toBeLessThan(4 * sd(n, 0.05));
  });

  it('per version, v1 fails about 0.1% and the canary about 2% (measured 0.10% and 1.97%)', () => {
    const v1 = row('v1');
    const v2 = row('v2');
    expect(Math.abs(v1.errors - 0.001 * v1.requests)).toBeLessThan(4 * sd(v1.requests, 0.001));
    expect(Math.abs(v2.errors - 0.02 * v2.requests)).toBeLessThan(4 * sd(v2.requests, 0.02));
    expect(v2.errors / v2.requests).toBeGreaterThan(10 * (v1.errors / v1.requests));
  });

  it('while the service as a whole stays above 99.7% available (measured 99.81%)', () => {
    expect(result.availability!).toBeGreaterThan(0.997);
  });
});

describe('canary-split sweep: outlier detection ejects a bad pod (base seed 5, one run each)', () => {
  const specs = expandSweep(parse(readFileSync(path('canary-split.yaml'), 'utf8')), {
    fileName: 'canary-split.yaml',
    replications: 1,
  });
  const results = new Map(
    specs.map((spec) => [spec.variant, simulate(spec.scenario, { seed: spec.seed })]),
  );
  const BREAK_MS = 5 * 60_000;
  /** Availability of the requests in the time-series windows from `fromMs` to `toMs`. */
  const availability = (variant: string, fromMs: number, toMs: number) => {
    const windows = [...timeSeriesRows(results.get(variant)!.timeseries)].filter(
      (w) => w.scope === 'total' && w.startMs >= fromMs && w.startMs < toMs,
    );
    const succeeded = windows.reduce((sum, w) => sum + w.succeeded, 0);
    const failed = windows.reduce((sum, w) => sum + w.failed, 0);
    return succeeded / (succeeded + failed);
  };
  const webToApi = (variant: string) =>
    results.get(variant)!.edges.find((e) => e.from === 'web' && e.to === 'api')!;

  it('is the same run in every variant until the pod breaks (common random numbers)', () => {
    const before = availability('canary', 60_000, BREAK_MS);
    expect(availability('bad-pod', 60_000, BREAK_MS)).toBe(before);
    expect(availability('bad-pod-ejected', 60_000, BREAK_MS)).toBe(before);
  });

  it('a pod failing 90% of its calls costs about 5% of requests without detection (measured 95.13%)', () => {
    expect(availability('canary', BREAK_MS, 9 * 60_000)).toBeGreaterThan(0.997);
    expect(availability('bad-pod', BREAK_MS, 9 * 60_000)).toBeLessThan(0.96);
  });

  it("the callers' Envoys eject it and win most of that back (measured 99.51%)", () => {
    expect(availability('bad-pod-ejected', BREAK_MS, 9 * 60_000)).toBeGreaterThan(0.99);
  });

  it('every detection is enforced (1 of 19 is within 10%), 3 or 4 per caller: out 30, 60, 90, 120 s', () => {
    const edge = webToApi('bad-pod-ejected');
    expect(edge.ejectionsEnforced).toBe(edge.ejectionsDetected);
    expect(edge.ejectionsEnforced).toBeGreaterThanOrEqual(12);
    expect(edge.ejectionsEnforced).toBeLessThanOrEqual(16);
    expect(webToApi('bad-pod').ejectionsDetected).toBe(0);
  });
});
