import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { mmckMetrics } from '../support/queueing-theory.js';
import { type Interval, loadScenario, replicate, tInterval } from '../support/scenario-files.js';

/**
 * A pod with a bounded queue is an M/M/c/K loss system; a closed loop of users is the
 * machine-repairman model. Tolerances: 20 independent replications per fixture, 99.9%
 * Student-t interval of the per-run values (a correct model fails a check with
 * probability 0.001; see single-service-queueing.test.ts), and each interval must be
 * sharp (relative half-width below 10%) so that the check has power.
 */

const CONFIDENCE = 0.999;
const REPLICATIONS = 20;

function expectCovers(label: string, interval: Interval, theory: number): void {
  console.log(`${label}: theory ${theory}, simulated ${interval.mean} ± ${interval.halfWidth}`);
  expect(interval.relativeHalfWidth, `${label}: interval too wide`).toBeLessThan(0.1);
  expect(interval.lower, label).toBeLessThanOrEqual(theory);
  expect(interval.upper, label).toBeGreaterThanOrEqual(theory);
}

const perRun = (runs: RunResult[], value: (run: RunResult) => number) =>
  tInterval(runs.map(value), CONFIDENCE);

describe('a pod with a bounded queue turns away what does not fit (M/M/c/K)', () => {
  for (const fixture of ['overflow-rho80', 'overflow-rho120']) {
    it(`${fixture}: the overflow fraction is the M/M/c/K blocking probability`, () => {
      const scenario = loadScenario(fixture);
      const api = scenario.services.api!;
      const workload = scenario.workload[0]!;
      const cpu = api.endpoints.work!.cpu;
      if (workload.arrivals !== 'poisson' || cpu.kind !== 'exponential')
        throw new Error('expected an M/M/c/K fixture');
      const servers = api.concurrency; // as many cores (cpu limit) as workers
      expect(api.resources.limits.cpu).toBe(servers);
      const capacity = servers + api.queueLimit;
      const theory = mmckMetrics(workload.rate / 1000, 1 / cpu.mean, servers, capacity);

      const runs = replicate(scenario, REPLICATIONS);
      for (const run of runs) {
        // Overflow is the only way to fail here.
        expect(run.requests.failed).toBe(run.requests.byCause.overflow);
      }
      // PASTA: Poisson arrivals see the stationary distribution, so the fraction turned
      // away is p_K.
      expectCovers(
        `${fixture} blocking probability`,
        perRun(runs, (r) => r.requests.byCause.overflow / r.requests.total),
        theory.blockingProbability,
      );
      // The admitted requests' mean response time is W = L / (lambda (1 - p_K)).
      expectCovers(
        `${fixture} admitted mean response (ms)`,
        perRun(runs, (r) => r.latency.meanMs!),
        theory.meanSojourn,
      );
    });
  }
});

describe('a closed loop of users obeys the interactive response time law', () => {
  it('N users with think time Z have throughput N / (Z + R), as the machine-repairman model says', () => {
    const scenario = loadScenario('closed-loop');
    const workload = scenario.workload[0]!;
    const cpu = scenario.services.api!.endpoints.work!.cpu;
    if (
      workload.arrivals !== 'closed' ||
      workload.thinkTime.kind !== 'exponential' ||
      cpu.kind !== 'exponential'
    )
      throw new Error('expected exponential think and CPU times');
    const users = workload.users;
    const thinkMs = workload.thinkTime.mean;
    const serviceMs = cpu.mean;

    // M/M/1//N: p_n proportional to N! / (N - n)! (S / Z)^n; the server is busy with
    // probability 1 - p_0, so X = (1 - p_0) / S; and R = N / X - Z.
    const weights = [1];
    for (let n = 1; n <= users; n++)
      weights.push((weights[n - 1]! * (users - n + 1) * serviceMs) / thinkMs);
    const p0 = 1 / weights.reduce((sum, w) => sum + w, 0);
    const throughputPerSec = ((1 - p0) / serviceMs) * 1000;
    const responseMs = (users / throughputPerSec) * 1000 - thinkMs;

    const runs = replicate(scenario, REPLICATIONS);
    for (const run of runs) expect(run.requests.failed).toBe(0);
    expectCovers(
      'closed loop throughput (/s)',
      perRun(runs, (r) => r.throughputPerSec),
      throughputPerSec,
    );
    expectCovers(
      'closed loop mean response (ms)',
      perRun(runs, (r) => r.latency.meanMs!),
      responseMs,
    );
    // The law itself, run by run: X (Z + R) = N up to sampling noise in the think times
    // and edge effects at the ends of the run, both covered by the interval.
    expectCovers(
      'closed loop X (Z + R) / N',
      perRun(runs, (r) => (r.throughputPerSec / 1000) * (thinkMs + r.latency.meanMs!)),
      users,
    );
  });
});
