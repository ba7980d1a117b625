import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { loadScenario } from '../support/scenario-files.js';
import { trafficHarness } from '../support/traffic-harness.js';

/**
 * kube-proxy in IPVS mode (docs/architecture.md, "kube-proxy in IPVS mode"): round-robin
 * per new connection, one position per node that every caller on the node shares.
 */
function ipvsCluster(nodes: number, connections: string): string {
  return `
name: ipvs
duration: 10s
cluster:
  kubeProxyMode: ipvs
  cpuScheduler: fifo
  nodePools:
    - { name: pool, cpu: 16, memory: 64Gi, pricePerHour: 1, count: ${nodes} }
  network: { sameZone: 1ms, crossZone: 1ms, ingress: 1ms }
services:
  frontend:
    replicas: 4
    loadBalancer: round-robin
    resources: { requests: { cpu: 1 } }
    endpoints:
      get: { cpu: 1ms, calls: [backend.get] }
  backend:
    replicas: 3
    resources: { requests: { cpu: 1 } }
    ${connections}
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, arrivals: constant, rate: 1/s, target: frontend.get }
`;
}

/** Sends `count` requests 100 ms apart; for each, the frontend pod and the backend pod. */
function picks(yaml: string, count: number): { caller: string; pod: string }[] {
  const h = trafficHarness(yaml);
  const frontends = h.topology.services.get('frontend')!.pods;
  const backends = h.topology.services.get('backend')!.pods;
  const served = (pods: typeof backends) => pods.map((p) => p.served);
  const result: { caller: string; pod: string }[] = [];
  for (let i = 0; i < count; i++) {
    const before = { f: served(frontends), b: served(backends) };
    h.send(i * 100, 'frontend.get');
    h.sim.run({ until: i * 100 + 99 });
    const changed = (pods: typeof backends, was: number[]) =>
      pods.find((p, k) => p.served !== was[k])!.name;
    result.push({ caller: changed(frontends, before.f), pod: changed(backends, before.b) });
  }
  return result;
}

/** Whether the pods follow each other in the backend's order, from wherever they start. */
function inTurn(pods: string[]): boolean {
  const order = ['backend-0', 'backend-1', 'backend-2'];
  const start = order.indexOf(pods[0]!);
  return pods.every((pod, k) => pod === order[(start + k) % 3]);
}

describe('kube-proxy in IPVS mode', () => {
  it('one node: its four callers share one rr position, so each new connection takes the next pod', () => {
    // HTTP/1.1 with a 1 ms idle timeout: every call opens a new connection, 100 ms apart.
    const yaml = ipvsCluster(1, 'connections: { protocol: http1, idleTimeout: 1ms }');
    const seen = picks(yaml, 12);
    expect(new Set(seen.map((s) => s.caller)).size).toBe(4);
    expect(inTurn(seen.map((s) => s.pod))).toBe(true);
  });

  it('two nodes: each node keeps its own position, in turn for the callers on it', () => {
    const yaml = ipvsCluster(2, 'connections: { protocol: http1, idleTimeout: 1ms }');
    const h = trafficHarness(yaml);
    const nodeOf = new Map(
      h.topology.services.get('frontend')!.pods.map((p) => [p.name, p.nodeName] as const),
    );
    expect(new Set(nodeOf.values()).size).toBe(2);
    const seen = picks(yaml, 24);
    for (const node of new Set(nodeOf.values())) {
      const onNode = seen.filter((s) => nodeOf.get(s.caller) === node).map((s) => s.pod);
      expect(onNode.length).toBe(12);
      expect(inTurn(onNode)).toBe(true);
    }
  });

  it('without a connection model every call is a new connection: the same rr per node', () => {
    expect(inTurn(picks(ipvsCluster(1, ''), 9).map((s) => s.pod))).toBe(true);
  });
});

/** The busiest backend pod's requests over the fair share (a third of them). */
function busiestShare(result: RunResult): number {
  const counts = result.pods.filter((p) => p.service === 'backend').map((p) => p.requests);
  const total = counts.reduce((sum, n) => sum + n, 0);
  return Math.max(...counts) / (total / 3);
}

describe('gRPC pinning under IPVS against iptables (connection-pinning.yaml)', () => {
  const pinning = loadScenario('connection-pinning');
  const withMode = (nodes: number): Scenario => ({
    ...pinning,
    cluster: {
      ...pinning.cluster,
      kubeProxyMode: 'ipvs',
      nodePools: [{ ...pinning.cluster.nodePools[0]!, count: nodes }],
    },
  });

  it('three callers on one node: rr puts their three connections on three pods, an even share every time', () => {
    // iptables: 17/9 ≈ 1.89 of the fair share on average (balls in bins); IPVS on one node: 1.
    for (let seed = 1; seed <= 20; seed++)
      expect(busiestShare(simulate(withMode(1), { seed }))).toBeCloseTo(1, 1);
  });

  it('three callers on three nodes: each node starts anywhere, so the balls-in-bins 17/9 again', () => {
    // Each node's first connection goes to a uniformly random pod, independently: the same
    // expectation as iptables' random pick. The busiest share is 1, 2 or 3 (sd 0.567).
    const runs = 150;
    const shares = Array.from({ length: runs }, (_, i) =>
      Math.round(busiestShare(simulate(withMode(3), { seed: 1 + i }))),
    );
    const mean = shares.reduce((sum, x) => sum + x, 0) / runs;
    expect(Math.abs(mean - 17 / 9)).toBeLessThan((4 * 0.567) / Math.sqrt(runs));
  });
});
