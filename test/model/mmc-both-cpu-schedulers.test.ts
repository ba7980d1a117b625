import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { mmcMeanWait } from '../support/queueing-theory.js';
import { replicate, tInterval } from '../support/scenario-files.js';

/**
 * The queueing check that holds under both CPU rules: with Poisson arrivals and exponential
 * bursts, the mean response time of one pod alone on a node of c cores is M/M/c's.
 *
 * Under fifo the bursts queue for the c cores (the textbook M/M/c). Under cfs they share
 * the cores, each on at most one, so with n bursts present the node serves min(n, c) cores'
 * worth of work: the same birth-death chain for the number present, hence the same mean
 * number and, by Little's law, the same mean response (the percentiles differ, which is
 * why the FIFO-only checks in single-service-queueing.test.ts name fifo).
 *
 * Tolerances come from the sample: 20 independent replications, each run's mean response
 * one observation, a 99.9% Student-t interval that must cover the theory and be sharp
 * (half-width under 6% of the mean). Warm-ups span tens of relaxation times
 * (1 / (c mu (1 - sqrt(rho))^2): 37 ms for M/M/1 at 0.7, 45 ms for M/M/2 at 0.8).
 */
const REPLICATIONS = 20;
const CONFIDENCE = 0.999;
const MAX_RELATIVE_HALF_WIDTH = 0.06;

/** One pod without a limit, alone on a node of `cores` cores: bursts of mean 1 ms. */
function mmcScenario(cores: number, rho: number, scheduler: 'cfs' | 'fifo', durationS: number) {
  return parseScenario(
    `name: mmc-${cores}-${scheduler}
seed: 41
duration: ${durationS}s
warmup: 2s
cluster:
  provider: none
  cpuScheduler: ${scheduler}
  nodePools: [{ name: pool, cpu: ${cores}, memory: 16Gi, pricePerHour: 0.1, count: 1 }]
  network: { sameZone: 0ms, crossZone: 0ms, ingress: 0ms }
services:
  api:
    resources: { requests: { cpu: ${cores} } }
    concurrency: 100000
    queueLimit: 100000
    endpoints:
      work: { cpu: exponential(mean=1ms) }
workload:
  - { name: users, arrivals: poisson, rate: ${Math.round(rho * cores * 1000)}/s, target: api.work }
`,
    `mmc-${cores}-${scheduler}.yaml`,
  );
}

describe('mean response time with exponential bursts is M/M/c under both CPU rules', () => {
  for (const [cores, rho, durationS] of [
    [1, 0.7, 30],
    [2, 0.8, 30],
  ] as const) {
    // W = Wq + 1/mu with mu = 1 per ms.
    const theory = mmcMeanWait(rho * cores, 1, cores) + 1;
    for (const scheduler of ['cfs', 'fifo'] as const) {
      it(`M/M/${cores} at rho ${rho} under ${scheduler}: mean response ${theory.toFixed(3)} ms`, () => {
        const runs = replicate(mmcScenario(cores, rho, scheduler, durationS), REPLICATIONS);
        for (const run of runs) expect(run.requests.failed).toBe(0);
        const interval = tInterval(
          runs.map((run) => run.latency.meanMs!),
          CONFIDENCE,
        );
        expect(interval.relativeHalfWidth).toBeLessThan(MAX_RELATIVE_HALF_WIDTH);
        expect(interval.lower).toBeLessThanOrEqual(theory);
        expect(interval.upper).toBeGreaterThanOrEqual(theory);
      });
    }
  }
});
