import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../src/engine/distributions/create.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { EndpointSlice, READY } from '../../src/model/cluster/endpoint-slice.js';
import { ServiceRoutes } from '../../src/model/mesh/routing/control-plane.js';
import { RouteTable } from '../../src/model/mesh/routing/route-table.js';
import type { Pod } from '../../src/model/pod.js';
import { simulate } from '../../src/model/simulate.js';
import { EndpointView } from '../../src/model/traffic/endpoint-view.js';
import { parseScenario } from '../../src/scenario/index.js';
import { trafficHarness } from '../support/traffic-harness.js';

/**
 * A web tier of 4 pods calling api, whose versions run side by side; every time constant
 * (no queueing at these rates: 100/s on pods of 1 core with 2 ms of CPU), so a latency
 * differs only by what routing does. `library` applies the routing in the callers with no
 * proxy cost.
 */
function scenario(api: string, extra = '', workload = ''): string {
  return `
name: routing
seed: 7
duration: 60s
drain: 5s
cluster:
  cpuScheduler: fifo
  nodePools: [{ name: general, cpu: 8, memory: 32Gi, pricePerHour: 0.1, count: 2 }]
  network: { sameZone: 1ms, crossZone: 1ms, ingress: 0ms }
mesh: { strategy: library }
services:
  web:
    replicas: 4
    resources: { limits: { cpu: 1 } }
    endpoints:
      home: { cpu: 1ms, calls: [api.get] }
  api:
    resources: { limits: { cpu: 1 } }
${api}
    endpoints:
      get: { cpu: 2ms }
${extra}
workload:
  - { name: users, arrivals: poisson, rate: 100/s, target: web.home${workload} }
`;
}

const run = (yaml: string): RunResult => simulate(parseScenario(yaml, 'routing.yaml'));
const version = (result: RunResult, service: string, name: string) =>
  result.versions!.find((v) => v.service === service && v.version === name)!;

/** |observed − n·p| within z standard deviations of a binomial(n, p) count. */
function withinBinomial(observed: number, n: number, p: number, z = 4): boolean {
  return Math.abs(observed - n * p) <= z * Math.sqrt(n * p * (1 - p));
}

describe('a weighted split between versions', () => {
  const api = `
    versions:
      v1: { replicas: 3 }
      v2: { replicas: 1, endpoints: { get: { errorRate: 5% } } }
    routing:
      split: { v1: 90%, v2: 10% }`;

  it('sends its share to each version within binomial sampling error (4 sd)', () => {
    const result = run(scenario(api));
    const n = result.requests.total;
    const v2 = version(result, 'api', 'v2');
    // Measured: 625 of 6,059 calls (10.3%); 4 sd = 93 calls.
    expect(n).toBeGreaterThan(5000);
    expect(v2.requests + version(result, 'api', 'v1').requests).toBe(n);
    expect(withinBinomial(v2.requests, n, 0.1)).toBe(true);
    expect(v2.readyPods).toBe(1);
  });

  it('is not applied by callers without a mesh: kube-proxy spreads calls over all 4 pods', () => {
    const result = run(scenario(api).replace('strategy: library', 'strategy: none'));
    const n = result.requests.total;
    expect(withinBinomial(version(result, 'api', 'v2').requests, n, 0.25)).toBe(true);
  });

  it("shows the canary's errors in its own version's row", () => {
    const result = run(scenario(api));
    const v1 = version(result, 'api', 'v1');
    const v2 = version(result, 'api', 'v2');
    expect(v1.errors).toBe(0);
    expect(withinBinomial(v2.errors, v2.requests, 0.05)).toBe(true);
    expect(v2.errors).toBeGreaterThan(0);
  });
});

describe('match rules on a cohort carried down the call graph', () => {
  // web and api both route the beta cohort to their second version.
  const yaml = scenario(
    `
    versions:
      v1: { replicas: 1 }
      v2: { replicas: 1 }
    routing:
      match: [{ cohort: beta, version: v2 }]
      split: { v1: 100% }`,
    '',
    ', cohorts: { beta: 20% }',
  ).replace(
    '    replicas: 4\n',
    '    versions: { a: { replicas: 2 }, b: { replicas: 2 } }\n    routing: { match: [{ cohort: beta, version: b }], split: { a: 100% } }\n',
  );

  it('sends exactly the tagged requests to the matched version, at every hop', () => {
    const result = run(yaml);
    const n = result.requests.total;
    // The cohort draws, replayed: one uniform per request from the workload's stream.
    const draws = new RandomStreams(7).stream('workload:users:cohort');
    let beta = 0;
    for (let i = 0; i < n; i++) if (draws.next() < 0.2) beta++;
    expect(version(result, 'web', 'b').requests).toBe(beta);
    expect(version(result, 'api', 'v2').requests).toBe(beta);
    expect(version(result, 'api', 'v1').requests).toBe(n - beta);
  });
});

