import { describe, expect, it } from 'vitest';
import { liveHarness } from '../support/live-harness.js';

const YAML = `
name: churn
duration: 20s
cluster:
  cpuScheduler: fifo
  nodePools:
    - { name: pool, cpu: 16, memory: 64Gi, pricePerHour: 1, count: 1 }
  network: { sameZone: 1ms, crossZone: 1ms, ingress: 1ms }
  endpointPropagation: 100ms
services:
  frontend:
    replicas: 2
    lifecycle: { containerStart: 0s }
    endpoints:
      get: { cpu: 1ms, calls: [backend.get] }
  backend:
    replicas: 2
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, arrivals: constant, rate: 100/s, target: frontend.get }
`;

/**
 * frontend's two pods call backend through a client each (the default). One frontend pod is
 * crashed every second and replaced (frontend-0, then frontend-1, ... frontend-9), so twelve
 * frontend pods call backend over the run, never more than two at a time.
 */
function churn() {
  const { harness, cluster } = liveHarness(YAML, 'churn.yaml');
  for (let t = 0; t < 12_000; t += 10) harness.send(t, 'frontend.get');
  for (let i = 0; i < 10; i++)
    harness.sim.scheduleAt(1000 * (i + 1), () => cluster.crashPod(`frontend-${i}`), undefined);
  harness.sim.run();
  return { harness, backend: harness.topology.services.get('backend')! };
}

describe('the clients of a caller pod that is gone', () => {
  const { harness, backend } = churn();

  it('leave the callee: only the live callers keep a client and a subscribed view', () => {
    expect(harness.endings.length).toBe(1200);
    expect(backend.clients!.size).toBeLessThanOrEqual(2);
    expect(backend.endpointSlice.subscribers).toBe(backend.clients!.size);
  });
});

describe('a setPolicy event with a client per caller', () => {
  it("reaches every caller's balancer: round-robin from then on, 100 calls on each of 3 pods", () => {
    const yaml = YAML.replace(
      'replicas: 2\n    endpoints:\n      get: { cpu: 1ms }\n',
      'replicas: 3\n    endpoints:\n      get: { cpu: 1ms }\n',
    );
    const { harness, cluster } = liveHarness(yaml, 'policy.yaml');
    harness.sim.scheduleAt(0, () => cluster.setLoadBalancer('backend', 'round-robin'), undefined);
    // One frontend pod's requests at a time: crash none; all go through frontend-0 or -1.
    for (let t = 1; t <= 3000; t += 10) harness.send(t, 'frontend.get');
    harness.sim.run();
    const served = [0, 1, 2].map((i) => harness.pod('backend', i).served);
    expect(served.reduce((a, b) => a + b)).toBe(300);
    // Each frontend pod's client takes its own turn: within one call of even per caller.
    for (const n of served) expect(Math.abs(n - 100)).toBeLessThanOrEqual(2);
  });
});
