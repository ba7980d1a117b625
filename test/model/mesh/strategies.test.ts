import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/metrics/run-result.js';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/load.js';

/**
 * A client calling a server, 200 requests/s; `mesh` is the scenario's section. Calls go to a
 * random pod whatever the strategy, so that the strategies differ by their proxies alone.
 */
function scenarioText(mesh: string, extra = ''): string {
  return `
name: strategies
seed: 3
duration: 10s
warmup: 2s
drain: 5s
mesh: ${mesh}
cluster:
  zones: [a]
  nodePools:
    - { name: pool, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 2 }
  network: { sameZone: 0.2ms, crossZone: 1ms, ingress: 2ms }
services:
  client:
    replicas: 2
    resources: { requests: { cpu: 500m, memory: 256Mi } }
    endpoints:
      run: { cpu: 0.2ms, calls: [server.echo] }
  server:
    replicas: 2
    resources: { requests: { cpu: 500m, memory: 256Mi } }
    loadBalancer: random
    endpoints:
      echo: { cpu: 1ms }
${extra}
workload:
  - { name: users, target: client.run, arrivals: poisson, rate: 200/s }
`;
}

const run = (mesh: string, extra = ''): RunResult =>
  simulate(parseScenario(scenarioText(mesh, extra)));
const edgeP50 = (result: RunResult) =>
  result.edges.find((edge) => edge.from === 'client' && edge.to === 'server')!.latency.p50Ms!;
const group = (result: RunResult, name: string) => result.proxies!.find((g) => g.group === name)!;

describe('the strategies without proxies', () => {
  it('library runs no proxy and costs nothing: the same result as none, byte for byte', () => {
    expect(JSON.stringify(run('{ strategy: library }'))).toBe(
      JSON.stringify(run('{ strategy: none }')),
    );
  });
});

describe('mTLS connections between sidecars', () => {
  const pooled = run('{ strategy: sidecar }');
  const unpooled = run('{ strategy: sidecar, mtls: { reuseConnections: false } }');
  const plaintext = run('{ strategy: sidecar, mtls: { enabled: false } }');

  it('pay a handshake per connection opened: pooled, a few; without reuse, one per request', () => {
    // Pooled: the connections open in the warm-up and are reused through the measured 8 s.
    const server = group(pooled, 'server/istio-proxy');
    expect(server.requests).toBeGreaterThan(1000);
    expect(server.handshakes).toBeLessThan(server.requests / 100);
    const each = group(unpooled, 'server/istio-proxy');
    // One per request: a handshake just before the window opens can be for a request
    // forwarded just after it, so the two counts may differ by the few at its edges.
    expect(Math.abs(each.handshakes - each.requests)).toBeLessThanOrEqual(2);
    expect(each.requests).toBeGreaterThan(1000);
  });

  it('and what reuse saves shows in the latency and the proxies’ CPU', () => {
    // A new connection: TCP's round trip, TLS 1.3's, and 0.5 ms of CPU on each side.
    expect(edgeP50(unpooled) - edgeP50(pooled)).toBeGreaterThan(1);
    expect(group(unpooled, 'server/istio-proxy').cpuCoreSecondsUsed).toBeGreaterThan(
      2 * group(pooled, 'server/istio-proxy').cpuCoreSecondsUsed,
    );
  });

  it('plaintext (mTLS off) takes no handshake CPU', () => {
    expect(group(plaintext, 'server/istio-proxy').handshakes).toBe(0);
  });
});

describe('sidecars against the lighter sidecar and ambient', () => {
  const none = run('{ strategy: none }');
  const sidecar = run('{ strategy: sidecar }');
  const light = run('{ strategy: sidecar-light }');
  const ambient = run('{ strategy: ambient }');

  it('each adds latency on the path; the lighter sidecar and ambient’s L4 proxy less', () => {
    expect(edgeP50(sidecar)).toBeGreaterThan(edgeP50(light));
    expect(edgeP50(light)).toBeGreaterThan(edgeP50(none));
    expect(edgeP50(ambient)).toBeGreaterThan(edgeP50(none));
    expect(edgeP50(sidecar)).toBeGreaterThan(edgeP50(ambient));
  });

  it('ambient runs one ztunnel per node and no sidecar', () => {
    expect(ambient.proxies!.map((g) => [g.group, g.containers])).toEqual([
      ['ztunnel', 2],
      ['ingress-gateway', 1],
    ]);
    const pods = ambient.ledger.pods.map((pod) => pod.pod);
    expect(pods).toContain('ztunnel-pool-0');
    expect(pods.some((pod) => pod.endsWith('/istio-proxy'))).toBe(false);
  });

  it('the proxy containers are rows of the pod ledger, their CPU on their nodes', () => {
    const row = sidecar.ledger.pods.find((pod) => pod.pod === 'server-0/istio-proxy')!;
    expect(row.service).toBe('server/istio-proxy');
    expect(row.cpuCoreSecondsUsed).toBeGreaterThan(0);
    // 100m requested over the 8 s measured.
    expect(row.cpuCoreSecondsRequested).toBeCloseTo(0.8, 9);
    const node = sidecar.ledger.nodes.find((n) => n.node === row.node)!;
    const withoutMesh = none.ledger.nodes.find((n) => n.node === row.node)!;
    expect(node.cpuCoreSecondsRequested).toBeGreaterThan(withoutMesh.cpuCoreSecondsRequested);
  });
});

