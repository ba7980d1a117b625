import { afterAll, describe, expect, it } from 'vitest';
import {
  batchMeansInterval,
  type ConfidenceInterval,
  covers,
  normalQuantile,
  studentTQuantile,
} from '../support/batch-means.js';
import {
  erlangB,
  erlangC,
  md1MeanWait,
  mg1MeanWait,
  mmckMetrics,
  mmcMeanWait,
  mmcRelaxationTime,
} from '../support/queueing-theory.js';
import { type ServiceSpec, type StationResult, simulateStation } from '../support/station.js';

/**
 * Validates the engine against queueing theory: simulated steady-state metrics of classic
 * queues must fall inside 99.9% batch-means confidence intervals computed from each run's
 * own data. The tolerance is therefore statistical, not tuned: a correct engine fails any
 * one check with probability about 0.001 (about 3% for all ~30 checks together for a
 * fresh set of seeds; the seeds below are fixed, so the outcome is reproducible).
 */

const CONFIDENCE = 0.999;
const BATCHES = 30;
/** Precision aimed at when sizing runs: CI half-width / value. */
const TARGET_RELATIVE_HALF_WIDTH = 0.07;
/** Precision every check must reach, or it has too little power to catch a bias. */
const MAX_RELATIVE_HALF_WIDTH = 0.1;
/** Bounds memory (~22 bytes per customer) and run time of the heaviest cases. */
const MAX_CUSTOMERS = 10_000_000;
/** Runs of finite queues: their state space is small, so they forget their state fast. */
const FINITE_QUEUE_CUSTOMERS = 1_000_000;
const SERVICE_RATE = 1;

describe('queueing theory formulas (textbook values)', () => {
  it('Erlang B', () => {
    expect(erlangB(1, 1)).toBeCloseTo(1 / 2, 12);
    expect(erlangB(2, 1)).toBeCloseTo(1 / 5, 12);
    expect(erlangB(10, 5)).toBeCloseTo(0.018384570336648, 12);
    expect(erlangB(200, 180)).toBeGreaterThan(0); // no overflow from a^c / c!
  });

  it('Erlang C', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12); // M/M/1: P(wait) = rho
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(4, 3)).toBeCloseTo(27 / 53, 12);
    expect(() => erlangC(2, 2)).toThrow(RangeError);
  });

  it('M/M/c mean wait', () => {
    expect(mmcMeanWait(0.5, 1, 1)).toBeCloseTo(1, 12); // rho / (mu - lambda)
    expect(mmcMeanWait(0.8, 1, 1)).toBeCloseTo(4, 12);
    expect(mmcMeanWait(1, 1, 2)).toBeCloseTo(1 / 3, 12);
    expect(mmcMeanWait(3, 1, 4)).toBeCloseTo(27 / 53, 12); // C / (4 - 3)
  });

  it('Pollaczek-Khinchine: M/D/1 is half of M/M/1', () => {
    expect(md1MeanWait(0.5, 1)).toBeCloseTo(0.5, 12);
    expect(md1MeanWait(0.9, 1)).toBeCloseTo(4.5, 12);
    expect(md1MeanWait(0.25, 2)).toBeCloseTo(1, 12); // rho = 0.5, D = 2: 0.5 * 2 / 1
    expect(mg1MeanWait(0.8, 1, 2)).toBeCloseTo(mmcMeanWait(0.8, 1, 1), 12);
  });

  it('M/M/c/K', () => {
    const mm12 = mmckMetrics(1, 1, 1, 2); // rho = 1: p = (1/3, 1/3, 1/3)
    expect(mm12.blockingProbability).toBeCloseTo(1 / 3, 12);
    expect(mm12.meanInSystem).toBeCloseTo(1, 12);
    expect(mm12.meanInQueue).toBeCloseTo(1 / 3, 12);
    expect(mm12.meanWait).toBeCloseTo(1 / 2, 12);
    expect(mm12.meanSojourn).toBeCloseTo(3 / 2, 12);
    expect(mm12.waitProbability).toBeCloseTo(1 / 2, 12);
    const rho = 0.95;
    const mm110 = mmckMetrics(rho, 1, 1, 10);
    expect(mm110.blockingProbability).toBeCloseTo(((1 - rho) * rho ** 10) / (1 - rho ** 11), 12);
    expect(mmckMetrics(5, 1, 10, 10).blockingProbability).toBeCloseTo(erlangB(10, 5), 12);
    expect(mmckMetrics(0.8, 1, 1, 400).meanWait).toBeCloseTo(mmcMeanWait(0.8, 1, 1), 9);
  });

  it('relaxation time', () => {
    expect(mmcRelaxationTime(0.25, 1, 1)).toBeCloseTo(4, 12); // 1 / (1 - 0.5)^2
  });
});

