/**
 * Statistical tests of the samplers. Every tolerance is derived from the sample size:
 * a quantity is accepted within Z = 4.5 standard errors of its theoretical value, and the
 * standard errors come from theory (never tuned until green). With a fixed seed each test
 * is deterministic; the 4.5 merely makes a fresh seed fail with probability ~1e-5.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDistribution, type Distribution } from '../../src/engine/distributions/index.js';
import type { DistributionSpec } from '../../src/engine/distributions/spec.js';
import { createStream } from '../../src/engine/random.js';

const N = 200_000;
const Z = 4.5;
const SEED = 20240601;
const Z99 = 2.3263478740408408;
/** Gamma(1/3) and Gamma(2/3) to 20 digits (tables; mpmath agrees). */
const GAMMA_ONE_THIRD = 2.6789385347077475;
const GAMMA_TWO_THIRDS = 1.3541179394264005;

interface Case {
  name: string;
  spec: DistributionSpec;
  /** Closed forms computed here, independently of the implementation. */
  mean: number;
  variance: number;
  /**
   * E[X], E[X^2], E[X^3], E[X^4] in closed form, for the fourth central moment that sets
   * the standard error of the sample variance. 'from-sample' estimates that moment from the
   * draws instead; 'none' skips the variance test (fourth moment infinite).
   */
  rawMoments: readonly [number, number, number, number] | 'from-sample' | 'none';
  /** [x, p] pairs with P(X <= x) = p. */
  quantiles?: ReadonlyArray<readonly [number, number]>;
  /** The support: every draw must lie in [lower, upper] (upper inclusive unless stated). */
  lower: number;
  upper?: number;
}

