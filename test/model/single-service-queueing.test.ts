import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { erlangC, mmcMeanWait } from '../support/queueing-theory.js';
import { type Interval, loadScenario, replicate, tInterval } from '../support/scenario-files.js';

/**
 * One service behind Poisson arrivals with exponential CPU times must behave as the
 * textbook M/M/c queue (the simulator's sanity anchor), and replicas behind a load balancer
 * as the queues their split of the traffic makes.
 *
 * Tolerances are statistical, never tuned: each fixture runs REPLICATIONS times with
 * independent seeds; each run's headline mean (or median) is one observation; the
 * observations are independent and, averaging tens of thousands of requests each, nearly
 * normal, so mean ± t(0.9995, R - 1) · s / √R is a 99.9% confidence interval for the
 * steady-state value. A correct model misses any one check with probability 0.001. Every
 * interval must also be sharp (relative half-width ≤ MAX_RELATIVE_HALF_WIDTH), or the check
 * could not see a bias of that size. Each fixture's warm-up spans tens of relaxation times,
 * so the empty-system start does not bias the runs.
 */

const CONFIDENCE = 0.999;
const REPLICATIONS = 20;
const MAX_RELATIVE_HALF_WIDTH = 0.06;
const MAX_TAIL_RELATIVE_HALF_WIDTH = 0.1;
/**
 * Headline quantiles come from an HDR histogram with 3 significant digits: a value is
 * reported as the top of its bucket, at most 1/1024 above it (2048 sub-buckets per power
 * of two), after rounding to whole microseconds (±0.0005 ms).
 */
const quantileResolution = (valueMs: number) => valueMs / 1024 + 0.0005;

/** What the fixtures say, in per-millisecond rates: the station to compare with theory. */
interface Station {
  arrivalRate: number;
  serviceRate: number;
  servers: number;
  pods: number;
}

/**
 * The CPU rule (pod.ts): a CPU limit L is served as ceil(L) cores at speed L / ceil(L), so
 * a CPU time of mean 1/mu at full speed is served at rate mu L / ceil(L) on each core.
 */
function stationOf(scenario: Scenario): Station {
  const workload = scenario.workload[0]!;
  const service = Object.values(scenario.services)[0]!;
  const cpu = Object.values(service.endpoints)[0]!.cpu;
  const limit = service.resources.limits.cpu ?? service.resources.requests.cpu;
  if (workload.arrivals !== 'poisson' || cpu.kind !== 'exponential')
    throw new Error(`${scenario.name} is not an M/M/c station`);
  const cores = Math.ceil(limit);
  return {
    arrivalRate: workload.rate / 1000,
    serviceRate: limit / cores / cpu.mean,
    servers: cores,
    pods: service.replicas,
  };
}

/** M/M/c mean response time: W = Wq + 1/mu (Erlang C for Wq). */
function mmcMeanResponse({ arrivalRate, serviceRate, servers }: Station): number {
  return mmcMeanWait(arrivalRate, serviceRate, servers) + 1 / serviceRate;
}

/**
 * M/M/c response time distribution. T = Wq + S with S ~ Exp(mu) independent of Wq, and
 * Wq = 0 with probability 1 - C, else Exp(theta) with theta = c mu - lambda. So
 *   P(T > t) = (1 - C) e^(-mu t) + C P(Exp(theta) + Exp(mu) > t),
 *   P(Exp(theta) + Exp(mu) > t) = (theta e^(-mu t) - mu e^(-theta t)) / (theta - mu),
 * or (1 + mu t) e^(-mu t) when theta = mu. For c = 1 (C = rho) this reduces to
 * e^(-(mu - lambda) t), the familiar exponential sojourn of M/M/1.
 */
function mmcResponseSurvival(station: Station, t: number): number {
  const { arrivalRate, serviceRate: mu, servers } = station;
  const waitProbability = erlangC(servers, arrivalRate / mu);
  const theta = servers * mu - arrivalRate;
  const sum =
    Math.abs(theta - mu) < 1e-12
      ? (1 + mu * t) * Math.exp(-mu * t)
      : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
  return (1 - waitProbability) * Math.exp(-mu * t) + waitProbability * sum;
}