describe('batch means', () => {
  it('Student t and normal quantiles match tables', () => {
    const table: Array<[p: number, df: number, t: number]> = [
      [0.975, 1, 12.706204736174694],
      [0.975, 2, 4.302652729749462],
      [0.9995, 5, 6.868826625881276],
      [0.975, 10, 2.228138851986274],
      [0.975, 29, 2.045229642132703],
      [0.9995, 29, 3.6594050194663748],
      [0.995, 100, 2.6258905214380173],
    ];
    for (const [p, df, t] of table) {
      expect(Math.abs(studentTQuantile(p, df) / t - 1)).toBeLessThan(1e-5);
      expect(studentTQuantile(1 - p, df)).toBeCloseTo(-studentTQuantile(p, df), 12);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.9995)).toBeCloseTo(3.2905267314919255, 8);
  });

  it('computes the interval over batch averages after the warm-up', () => {
    // Warm-up [100]; batches [1,2] [3,4] [5,6] (7 left over) -> means 1.5, 3.5, 5.5.
    const interval = batchMeansInterval([100, 1, 2, 3, 4, 5, 6, 7], {
      warmup: 1,
      batches: 3,
      confidence: 0.95,
    });
    expect(interval.batchSize).toBe(2);
    expect(interval.mean).toBeCloseTo(3.5, 12);
    // Sample variance of the means = 4, so half-width = t(0.975, 2) * sqrt(4 / 3).
    expect(interval.halfWidth).toBeCloseTo(4.302652729749462 * Math.sqrt(4 / 3), 4);
    expect(covers(interval, 3.5)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------

interface ValidationCase {
  name: string;
  servers: number;
  utilization: number;
  service: ServiceSpec['kind'];
  capacity?: number;
}

interface Check {
  metric: string;
  theory: number;
  interval: ConfidenceInterval;
}

const CASES: ValidationCase[] = [
  { name: 'M/M/1', servers: 1, utilization: 0.5, service: 'exponential' },
  { name: 'M/M/1', servers: 1, utilization: 0.8, service: 'exponential' },
  { name: 'M/M/1', servers: 1, utilization: 0.95, service: 'exponential' },
  { name: 'M/M/4', servers: 4, utilization: 0.5, service: 'exponential' },
  { name: 'M/M/4', servers: 4, utilization: 0.8, service: 'exponential' },
  { name: 'M/M/4', servers: 4, utilization: 0.95, service: 'exponential' },
  { name: 'M/M/16', servers: 16, utilization: 0.9, service: 'exponential' },
  { name: 'M/D/1', servers: 1, utilization: 0.5, service: 'deterministic' },
  { name: 'M/D/1', servers: 1, utilization: 0.9, service: 'deterministic' },
  { name: 'M/M/2/5', servers: 2, utilization: 0.8, service: 'exponential', capacity: 5 },
  { name: 'M/M/2/5', servers: 2, utilization: 0.95, service: 'exponential', capacity: 5 },
  { name: 'M/M/1/10', servers: 1, utilization: 0.8, service: 'exponential', capacity: 10 },
  { name: 'M/M/1/10', servers: 1, utilization: 0.95, service: 'exponential', capacity: 10 },
];

const report: string[] = [];

describe('the engine reproduces queueing theory (99.9% batch-means intervals)', () => {
  it.each(CASES.map((c) => [`${c.name} rho=${c.utilization}`, c] as const))('%s', (label, c) => {
    const { checks, customers } = validate(c);
    for (const check of checks) {
      report.push(formatRow(label, customers, check));
      expect(check.interval.relativeHalfWidth, `${label} ${check.metric} precision`).toBeLessThan(
        MAX_RELATIVE_HALF_WIDTH,
      );
      expect(
        covers(check.interval, check.theory),
        `${label} ${check.metric}: theory ${check.theory} outside ` +
          `[${check.interval.lower}, ${check.interval.upper}]`,
      ).toBe(true);
    }
  });

  afterAll(() => {
    console.log(
      [
        'case | customers | metric | theory | simulated ± 99.9% half-width | rel. | lag-1 r',
        ...report,
      ].join('\n'),
    );
  });
});

function validate(c: ValidationCase): { checks: Check[]; customers: number } {
  const arrivalRate = c.utilization * c.servers * SERVICE_RATE;
  const plan = runPlan(c, arrivalRate);
  const result = simulateStation({
    arrivalRate,
    servers: c.servers,
    service:
      c.service === 'exponential'
        ? { kind: 'exponential', rate: SERVICE_RATE }
        : { kind: 'deterministic', time: 1 / SERVICE_RATE },
    capacity: c.capacity,
    customers: plan.customers,
    seed: `queueing-validation ${c.name} ${c.utilization}`,
  });
  expect(result.eventsProcessed).toBe(result.arrivals + result.admitted);
  const ci = (observations: ArrayLike<number>) =>
    batchMeansInterval(observations, {
      warmup: plan.warmup,
      batches: BATCHES,
      confidence: CONFIDENCE,
    });
  const checks = theoryFor(c, arrivalRate).map(({ metric, theory }) => ({
    metric,
    theory,
    interval: ci(observationsOf(result, metric)),
  }));
  return { checks, customers: plan.customers };
}

type Metric = 'Wq' | 'P(wait)' | 'P(block)';

function theoryFor(c: ValidationCase, arrivalRate: number): { metric: Metric; theory: number }[] {
  if (c.capacity !== undefined) {
    const finite = mmckMetrics(arrivalRate, SERVICE_RATE, c.servers, c.capacity);
    return [
      { metric: 'Wq', theory: finite.meanWait },
      { metric: 'P(wait)', theory: finite.waitProbability },
      { metric: 'P(block)', theory: finite.blockingProbability },
    ];
  }
  if (c.service === 'deterministic') {
    return [
      { metric: 'Wq', theory: md1MeanWait(arrivalRate, 1 / SERVICE_RATE) },
      { metric: 'P(wait)', theory: c.utilization }, // M/G/1 with PASTA: P(wait) = rho
    ];
  }
  return [
    { metric: 'Wq', theory: mmcMeanWait(arrivalRate, SERVICE_RATE, c.servers) },
    { metric: 'P(wait)', theory: erlangC(c.servers, arrivalRate / SERVICE_RATE) },
  ];
}

function observationsOf(result: StationResult, metric: Metric): ArrayLike<number> {
  if (metric === 'Wq') return result.waits;
  if (metric === 'P(wait)') return result.waited;
  return result.blocked;
}

/**
 * Run length and warm-up (in customers) from the relaxation time tau of M/M/c (Whitt):
 * - warm-up: 20 tau, the transient from the empty start has then died out;
 * - length: the batch-means variance of mean wait is about Var(Wq) * 2 * (lambda tau) / n
 *   (successive waits stay correlated for about lambda tau customers), and for M/M/c
 *   Var(Wq) / Wq^2 = 2 / C - 1. Solving t * sd / Wq = target for n. This over-estimates
 *   the needed length in heavy traffic (roughly 2x at rho = 0.95) and is conservative for
 *   M/D/1, whose deterministic service makes it relax faster than M/M/1.
 * Finite queues get a fixed length: their small state space relaxes quickly.
 */
function runPlan(c: ValidationCase, arrivalRate: number): { customers: number; warmup: number } {
  if (c.capacity !== undefined) return { customers: FINITE_QUEUE_CUSTOMERS, warmup: 10_000 };
  const relaxationCustomers = arrivalRate * mmcRelaxationTime(arrivalRate, SERVICE_RATE, c.servers);
  const waitProbability = erlangC(c.servers, arrivalRate / SERVICE_RATE);
  const relativeVariance = 2 / waitProbability - 1;
  const t = studentTQuantile(0.5 + CONFIDENCE / 2, BATCHES - 1);
  const needed =
    (t * t * 2 * relaxationCustomers * relativeVariance) / TARGET_RELATIVE_HALF_WIDTH ** 2;
  const warmup = Math.max(1000, Math.ceil(20 * relaxationCustomers));
  return { customers: Math.min(MAX_CUSTOMERS, Math.ceil(needed) + warmup), warmup };
}

function formatRow(label: string, customers: number, { metric, theory, interval }: Check) {
  const digits = (x: number) => x.toPrecision(4);
  return [
    label,
    customers,
    metric,
    digits(theory),
    `${digits(interval.mean)} ± ${digits(interval.halfWidth)}`,
    `${(100 * interval.relativeHalfWidth).toFixed(1)}%`,
    interval.batchLag1Correlation.toFixed(2),
  ].join(' | ');
}