/** E[X^n] for n = 1..4 from a function of n. */
function rawMomentsOf(moment: (n: number) => number): [number, number, number, number] {
  return [moment(1), moment(2), moment(3), moment(4)];
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** E[X^n] of a gamma with shape k, scale theta: theta^n k (k+1) ... (k+n-1). */
function gammaRawMoment(shape: number, scale: number, n: number): number {
  let product = 1;
  for (let i = 0; i < n; i++) product *= shape + i;
  return scale ** n * product;
}

/** E[X^n] of Uniform[a, b]: (b^(n+1) - a^(n+1)) / ((n+1)(b-a)). */
function uniformRawMoment(a: number, b: number, n: number): number {
  return (b ** (n + 1) - a ** (n + 1)) / ((n + 1) * (b - a));
}

const lnSigmaQuantiles = Math.log(7.5) / Z99; // lognormal(median=4, p99=30)
const lnMuQuantiles = Math.log(4);
const lnSigma2Moments = Math.log(1 + 0.5 * 0.5); // lognormal(mean=10, cv=0.5)
const lnMuMoments = Math.log(10) - lnSigma2Moments / 2;

const weibullGamma = {
  // Gamma(1 + n/1.5) for n = 1..4, reduced to Gamma(1/3), Gamma(2/3) by Gamma(x+1) = x Gamma(x).
  1: (2 / 3) * GAMMA_TWO_THIRDS,
  2: (4 / 3) * (1 / 3) * GAMMA_ONE_THIRD,
  3: 2,
  4: (8 / 3) * (5 / 3) * (2 / 3) * GAMMA_TWO_THIRDS,
} as Record<number, number>;

const CASES: Case[] = [
  {
    name: 'constant(5)',
    spec: { kind: 'constant', value: 5 },
    mean: 5,
    variance: 0,
    rawMoments: rawMomentsOf((n) => 5 ** n),
    lower: 5,
    upper: 5,
  },
  {
    name: 'uniform(min=2, max=10)',
    spec: { kind: 'uniform', min: 2, max: 10 },
    mean: 6,
    variance: 64 / 12,
    rawMoments: rawMomentsOf((n) => uniformRawMoment(2, 10, n)),
    quantiles: [[4, 0.25]],
    lower: 2,
    upper: 10,
  },
  {
    name: 'exponential(mean=2)',
    spec: { kind: 'exponential', mean: 2 },
    mean: 2,
    variance: 4,
    rawMoments: rawMomentsOf((n) => factorial(n) * 2 ** n),
    quantiles: [[2 * Math.LN2, 0.5]],
    lower: 0,
  },
  {
    // Truncation matters: 16% of the untruncated mass is below 0. Mean and variance of
    // the truncated law computed offline with mpmath (40 digits).
    name: 'normal(mean=1, stddev=1)',
    spec: { kind: 'normal', mean: 1, stddev: 1 },
    mean: 1.2875999709391783,
    variance: 0.6296862857766053,
    rawMoments: 'from-sample',
    // P(X <= 1) = (Phi(0) - Phi(-1)) / Phi(1), with Phi(1) = 0.841344746068542949.
    quantiles: [[1, (0.5 - (1 - 0.8413447460685429)) / 0.8413447460685429]],
    lower: 0,
  },
  {
    name: 'normal(mean=-1, stddev=2)',
    spec: { kind: 'normal', mean: -1, stddev: 2 },
    mean: 1.282155540736129,
    variance: 1.0739216286235158,
    rawMoments: 'from-sample',
    lower: 0,
  },
  {
    name: 'normal(mean=10, stddev=2)',
    spec: { kind: 'normal', mean: 10, stddev: 2 },
    mean: 10.000002973439882,
    variance: 3.9999702655923404,
    rawMoments: 'from-sample',
    quantiles: [[10, 0.5]],
    lower: 0,
  },
  {
    name: 'lognormal(median=4, p99=30)',
    spec: { kind: 'lognormal', median: 4, p99: 30 },
    mean: Math.exp(lnMuQuantiles + lnSigmaQuantiles ** 2 / 2),
    variance:
      Math.expm1(lnSigmaQuantiles ** 2) * Math.exp(2 * lnMuQuantiles + lnSigmaQuantiles ** 2),
    rawMoments: rawMomentsOf((n) =>
      Math.exp(n * lnMuQuantiles + (n * n * lnSigmaQuantiles ** 2) / 2),
    ),
    quantiles: [
      [4, 0.5],
      [30, 0.99],
    ],
    lower: 0,
  },
  {
    name: 'lognormal(median=100, p99=150)',
    spec: { kind: 'lognormal', median: 100, p99: 150 },
    mean: Math.exp(Math.log(100) + (Math.log(1.5) / Z99) ** 2 / 2),
    variance:
      Math.expm1((Math.log(1.5) / Z99) ** 2) *
      Math.exp(2 * Math.log(100) + (Math.log(1.5) / Z99) ** 2),
    rawMoments: rawMomentsOf((n) => 100 ** n * Math.exp((n * n * (Math.log(1.5) / Z99) ** 2) / 2)),
    quantiles: [
      [100, 0.5],
      [150, 0.99],
    ],
    lower: 0,
  },
  {
    name: 'lognormal(mean=10, cv=0.5)',
    spec: { kind: 'lognormal', mean: 10, cv: 0.5 },
    mean: 10,
    variance: 25,
    rawMoments: rawMomentsOf((n) => Math.exp(n * lnMuMoments + (n * n * lnSigma2Moments) / 2)),
    quantiles: [[Math.exp(lnMuMoments), 0.5]],
    lower: 0,
  },
  {
    name: 'lognormal(mean=1, cv=0.1)',
    spec: { kind: 'lognormal', mean: 1, cv: 0.1 },
    mean: 1,
    variance: 0.01,
    rawMoments: rawMomentsOf((n) =>
      Math.exp(-n * (Math.log(1.01) / 2) + (n * n * Math.log(1.01)) / 2),
    ),
    lower: 0,
  },
  ...[
    [0.5, 2],
    [1, 3],
    [3, 6],
    [7.5, 15],
  ].map(
    ([shape, mean]): Case => ({
      name: `gamma(shape=${shape}, mean=${mean})`,
      spec: { kind: 'gamma', shape: shape!, mean: mean! },
      mean: mean!,
      variance: (mean! * mean!) / shape!,
      rawMoments: rawMomentsOf((n) => gammaRawMoment(shape!, mean! / shape!, n)),
      lower: 0,
    }),
  ),
  {
    // k = 1 is the exponential: median = mean ln 2 checks the whole law, not just moments.
    name: 'gamma(shape=1, mean=3) median',
    spec: { kind: 'gamma', shape: 1, mean: 3 },
    mean: 3,
    variance: 9,
    rawMoments: rawMomentsOf((n) => factorial(n) * 3 ** n),
    quantiles: [
      [3 * Math.LN2, 0.5],
      [3 * Math.log(100), 0.99],
    ],
    lower: 0,
  },
  {
    // Erlang-3 with rate 1/2 (mean 6): P(X <= x) = 1 - e^(-x/2) (1 + x/2 + (x/2)^2 / 2).
    name: 'gamma(shape=3, mean=6) cdf',
    spec: { kind: 'gamma', shape: 3, mean: 6 },
    mean: 6,
    variance: 12,
    rawMoments: rawMomentsOf((n) => gammaRawMoment(3, 2, n)),
    quantiles: [4, 6, 12].map((x) => [x, 1 - Math.exp(-x / 2) * (1 + x / 2 + (x / 2) ** 2 / 2)]),
    lower: 0,
  },
  {
    // Raw moments scale^n Gamma(1 + 2n) = 2, 24, 720, 40320.
    name: 'weibull(shape=0.5, scale=1)',
    spec: { kind: 'weibull', shape: 0.5, scale: 1 },
    mean: 2,
    variance: 24 - 4,
    rawMoments: [2, 24, 720, 40320],
    quantiles: [[Math.LN2 ** 2, 0.5]],
    lower: 0,
  },
  {
    name: 'weibull(shape=1.5, scale=10)',
    spec: { kind: 'weibull', shape: 1.5, scale: 10 },
    mean: 10 * weibullGamma[1]!,
    variance: 100 * (weibullGamma[2]! - weibullGamma[1]! ** 2),
    rawMoments: rawMomentsOf((n) => 10 ** n * weibullGamma[n]!),
    quantiles: [[10 * Math.LN2 ** (1 / 1.5), 0.5]],
    lower: 0,
  },
  {
    // E[X^4] is infinite for shape <= 4: the sample variance has no usable standard error,
    // so the law's shape is checked through quantiles x_p = scale (1 - p)^(-1/shape).
    name: 'pareto(shape=3.5, scale=1)',
    spec: { kind: 'pareto', shape: 3.5, scale: 1 },
    mean: 3.5 / 2.5,
    variance: 3.5 / (2.5 * 2.5 * 1.5),
    rawMoments: 'none',
    quantiles: [0.5, 0.9, 0.99].map((p) => [(1 - p) ** (-1 / 3.5), p]),
    lower: 1,
  },
  {
    // Deviations from the mean 3: -2 -1 -1 0 7 -3 (population moments, divisor 6).
    name: 'empirical(1, 2, 2, 3, 10, 0)',
    spec: { kind: 'empirical', samples: [1, 2, 2, 3, 10, 0] },
    mean: 3,
    variance: (4 + 1 + 1 + 0 + 49 + 9) / 6,
    rawMoments: rawMomentsOf((n) => (1 + 2 * 2 ** n + 3 ** n + 10 ** n) / 6),
    quantiles: [
      [0, 1 / 6],
      [2, 4 / 6],
      [3, 5 / 6],
    ],
    lower: 0,
    upper: 10,
  },
  {
    // Weights 3 : 1 : 0; the zero-weight bin [200, 300] must never be drawn.
    name: 'histogram(3 [0, 10], 1 [10, 100], 0 [200, 300])',
    spec: {
      kind: 'histogram',
      bins: [
        { min: 0, max: 10, weight: 3 },
        { min: 10, max: 100, weight: 1 },
        { min: 200, max: 300, weight: 0 },
      ],
    },
    mean: 0.75 * 5 + 0.25 * 55,
    // E[X^2] = 0.75 * 100/3 + 0.25 * (100 + 1000 + 10000)/3 = 950.
    variance: 950 - 17.5 * 17.5,
    rawMoments: rawMomentsOf(
      (n) => 0.75 * uniformRawMoment(0, 10, n) + 0.25 * uniformRawMoment(10, 100, n),
    ),
    quantiles: [
      [5, 0.375],
      [10, 0.75],
      [55, 0.875],
    ],
    lower: 0,
    upper: 100,
  },
  {
    // Weights 95 : 5 normalise to 0.95 : 0.05. E[X^n] = sum p_i n! mean_i^n.
    name: 'mixture(95 exponential(mean=5), 5 exponential(mean=80))',
    spec: {
      kind: 'mixture',
      components: [
        { weight: 95, distribution: { kind: 'exponential', mean: 5 } },
        { weight: 5, distribution: { kind: 'exponential', mean: 80 } },
      ],
    },
    mean: 0.95 * 5 + 0.05 * 80,
    variance: 0.95 * 2 * 25 + 0.05 * 2 * 6400 - 8.75 * 8.75,
    rawMoments: rawMomentsOf((n) => factorial(n) * (0.95 * 5 ** n + 0.05 * 80 ** n)),
    quantiles: [[50, 1 - 0.95 * Math.exp(-10) - 0.05 * Math.exp(-50 / 80)]],
    lower: 0,
  },
  {
    // A nested mixture with a constant: 1/2 at 3, 1/2 * (1/4 uniform[0,2) + 3/4 exponential(1)).
    name: 'mixture(1 constant(3), 1 mixture(1 uniform(min=0, max=2), 3 exponential(mean=1)))',
    spec: {
      kind: 'mixture',
      components: [
        { weight: 1, distribution: { kind: 'constant', value: 3 } },
        {
          weight: 1,
          distribution: {
            kind: 'mixture',
            components: [
              { weight: 1, distribution: { kind: 'uniform', min: 0, max: 2 } },
              { weight: 3, distribution: { kind: 'exponential', mean: 1 } },
            ],
          },
        },
      ],
    },
    mean: 0.5 * 3 + 0.5 * (0.25 * 1 + 0.75 * 1),
    // E[X^2] = 0.5 * 9 + 0.5 * (0.25 * 4/3 + 0.75 * 2) = 5.41666...
    variance: 0.5 * 9 + 0.5 * (0.25 * (4 / 3) + 0.75 * 2) - 4,
    rawMoments: rawMomentsOf(
      (n) => 0.5 * 3 ** n + 0.5 * (0.25 * uniformRawMoment(0, 2, n) + 0.75 * factorial(n)),
    ),
    quantiles: [[3, 0.5 + 0.5 * (0.25 + 0.75 * (1 - Math.exp(-3)))]],
    lower: 0,
  },
];

/** Relative closeness for exact values (absolute near 0). */
function expectClose(actual: number, expected: number, relative = 1e-12): void {
  const tolerance = relative * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function drawMany(distribution: Distribution, streamName: string, n = N): Float64Array {
  const next = createStream(SEED, streamName).next;
  const draws = new Float64Array(n);
  for (let i = 0; i < n; i++) draws[i] = distribution.sample(next);
  return draws;
}

interface SampleMoments {
  mean: number;
  /** Unbiased (divisor n - 1). */
  variance: number;
  fourthCentral: number;
}

function sampleMoments(draws: Float64Array): SampleMoments {
  let sum = 0;
  for (const x of draws) sum += x;
  const mean = sum / draws.length;
  let squares = 0;
  let fourths = 0;
  for (const x of draws) {
    const d2 = (x - mean) * (x - mean);
    squares += d2;
    fourths += d2 * d2;
  }
  return {
    mean,
    variance: squares / (draws.length - 1),
    fourthCentral: fourths / draws.length,
  };
}

/** mu4 = E[X^4] - 4 E[X^3] E[X] + 6 E[X^2] E[X]^2 - 3 E[X]^4. */
function fourthCentralFromRaw([m1, m2, m3, m4]: readonly [number, number, number, number]): number {
  return m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4;
}

/** Fraction of draws <= x. */
function empiricalCdf(draws: Float64Array, x: number): number {
  let count = 0;
  for (const value of draws) if (value <= x) count++;
  return count / draws.length;
}

describe.each(CASES)('$name', (testCase) => {
  const distribution = createDistribution(testCase.spec);
  const draws = drawMany(distribution, testCase.name);
  const observed = sampleMoments(draws);

  it('reports the exact mean and variance', () => {
    expectClose(distribution.mean, testCase.mean);
    expectClose(distribution.variance, testCase.variance);
    if (typeof testCase.rawMoments !== 'string') {
      // The raw moments used for the tolerances agree with the closed forms.
      const [m1, m2] = testCase.rawMoments;
      expectClose(m1, testCase.mean, 1e-9);
      expectClose(m2 - m1 * m1, testCase.variance, 1e-9);
    }
  });

  it(`has a sample mean within ${Z} standard errors of the mean`, () => {
    const standardError = Math.sqrt(testCase.variance / N);
    expect(Math.abs(observed.mean - testCase.mean)).toBeLessThanOrEqual(Z * standardError);
  });

  // No variance test when the fourth moment is infinite: its SE would be infinite too.
  if (testCase.rawMoments !== 'none') {
    it(`has a sample variance within ${Z} standard errors of the variance`, () => {
      // SE of the sample variance: sqrt((mu4 - sigma^4) / n), mu4 from theory where the
      // case gives raw moments, else estimated from the same draws.
      const mu4 =
        typeof testCase.rawMoments !== 'string'
          ? fourthCentralFromRaw(testCase.rawMoments)
          : observed.fourthCentral;
      const standardError = Math.sqrt(Math.max(0, mu4 - testCase.variance ** 2) / N);
      expect(Math.abs(observed.variance - testCase.variance)).toBeLessThanOrEqual(
        Z * standardError,
      );
    });
  }

  if (testCase.quantiles !== undefined) {
    it('puts the right fraction of draws below known quantiles', () => {
      // The count of draws <= x_p is Binomial(n, p): its fraction has SE sqrt(p (1-p) / n).
      for (const [x, p] of testCase.quantiles ?? []) {
        const standardError = Math.sqrt((p * (1 - p)) / N);
        expect(
          Math.abs(empiricalCdf(draws, x) - p),
          `P(X <= ${x}) should be ${p}`,
        ).toBeLessThanOrEqual(Z * standardError);
      }
    });
  }

  it('draws only inside the support', () => {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const x of draws) {
      low = Math.min(low, x);
      high = Math.max(high, x);
    }
    expect(low).toBeGreaterThanOrEqual(testCase.lower);
    expect(high).toBeLessThanOrEqual(testCase.upper ?? Number.POSITIVE_INFINITY);
    expect(Number.isFinite(high)).toBe(true);
  });
});

describe('lognormal(median, p99)', () => {
  it('uses mu = ln(median) and sigma = ln(p99/median) / z99', () => {
    const distribution = createDistribution({ kind: 'lognormal', median: 4, p99: 30 });
    const sigma = Math.log(7.5) / 2.3263478740408408;
    expectClose(distribution.mean, Math.exp(Math.log(4) + (sigma * sigma) / 2));
    // Cross-check against mpmath at 40 digits.
    expectClose(distribution.mean, 5.820456793488954);
    expectClose(distribution.variance, 37.85351574223425);
  });

  it('puts its empirical 99th percentile at p99 (binomial bracket on the order statistic)', () => {
    const distribution = createDistribution({ kind: 'lognormal', median: 4, p99: 30 });
    const sorted = drawMany(distribution, 'p99-order-statistic').sort();
    // The k-th order statistic is <= 30 iff at least k draws are <= 30, and that count is
    // Binomial(n, 0.99): so the ranks around 0.99 n +- Z sd bracket the value 30.
    const spread = Z * Math.sqrt(N * 0.99 * 0.01);
    const below = sorted[Math.floor(0.99 * N - spread) - 1]!;
    const above = sorted[Math.ceil(0.99 * N + spread) - 1]!;
    expect(below).toBeLessThanOrEqual(30);
    expect(above).toBeGreaterThanOrEqual(30);
  });
});

describe('moments that do not exist', () => {
  it('pareto reports an infinite mean for shape <= 1 and infinite variance for shape <= 2', () => {
    const heavy = createDistribution({ kind: 'pareto', shape: 0.8, scale: 2 });
    expect(heavy.mean).toBe(Number.POSITIVE_INFINITY);
    expect(heavy.variance).toBe(Number.POSITIVE_INFINITY);
    const shape1 = createDistribution({ kind: 'pareto', shape: 1, scale: 2 });
    expect(shape1.mean).toBe(Number.POSITIVE_INFINITY);
    const finiteMean = createDistribution({ kind: 'pareto', shape: 1.5, scale: 2 });
    expect(finiteMean.mean).toBe(6);
    expect(finiteMean.variance).toBe(Number.POSITIVE_INFINITY);
    const shape2 = createDistribution({ kind: 'pareto', shape: 2, scale: 2 });
    expect(shape2.mean).toBe(4);
    expect(shape2.variance).toBe(Number.POSITIVE_INFINITY);
    const draws = drawMany(heavy, 'heavy pareto', 10_000);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(2);
  });

  it('a mixture with an infinite-variance component has infinite variance', () => {
    const mixture = createDistribution({
      kind: 'mixture',
      components: [
        { weight: 1, distribution: { kind: 'exponential', mean: 1 } },
        { weight: 1, distribution: { kind: 'pareto', shape: 1.5, scale: 1 } },
      ],
    });
    expect(mixture.mean).toBe(0.5 * 1 + 0.5 * 3);
    expect(mixture.variance).toBe(Number.POSITIVE_INFINITY);
  });

  it('a zero-weight component takes no part in the moments', () => {
    const mixture = createDistribution({
      kind: 'mixture',
      components: [
        { weight: 2, distribution: { kind: 'exponential', mean: 4 } },
        { weight: 0, distribution: { kind: 'pareto', shape: 0.5, scale: 1 } },
      ],
    });
    expect(mixture.mean).toBe(4);
    expect(mixture.variance).toBe(16);
  });
});

describe('determinism', () => {
  it.each(CASES)('$name: the same seed and stream name give the same draws', (testCase) => {
    const first = drawMany(createDistribution(testCase.spec), 'replay', 2_000);
    const second = drawMany(createDistribution(testCase.spec), 'replay', 2_000);
    expect(second).toEqual(first);
  });

  it.each(CASES)('$name: a shared object keeps no state between draws', (testCase) => {
    // Two streams drawn alternately from ONE object must give what each gives alone.
    const shared = createDistribution(testCase.spec);
    const alone = [drawMany(shared, 'a', 1_000), drawMany(shared, 'b', 1_000)];
    const a = createStream(SEED, 'a').next;
    const b = createStream(SEED, 'b').next;
    const interleaved = [new Float64Array(1_000), new Float64Array(1_000)];
    for (let i = 0; i < 1_000; i++) {
      interleaved[0]![i] = shared.sample(a);
      interleaved[1]![i] = shared.sample(b);
    }
    expect(interleaved).toEqual(alone);
  });

  it('never calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    try {
      for (const testCase of CASES) drawMany(createDistribution(testCase.spec), 'spy', 100);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('survives uniforms of exactly 0 and just below 1', () => {
    for (const u of [0, 1 - 2 ** -32]) {
      const constantStream = () => u;
      for (const testCase of CASES) {
        // Rejection samplers may reject a constant stream forever: they need fresh uniforms.
        if (testCase.spec.kind === 'normal' || testCase.spec.kind === 'gamma') continue;
        const x = createDistribution(testCase.spec).sample(constantStream);
        expect(Number.isFinite(x), `${testCase.name} at u=${u}`).toBe(true);
        expect(x).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