describe('proxies.csv counts what its CPU covers: the measured window', () => {
  it("the gateway's requests are the 8 s measured of 200/s, not the 10 s run (warm-up left out)", () => {
    const gateway = run('{ strategy: sidecar }').proxies!.find(
      (g) => g.group === 'ingress-gateway',
    )!;
    // Poisson: 1,600 expected, standard deviation 40; 2,000 if the warm-up counted.
    expect(gateway.requests).toBeGreaterThan(1600 - 4 * 40);
    expect(gateway.requests).toBeLessThan(1600 + 4 * 40);
  });
});

describe('what the proxies ask of the scheduler', () => {
  // EKS's m5.large leaves pods 1.93 cores: three 600m pods fit (1.8), not with three 100m
  // sidecars (2.1), so the third stays Pending.
  const tight = (strategy: string) =>
    simulate(
      parseScenario(`
name: tight
duration: 5s
mesh: { strategy: ${strategy} }
cluster:
  provider: eks
  nodePools: [{ name: pool, instanceType: m5.large, count: 1 }]
services:
  server:
    replicas: 3
    resources: { requests: { cpu: 600m, memory: 256Mi } }
    endpoints: { echo: { cpu: 1ms } }
workload:
  - { name: users, target: server.echo, arrivals: poisson, rate: 50/s }
`),
    );

  it('an injected sidecar’s requests count against the node: a pod that fitted stays Pending', () => {
    const pendingOf = (result: RunResult) => result.services[0]!.pendingPods;
    expect(pendingOf(tight('none'))).toBe(0);
    expect(pendingOf(tight('sidecar'))).toBe(1);
  });
});

describe('an ambient service that asks for a waypoint', () => {
  const without = run('{ strategy: ambient }');
  const withWaypoint = simulate(
    parseScenario(
      scenarioText('{ strategy: ambient }').replace(
        '    loadBalancer: random',
        '    loadBalancer: random\n    mesh: { waypoint: true }',
      ),
    ),
  );

  it('gets waypoint pods, scheduled like other pods', () => {
    expect(withWaypoint.proxies!.map((g) => [g.group, g.containers])).toEqual([
      ['ztunnel', 2],
      ['ingress-gateway', 1],
      ['server-waypoint', 1],
    ]);
    const pod = withWaypoint.ledger.pods.find((row) => row.pod === 'server-waypoint-0')!;
    expect(pod.node).not.toBeNull();
  });

  it('and calls to it cross one more proxy and one more network hop', () => {
    // The waypoint's request and response CPU (about 0.08 ms) and a same-zone hop each way.
    expect(edgeP50(withWaypoint) - edgeP50(without)).toBeGreaterThan(0.4);
    // Every call to the server went through it: the measured calls, within the few at the
    // window's edges (the edge counts calls of measured requests, the proxy what it forwarded
    // between warm-up and duration).
    const calls = withWaypoint.edges.find((e) => e.from === 'client' && e.to === 'server')!;
    const forwarded = group(withWaypoint, 'server-waypoint').requests;
    expect(Math.abs(forwarded - calls.requests)).toBeLessThanOrEqual(calls.requests * 0.01);
  });
});

describe('the lighter sidecar balances as Linkerd does', () => {
  /** One client calling two pods of `back`, one 4× slower; `back` names no balancer. */
  const served = (strategy: string) => {
    const result = simulate(
      parseScenario(`
name: light-balancer
seed: 3
duration: 30s
mesh: { strategy: ${strategy} }
cluster:
  zones: [a]
  nodePools: [{ name: big, cpu: 16, memory: 64Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0.2ms, crossZone: 0.2ms, ingress: 1ms }
services:
  client:
    endpoints: { run: { cpu: 0.1ms, calls: [back.get] } }
  back:
    replicas: 2
    resources: { requests: { cpu: 1, memory: 256Mi } }
    endpoints: { get: { cpu: 5ms } }
workload:
  - { name: users, arrivals: poisson, rate: 100/s, target: client.run }
events:
  - at: 0s
    setTemplate: { service: back, version: slow, endpoints: { get: { cpu: 20ms } } }
  - { at: 0s, deletePod: back-0 }
`),
    );
    // back-0 is replaced at once by back-2, the slow version; back-1 stays fast.
    const requests = (pod: string) => result.pods.find((p) => p.pod === pod)!.requests;
    return requests('back-1') / requests('back-2');
  };

  it('by default: power of two choices over peak-EWMA, which shuns the slow pod', () => {
    // Measured 15.2 (2,760 calls against 182); least-request would give about 2.6.
    expect(served('sidecar-light')).toBeGreaterThan(10);
  });

  it('where Istio’s sidecar balances by least-request, which counts requests, not latency', () => {
    expect(served('sidecar')).toBeLessThan(4);
  });
});