describe('mirroring', () => {
  const api = (mirror: string) => `
    versions:
      v1: { replicas: 1 }
      v2: { replicas: 1 }
    routing:
      split: { v1: 100% }${mirror}`;

  it("copies every call at 100% to the mirror's version: its arrivals equal the primary's", () => {
    const result = run(scenario(api('\n      mirror: { version: v2 }')));
    expect(version(result, 'api', 'v2').requests).toBe(version(result, 'api', 'v1').requests);
  });

  it('copies its percentage of calls, and changes no caller latency', () => {
    const plain = run(scenario(api('')));
    const mirrored = run(scenario(api('\n      mirror: { version: v2, percentage: 30% }')));
    const n = mirrored.requests.total;
    expect(version(plain, 'api', 'v2').requests).toBe(0);
    expect(withinBinomial(version(mirrored, 'api', 'v2').requests, n, 0.3)).toBe(true);
    expect(mirrored.latency).toEqual(plain.latency);
    expect(mirrored.latencyAll).toEqual(plain.latencyAll);
    const edge = (r: RunResult) => r.edges.find((e) => e.from === 'web' && e.to === 'api')!;
    expect(edge(mirrored).requests).toBe(edge(plain).requests);
    expect(edge(mirrored).latency).toEqual(edge(plain).latency);
  });
});

describe('fault injection', () => {
  it('an abort fails its percentage with its status and cause fault_abort; api never sees them', () => {
    const result = run(
      scenario(`
    versions: { v1: { replicas: 2 } }
    routing:
      fault: { abort: { percentage: 10%, httpStatus: 503 } }`),
    );
    const n = result.requests.total;
    const aborted = result.requests.byCause.fault_abort;
    expect(withinBinomial(aborted, n, 0.1)).toBe(true);
    expect(result.requests.failed).toBe(aborted);
    expect(result.services.find((s) => s.service === 'api')!.requests).toBe(n - aborted);
  });

  const harnessYaml = (fault: string) =>
    scenario(`
    versions: { v1: { replicas: 1 } }
    routing:
      fault: ${fault}`);

  it("gives the aborted calls the fault's httpStatus", () => {
    const h = trafficHarness(harnessYaml('{ abort: { percentage: 100%, httpStatus: 418 } }'));
    for (let i = 0; i < 5; i++) h.send(i * 100, 'web.home');
    h.sim.run();
    expect(h.endings.map((e) => e.failure)).toEqual(Array(5).fill('fault_abort'));
    const apiCalls = h.requests.map((r) => r.root!.attempt!.firstChild!.attempt!);
    expect(apiCalls.map((a) => a.abortStatus)).toEqual(Array(5).fill(418));
  });

  it('a delay adds exactly its fixedDelay to the delayed calls and nothing to the others', () => {
    const latencies = (fault: string) => {
      const h = trafficHarness(harnessYaml(fault));
      for (let i = 0; i < 400; i++) h.send(i * 100, 'web.home');
      h.sim.run();
      return h.endings.map((e) => e.atMs - e.request.startedAt);
    };
    const none = latencies('{ abort: { percentage: 0%, httpStatus: 503 } }');
    const delayed = latencies('{ delay: { percentage: 25%, fixedDelay: 50ms } }');
    const base = none[0]!;
    // The ingress hop is 0 ms, web -> api 1 ms each way, 1 + 2 ms of CPU: 5 ms.
    expect(none.every((ms) => Math.abs(ms - base) < 1e-9)).toBe(true);
    expect(base).toBeCloseTo(5, 9);
    const held = delayed.filter((ms) => Math.abs(ms - (base + 50)) < 1e-9).length;
    const plain = delayed.filter((ms) => Math.abs(ms - base) < 1e-9).length;
    expect(held + plain).toBe(400);
    expect(withinBinomial(held, 400, 0.25)).toBe(true);
  });
});

