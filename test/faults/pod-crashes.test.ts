import { describe, expect, it } from 'vitest';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';

/** 40 pods whose containers crash every 10 min on average, for an hour, at a light load. */
const YAML = `
name: crashes
duration: 1h
drain: 5s
cluster:
  provider: none
  nodePools:
    - { name: big, cpu: 64, memory: 64Gi, pricePerHour: 1, count: 1 }
  network: { sameZone: 0ms, crossZone: 0ms }
services:
  web:
    replicas: 40
    resources: { requests: { cpu: 100m, memory: 64Mi } }
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, arrivals: constant, rate: 20/s, target: web.get }
faults:
  - podCrashes: { service: web, mtbf: 10m }
`;

/** Each pod's time with its container running (Running or Ready), from its transitions. */
function runningMs(listener: RecordingLifecycleListener, endMs: number): number {
  const since = new Map<string, number>();
  let total = 0;
  for (const r of listener.records) {
    if (!('phase' in r)) continue;
    const running = r.phase === 'Running' || r.phase === 'Ready';
    const from = since.get(r.pod);
    if (running && from === undefined) since.set(r.pod, r.at);
    if (!running && from !== undefined) {
      total += r.at - from;
      since.delete(r.pod);
    }
  }
  for (const from of since.values()) total += endMs - from;
  return total;
}

describe('crashes by mean time between failures', () => {
  const listener = new RecordingLifecycleListener();
  const result = simulate(parseScenario(YAML, 'crashes.yaml'), { lifecycleListener: listener });
  const fault = result.faults!.faults[0]!;

  /**
   * Crashes come as a Poisson process over each container's running time: their count has
   * mean Σ running time / mtbf and the same variance. About 240 expected: 4 standard
   * deviations (about 62) is missed by a correct model once in 16,000 seeds.
   */
  it('counts crashes within 4 standard deviations of the Poisson expectation', () => {
    const expected = runningMs(listener, 3_600_000) / 600_000;
    expect(expected).toBeGreaterThan(230);
    expect(Math.abs(fault.crashes - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('restarts in place: no pod is replaced, every crash is a Starting of a known pod', () => {
    const created = listener.records.filter((r) => r.kind === 'podCreated');
    expect(created).toHaveLength(40);
    const restarts = listener.records.filter(
      (r) => r.kind === 'podPhaseChanged' && r.phase === 'Starting',
    );
    expect(restarts).toHaveLength(fault.crashes);
    expect(fault.podsAffected).toBeLessThanOrEqual(40);
    expect(fault.podsAffected).toBeGreaterThan(30);
  });

  it('fails with a reset only the requests a crash cut, and counts them in the fault', () => {
    expect(result.requests.byCause.reset + result.requests.byCause.connect_failure).toBe(
      fault.requestsFailed,
    );
  });
});