/** The t with survival(t) = 1 - p, by bisection (survival decreases from 1 to 0). */
function quantile(survival: (t: number) => number, p: number): number {
  let low = 0;
  let high = 1;
  while (survival(high) > 1 - p) high *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (survival(mid) > 1 - p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * Round-robin over k pods hands each pod every k-th arrival of a Poisson(lambda) stream:
 * Erlang-k interarrival times, a GI/M/1 queue. Its sojourn time is exponential with rate
 * mu (1 - sigma), sigma the root in (0, 1) of sigma = A*(mu (1 - sigma)), where
 * A*(s) = (lambda / (lambda + s))^k is the Laplace transform of the gap; the fixed-point
 * iteration from 0 converges to it when lambda / k < mu.
 */
function erlangArrivalsSojournRate({ arrivalRate, serviceRate, pods }: Station): number {
  let sigma = 0;
  for (let i = 0; i < 10_000; i++)
    sigma = (arrivalRate / (arrivalRate + serviceRate * (1 - sigma))) ** pods;
  return serviceRate * (1 - sigma);
}

interface Check {
  check: string;
  theory: number;
  simulated: number;
  halfWidth: number;
}
const table: Check[] = [];
afterAll(() => console.table(table));

/** Asserts that the interval covers the theoretical value and is sharp enough to matter. */
function expectCovers(
  check: string,
  interval: Interval,
  theory: number,
  maxRelativeHalfWidth = MAX_RELATIVE_HALF_WIDTH,
): void {
  table.push({ check, theory, simulated: interval.mean, halfWidth: interval.halfWidth });
  expect(interval.relativeHalfWidth, `${check}: interval too wide`).toBeLessThan(
    maxRelativeHalfWidth,
  );
  expect(interval.lower, `${check}: theory ${theory}`).toBeLessThanOrEqual(theory);
  expect(interval.upper, `${check}: theory ${theory}`).toBeGreaterThanOrEqual(theory);
}

const meanLatency = (runs: RunResult[]) =>
  tInterval(
    runs.map((r) => r.latency.meanMs!),
    CONFIDENCE,
  );
const medianLatency = (runs: RunResult[], theory: number) =>
  tInterval(
    runs.map((r) => r.latency.p50Ms!),
    CONFIDENCE,
    quantileResolution(theory),
  );

describe('one service with Poisson arrivals and exponential CPU is an M/M/c queue', () => {
  for (const fixture of ['mmc-c1-rho70', 'mmc-c4-rho80', 'mmc-c2-rho90', 'mmc-fractional-cpu']) {
    it(`${fixture}: mean and median response time, P(wait) and utilization match M/M/c`, () => {
      const scenario = loadScenario(fixture);
      const station = stationOf(scenario);
      const runs = replicate(scenario, REPLICATIONS);
      for (const run of runs) expect(run.requests.failed).toBe(0);

      const mean = meanLatency(runs);
      expectCovers(`${fixture} mean response (ms)`, mean, mmcMeanResponse(station));

      const median = quantile((t) => mmcResponseSurvival(station, t), 0.5);
      expectCovers(`${fixture} median response (ms)`, medianLatency(runs, median), median);

      // Where the time goes: the share of calls that waited for a core is Erlang C's
      // P(wait), their mean wait (zeros included) is Wq, and Wq's p99 solves
      // P(Wq > t) = C e^(-(c mu - lambda) t) = 0.01. Nobody waits for a worker slot.
      const waitProbability = erlangC(station.servers, station.arrivalRate / station.serviceRate);
      expectCovers(
        `${fixture} P(wait) for a core`,
        tInterval(
          runs.map((r) => r.services[0]!.cpuWait.waitedFraction!),
          CONFIDENCE,
        ),
        waitProbability,
      );
      expectCovers(
        `${fixture} Wq for a core (ms)`,
        tInterval(
          runs.map((r) => r.services[0]!.cpuWait.meanMs!),
          CONFIDENCE,
        ),
        mmcMeanWait(station.arrivalRate, station.serviceRate, station.servers),
      );
      const theta = station.servers * station.serviceRate - station.arrivalRate;
      const waitP99 = Math.log(waitProbability / 0.01) / theta;
      expectCovers(
        `${fixture} Wq p99 for a core (ms)`,
        tInterval(
          runs.map((r) => r.services[0]!.cpuWait.p99Ms!),
          CONFIDENCE,
          quantileResolution(waitP99),
        ),
        waitP99,
        // A p99 rests on the 1% tail of each run: its interval is wider than the mean's.
        MAX_TAIL_RELATIVE_HALF_WIDTH,
      );
      for (const run of runs) expect(run.services[0]!.workerWait.waitedFraction).toBe(0);

      // Utilization law: the cores are busy a fraction rho = lambda / (c mu) of the time.
      const utilization = station.arrivalRate / (station.servers * station.serviceRate);
      expectCovers(
        `${fixture} CPU utilization`,
        tInterval(
          runs.map((r) => r.services[0]!.limitUtilization!),
          CONFIDENCE,
        ),
        utilization,
      );
    });
  }
});

describe('worker slots in front of ample CPU are an M/M/c queue of their own', () => {
  it('the share of calls that waited for a worker and their mean wait are Erlang C P(wait) and Wq', () => {
    // Two worker slots, each held for an exponential 1 ms burst on a 16-core node that is
    // never short of cores: an M/M/2 at rho = 0.8 whose servers are the slots.
    const scenario = loadScenario('mmc-workers-c2');
    const runs = replicate(scenario, REPLICATIONS);
    const [lambda, mu, c] = [1.6, 1, 2];
    expectCovers(
      'workers c=2: P(wait) for a slot',
      tInterval(
        runs.map((r) => r.services[0]!.workerWait.waitedFraction!),
        CONFIDENCE,
      ),
      erlangC(c, lambda / mu),
    );
    expectCovers(
      'workers c=2: Wq for a slot (ms)',
      tInterval(
        runs.map((r) => r.services[0]!.workerWait.meanMs!),
        CONFIDENCE,
      ),
      mmcMeanWait(lambda, mu, c),
    );
    for (const run of runs) expect(run.services[0]!.cpuWait.waitedFraction).toBe(0);
  });
});

describe('replicas behind a load balancer split the traffic into separate queues', () => {
  it('a random split of Poisson traffic over k one-core pods gives k M/M/1 queues at lambda / k', () => {
    const scenario = loadScenario('replicas-random');
    const station = stationOf(scenario);
    const perPod: Station = { ...station, arrivalRate: station.arrivalRate / station.pods };
    const runs = replicate(scenario, REPLICATIONS);
    // M/M/1 sojourn: Exp(mu - lambda / k): mean 1 / (mu - lambda / k), median ln 2 times it.
    const sojournMean = 1 / (perPod.serviceRate - perPod.arrivalRate);
    expect(mmcMeanResponse(perPod)).toBeCloseTo(sojournMean, 12);
    expectCovers('random split: mean response (ms)', meanLatency(runs), sojournMean);
    const median = Math.LN2 * sojournMean;
    expectCovers('random split: median response (ms)', medianLatency(runs, median), median);
  });

  it('round-robin gives each pod Erlang-k gaps: k E_k/M/1 queues, faster than a random split', () => {
    const scenario = loadScenario('replicas-round-robin');
    const station = stationOf(scenario);
    const runs = replicate(scenario, REPLICATIONS);
    const sojournMean = 1 / erlangArrivalsSojournRate(station);
    const mean = meanLatency(runs);
    expectCovers('round-robin: mean response (ms)', mean, sojournMean);
    const median = Math.LN2 * sojournMean;
    expectCovers('round-robin: median response (ms)', medianLatency(runs, median), median);
    const randomSplit = 1 / (station.serviceRate - station.arrivalRate / station.pods);
    expect(mean.upper).toBeLessThan(randomSplit);
  });
});