describe('the control plane: a routing change reaches each proxy after its own delay', () => {
  const OLD = new RouteTable({ split: { v1: 1 } });
  const NEW = new RouteTable({ split: { v2: 1 } });
  // The default: debounce 100 ms, then a push of lognormal(median=100ms, p99=1s) per proxy.
  const push = createDistribution({ kind: 'lognormal', median: 100, p99: 1000 });
  /** One service's routes at OLD, with the default debounce and push, seeded. */
  const serviceRoutes = (sim: Simulation) => {
    const streams = new RandomStreams(3);
    const pushDraws = streams.stream('push').next;
    return new ServiceRoutes(
      OLD,
      sim,
      100,
      () => push.sample(pushDraws),
      (caller) => streams.stream(`route@${caller}`).next,
    );
  };

  it('for a while some proxies use the old split and some the new; after the largest delay all use the new', () => {
    const sim = new Simulation();
    const routes = serviceRoutes(sim);
    const proxies = Array.from({ length: 40 }, (_, i) => routes.proxyFor(`web-${i}`));
    sim.scheduleAt(1000, () => routes.set(NEW), undefined);
    const onNew = () => proxies.filter((p) => p.table === NEW).length;
    sim.run({ until: 1100 });
    expect(onNew()).toBe(0); // nothing before the debounce ends
    sim.run({ until: 1200 });
    expect(onNew()).toBeGreaterThan(0);
    expect(onNew()).toBeLessThan(proxies.length);
    const last = Math.max(...proxies.map((p) => p.lastAppliedAt));
    sim.run({ until: last });
    expect(onNew()).toBeLessThan(proxies.length);
    sim.run({ until: last + 1e-6 });
    expect(onNew()).toBe(proxies.length);
    // A proxy made after the change starts from the new table.
    expect(routes.proxyFor('web-late').table).toBe(NEW);
  });

  it('a route made after an endpoint change never reaches a proxy before it: one xDS stream per proxy', () => {
    // The new version's pod becomes ready at 1000 ms; its endpoint takes 1 s to reach each
    // caller (kube-proxy's median), the route to it 100 ms + 100 ms. Without one order for
    // both, every proxy would route to v2 while its view has no v2 pod (503 UH).
    const arrivals = (shared: boolean) => {
      const sim = new Simulation();
      const routes = serviceRoutes(sim);
      const slice = new EndpointSlice();
      const canary = { name: 'api-v2-0' } as Pod;
      const proxies = Array.from({ length: 40 }, (_, i) => {
        const proxy = routes.proxyFor(`web-${i}`);
        const view = new EndpointView(slice, sim, () => 1000, shared ? proxy : undefined);
        return { proxy, view };
      });
      sim.scheduleAt(1000, () => slice.set(canary, READY), undefined);
      sim.scheduleAt(1001, () => routes.set(NEW), undefined);
      // At every moment a proxy changes, does any proxy route to v2 with no v2 pod in view?
      let routedToNothing = 0;
      for (let t = 1000; t <= 4000; t += 1) {
        sim.scheduleAt(
          t,
          () => {
            for (const { proxy, view } of proxies)
              if (proxy.table === NEW && !view.pods.includes(canary)) routedToNothing++;
          },
          undefined,
          100,
        );
      }
      sim.run({ until: 4001 });
      expect(proxies.every(({ proxy }) => proxy.table === NEW)).toBe(true);
      return routedToNothing;
    };
    expect(arrivals(false)).toBeGreaterThan(0);
    expect(arrivals(true)).toBe(0);
  });

  it('setRouting in events: calls switch to the new version from the change on', () => {
    const yaml = `${scenario(`
    versions: { v1: { replicas: 1 }, v2: { replicas: 1 } }
    routing: { split: { v1: 100% } }`)}
events:
  - at: 30s
    setRouting: { service: api, routing: { split: { v2: 100% } } }
`;
    const result = run(yaml);
    const n = result.requests.total;
    const v2 = version(result, 'api', 'v2').requests;
    // The arrivals of the second half, less those during the propagation (about 0.3 s of
    // 30 s): binomial(n, 1/2) at most, and no fewer than 0.45 n.
    expect(v2).toBeLessThan(n / 2 + 4 * Math.sqrt(n / 4));
    expect(v2).toBeGreaterThan(0.45 * n);
    expect(version(result, 'api', 'v1').requests).toBe(n - v2);
  });
});

describe('versions side by side in a cluster that changes: one ReplicaSet each', () => {
  const yaml = `${scenario(`
    versions: { v1: { replicas: 2 }, v2: { replicas: 1 } }
    routing: { split: { v1: 50%, v2: 50% } }`)}
events:
  - at: 10s
    scale: { service: api, version: v2, replicas: 3 }
  - at: 20s
    scale: { service: api, version: v1, replicas: 1 }
`;
  const result = run(yaml);
  const apiPods = result.ledger.pods.filter((p) => p.service === 'api');

  it("scales one version's ReplicaSet and leaves the other's pods alone", () => {
    expect(version(result, 'api', 'v2').readyPods).toBe(3);
    expect(version(result, 'api', 'v1').readyPods).toBe(1);
  });

  it('numbers pods on across versions and labels each with its version', () => {
    expect(apiPods.map((p) => `${p.pod}:${p.version}`)).toEqual([
      'api-0:v1',
      'api-1:v1',
      'api-2:v2',
      'api-3:v2',
      'api-4:v2',
    ]);
  });

  it('keeps the split by version whatever the pods: half the calls each', () => {
    const n = result.requests.total;
    expect(withinBinomial(version(result, 'api', 'v2').requests, n, 0.5)).toBe(true);
  });
});
