import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

describe('load balancing across replicas', () => {
  it('least-request (power of two choices) cuts the p99 of a random split at high utilization', () => {
    // Same seed, same stream names: both runs see the same arrivals and, with workers
    // always free, the same CPU time per request (common random numbers); only routing
    // differs. Random makes four M/M/1 queues at rho 0.9 (p99 = ln(100) / 0.1 ms = 46 ms);
    // joining the shorter of two random queues leaves far fewer long queues. The margin:
    // least-request must at least remove 40% of the random split's p99.
    const random = simulate(loadScenario('lb-random'));
    const leastRequest = simulate(loadScenario('lb-least-request'));
    console.log(
      'p99 (ms): random',
      random.latency.p99Ms,
      'least-request',
      leastRequest.latency.p99Ms,
    );
    expect(leastRequest.requests.total).toBe(random.requests.total);
    expect(leastRequest.latency.p99Ms!).toBeLessThan(0.6 * random.latency.p99Ms!);
    expect(leastRequest.latency.meanMs!).toBeLessThan(random.latency.meanMs!);
  });

  it('round-robin spreads requests exactly evenly over the pods', () => {
    // After the drain nothing is in flight, so the per-pod counts differ by at most one.
    const result = simulate(loadScenario('replicas-round-robin'));
    const counts = result.pods.map((p) => p.requests);
    expect(counts).toHaveLength(3);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(result.requests.byCause.unfinished).toBe(0);
  });
});
