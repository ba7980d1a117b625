import { describe, expect, it } from 'vitest';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';

/**
 * `breakPod` (docs/lifecycle.md): one pod fails a share of the calls it serves from the
 * event on, and `errorRate: 0%` mends it. Four pods in turn (round-robin from the one
 * ingress client), 100 calls/s: api-1 serves every fourth call, 25 a second.
 */
const result = simulate(
  parseScenario(
    `
name: break-pod
seed: 4
duration: 20s
drain: 1s
cluster:
  cpuScheduler: fifo
  nodePools: [{ name: big, cpu: 16, memory: 64Gi, pricePerHour: 0.2, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  api:
    replicas: 4
    loadBalancer: round-robin
    endpoints: { get: { cpu: 1ms } }
workload:
  - { name: users, arrivals: constant, rate: 100/s, target: api.get }
events:
  - { at: 5s, breakPod: { pod: api-1, errorRate: 50% } }
  - { at: 15s, breakPod: { pod: api-1, errorRate: 0% } }
`,
    'break-pod.yaml',
  ),
);
const failedBetween = (fromMs: number, toMs: number) =>
  [...timeSeriesRows(result.timeseries)]
    .filter((w) => w.scope === 'total' && w.startMs >= fromMs && w.startMs < toMs)
    .reduce((sum, w) => sum + w.failed, 0);

describe('a broken pod', () => {
  it('fails nothing before it breaks, nor after it is mended', () => {
    expect(failedBetween(0, 5000)).toBe(0);
    expect(failedBetween(15_000, 21_000)).toBe(0);
  });

  it('fails its share of the calls it serves meanwhile: half of 250, within 4 sd', () => {
    const failed = failedBetween(5000, 15_000);
    expect(Math.abs(failed - 125)).toBeLessThan(4 * Math.sqrt(250 * 0.25));
    expect(result.requests.byCause.error).toBe(failed);
  });
});
