import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/metrics/run-result.js';
import { simulate } from '../../../src/model/simulate.js';
import { parseScenario } from '../../../src/scenario/load.js';

/** Two pods of one service; at 4 s one of them is deleted (30 s grace, no preStop). */
function run(strategy: string): RunResult {
  return simulate(
    parseScenario(`
name: sidecar-ledger
seed: 3
duration: 10s
drain: 1s
mesh: { strategy: ${strategy} }
cluster:
  zones: [a]
  nodePools:
    - { name: pool, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 1 }
services:
  api:
    replicas: 2
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, target: api.get, arrivals: poisson, rate: 50/s }
events:
  - { at: 4s, deletePod: api-0 }
`),
  );
}

describe('a sidecar is a container of its pod, not a pod of its own', () => {
  const plain = run('none');
  const sidecar = run('sidecar');
  const row = (result: RunResult, pod: string) =>
    result.ledger.pods.find((entry) => entry.pod === pod)!;

  it("adds nothing to its node's pod-seconds: the same pods, the same pod-seconds", () => {
    expect(sidecar.ledger.nodes.map((node) => node.podPhaseSeconds)).toEqual(
      plain.ledger.nodes.map((node) => node.podPhaseSeconds),
    );
  });

  it('goes when its pod goes, and keeps its own CPU row meanwhile', () => {
    const pod = row(sidecar, 'api-0');
    const proxy = row(sidecar, 'api-0/istio-proxy');
    expect(pod.goneMs).not.toBeNull();
    expect(proxy.goneMs).toBe(pod.goneMs);
    expect(proxy.phaseSeconds).toEqual(pod.phaseSeconds);
    expect(proxy.cpuCoreSecondsUsed).toBeGreaterThan(0);
    expect(row(sidecar, 'api-1/istio-proxy').goneMs).toBeNull();
  });
});
