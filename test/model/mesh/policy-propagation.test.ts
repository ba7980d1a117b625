import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/model/pod.js';
import { liveHarness } from '../../support/live-harness.js';

/**
 * A `setPolicy` in a mesh is a DestinationRule change (trafficPolicy.loadBalancer): it
 * reaches each caller's proxy after the control plane's debounce (100 ms) and its own push
 * (lognormal, median 100 ms), as a routing change does (docs/mesh/routing.md). `web` calls
 * through sidecars; `batch` runs the policy in its own library (no proxy, no control plane).
 */
const YAML = `
name: policy-push
duration: 20s
mesh: { strategy: sidecar }
cluster:
  cpuScheduler: fifo
  nodePools:
    - { name: pool, cpu: 32, memory: 64Gi, pricePerHour: 1, count: 1 }
  network: { sameZone: 1ms, crossZone: 1ms, ingress: 1ms }
services:
  web:
    replicas: 8
    endpoints:
      get: { cpu: 1ms, calls: [backend.get] }
  batch:
    replicas: 2
    mesh: { strategy: library }
    endpoints:
      get: { cpu: 1ms, calls: [backend.get] }
  backend:
    replicas: 3
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, arrivals: constant, rate: 100/s, target: web.get }
`;

const CHANGE_AT = 1000;

function started() {
  const { harness, cluster } = liveHarness(YAML, 'policy-push.yaml');
  // Every caller pod calls backend before the change, so that each has a client.
  for (let t = 1; t < 800; t += 5) {
    harness.send(t, 'web.get');
    harness.send(t, 'batch.get');
  }
  harness.sim.scheduleAt(
    CHANGE_AT,
    () => cluster.setLoadBalancer('backend', 'round-robin'),
    undefined,
  );
  const backend = harness.topology.services.get('backend')!.clients!;
  const pods = (service: string): Pod[] => harness.topology.services.get(service)!.pods;
  return { harness, cluster, backend, pods };
}

describe('a setPolicy in a mesh reaches each caller proxy after its own propagation delay', () => {
  it('each sidecar keeps the old balancer until just before its push arrives, and the new one from then', () => {
    const { harness, backend, pods } = started();
    const web = pods('web');
    harness.sim.run({ until: CHANGE_AT + 1e-6 });
    const arrivals = web.map((pod) => backend.policyPushAt(pod)!);
    for (const at of arrivals) expect(at).toBeGreaterThanOrEqual(CHANGE_AT + 100); // the debounce
    // Each push drawn on its own: the proxies do not all switch at once.
    expect(new Set(arrivals).size).toBe(web.length);
    const order = web.map((pod, i) => ({ pod, at: arrivals[i]! })).sort((a, b) => a.at - b.at);
    for (const { pod, at } of order) {
      harness.sim.run({ until: at });
      expect(backend.balancerOf(pod)).toBe('least-request'); // Istio's default, before its push
      harness.sim.run({ until: at + 1e-6 });
      expect(backend.balancerOf(pod)).toBe('round-robin');
    }
    // Meanwhile, between the first push and the last, the proxies disagreed.
    expect(order[0]!.at).toBeLessThan(order.at(-1)!.at);
  });

  it('a caller whose policies run in its library (no control plane) changes when the event says', () => {
    const { harness, backend, pods } = started();
    harness.sim.run({ until: CHANGE_AT + 1e-6 });
    for (const pod of pods('batch')) {
      expect(backend.policyPushAt(pod)).toBeUndefined();
      // Its client is made anew on its next call, with the new balancer.
      expect(backend.balancerOf(pod)).toBeUndefined();
    }
    harness.send(CHANGE_AT + 1, 'batch.get');
    harness.sim.run({ until: CHANGE_AT + 50 });
    const called = pods('batch').filter((pod) => backend.balancerOf(pod) !== undefined);
    expect(called.length).toBe(1);
    expect(backend.balancerOf(called[0]!)).toBe('round-robin');
  });

  it('may name Linkerd’s peak-EWMA, applied at the push like any balancer', () => {
    const { harness, cluster, backend, pods } = started();
    harness.sim.scheduleAt(
      CHANGE_AT + 5000,
      () => cluster.setLoadBalancer('backend', 'peak-ewma'),
      undefined,
    );
    harness.sim.run({ until: CHANGE_AT + 20_000 });
    expect(backend.balancerOf(pods('web')[0]!)).toBe('peak-ewma');
  });

  it('kube-proxy named in a mesh leaves the proxies on their strategy’s default balancer', () => {
    const { harness, cluster, backend, pods } = started();
    harness.sim.scheduleAt(
      CHANGE_AT + 5000,
      () => cluster.setLoadBalancer('backend', 'kube-proxy'),
      undefined,
    );
    harness.sim.run({ until: CHANGE_AT + 20_000 });
    expect(backend.balancerOf(pods('web')[0]!)).toBe('least-request');
  });
});
