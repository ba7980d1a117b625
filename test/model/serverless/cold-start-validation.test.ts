import { describe, expect, it } from 'vitest';
import { runFunction } from './function-scenario.js';

/**
 * Cold starts against the analytical serverless model's reference simulator, SimFaaS
 * (Mahmoudi & Khazaei; github.com/pacslab/simfaas, simfaas/ServerlessSimulator.py), run
 * with the semantics chosen here (docs/serverless.md, "Validation"): Poisson arrivals, one
 * request per instance, the newest idle instance reused first (`reuse: newest`), expiry a
 * fixed threshold counted from the end of the instance's last request, unlimited
 * concurrency, metrics from time 0 starting empty. Its warm service is exponential; its
 * cold service was given as msasim's, the init (a constant: cold − warm) then the warm
 * service, so that both simulate the same system.
 *
 * Reference figures: SimFaaS 0.2.2's code, 12 runs of the same horizon per case (numpy
 * seeds 1000-1011): the mean over the runs and the standard deviation of one run. msasim's
 * one run must fall within four of those standard deviations (its own run has the same
 * spread; four is beyond chance for a correct model, and the seed is fixed).
 */
interface Case {
  name: string;
  ratePerS: number;
  warmS: number;
  coldS: number;
  expirationS: number;
  horizonS: number;
  pCold: [mean: number, sd: number];
  instances: [mean: number, sd: number];
  running: [mean: number, sd: number];
}

const CASES: Case[] = [
  {
    // SimFaaS's README example (λ 0.9/s, warm 1.991 s, cold 2.244 s, threshold 600 s).
    name: 'readme',
    ratePerS: 0.9,
    warmS: 1.991,
    coldS: 2.244,
    expirationS: 600,
    horizonS: 200_000,
    pCold: [0.00141, 0.00008],
    instances: [7.7419, 0.06],
    running: [1.7979, 0.005],
  },
  {
    name: 'low rate, short threshold',
    ratePerS: 0.05,
    warmS: 1,
    coldS: 1.3,
    expirationS: 60,
    horizonS: 200_000,
    pCold: [0.09035, 0.00255],
    instances: [1.0876, 0.0067],
    running: [0.0511, 0.0007],
  },
  {
    name: 'busy, short threshold',
    ratePerS: 5,
    warmS: 0.5,
    coldS: 0.8,
    expirationS: 10,
    horizonS: 20_000,
    pCold: [0.02137, 0.00051],
    instances: [6.9792, 0.0343],
    running: [2.5369, 0.011],
  },
];

describe('cold starts against the analytical model (SimFaaS)', () => {
  it.each(CASES)(
    '$name: cold start probability, mean instances and mean running within sampling error',
    (c) => {
      const { fn } = runFunction({
        fn: [
          'memoryMb: 1769',
          `handler: { cpu: exponential(mean=${c.warmS}s) }`,
          `init: ${Math.round((c.coldS - c.warmS) * 1000)}ms`,
          'timeout: 900s',
          `keepAlive: ${c.expirationS}s`,
          'maxLifetime: 365d',
          'reuse: newest',
        ].join('\n'),
        workload: `arrivals: poisson\nrate: ${c.ratePerS}/s\ntarget: fn.invoke`,
        duration: `${c.horizonS}s`,
        drain: '1h',
      });
      const within = (value: number, [mean, sd]: [number, number]) =>
        expect(Math.abs(value - mean)).toBeLessThan(4 * sd);
      within(fn.coldShare!, c.pCold);
      within(fn.meanInstances, c.instances);
      within(fn.meanConcurrency, c.running);
    },
  );

  it('mean running instances is λ × mean service time (Little), as SimFaaS reports', () => {
    const { fn } = runFunction({
      fn: 'memoryMb: 1769\nhandler: { cpu: exponential(mean=1s) }\ninit: 0ms\ntimeout: 900s\nkeepAlive: 60s\nreuse: newest',
      workload: 'arrivals: poisson\nrate: 2/s\ntarget: fn.invoke',
      duration: '20000s',
      drain: '1h',
    });
    expect(fn.meanConcurrency).toBeCloseTo(2, 1);
  });
});
