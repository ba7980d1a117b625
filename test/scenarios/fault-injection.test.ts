import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { headlineMetrics } from '../../src/metrics/headline.js';
import { simulate } from '../../src/model/simulate.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

const FILE = fileURLToPath(new URL('../../scenarios/fault-injection.yaml', import.meta.url));

describe('fault-injection sweep: the numbers its comment quotes (seed 1, one run each)', () => {
  const specs = expandSweep(parse(readFileSync(FILE, 'utf8')), {
    fileName: 'fault-injection.yaml',
  });
  const results = new Map(
    specs.map((spec) => [spec.variant, simulate(spec.scenario, { seed: spec.seed })]),
  );
  const of = (variant: string) => results.get(variant)!;

  it('loses a segment of 7.8% of the calls from checkout to payment (1 - 0.98^4)', () => {
    const [delay, loss] = of('timeout-300ms').faults!.faults;
    expect(delay).toMatchObject({ kind: 'networkDelay', target: 'checkout->payment' });
    expect(delay!.callsFaulted).toBe(18_137);
    expect(loss!.callsFaulted).toBe(1418);
    const share = loss!.callsFaulted! / delay!.callsFaulted!;
    // 18,137 calls: sd of the share sqrt(0.078 × 0.922 / 18137) ≈ 0.002.
    expect(Math.abs(share - (1 - 0.98 ** 4))).toBeLessThan(4 * 0.002);
  });

  it('holds the steady state only with retries: a 300 ms or a 1 s timeout alone breaks 4 windows of 5', () => {
    const verdicts = ['timeout-300ms', 'timeout-1s', 'retries'].map((v) => {
      const verdict = of(v).faults!.steadyState!;
      return [verdict.held, verdict.windows, verdict.broken.length];
    });
    expect(verdicts).toEqual([
      [false, 5, 4],
      [false, 5, 4],
      [true, 5, 0],
    ]);
  });

  it('keeps the availability, p99 and failures the comment quotes', () => {
    const quoted = [...results.entries()].map(([variant, r]) => {
      const headline = headlineMetrics(r);
      return [
        variant,
        Number(((headline.availability as number) * 100).toFixed(3)),
        Math.round(headline.latency_p99_ms as number),
        r.requests.failed,
      ];
    });
    expect(quoted).toEqual([
      ['timeout-300ms', 94.873, 239, 1397],
      ['timeout-1s', 99.875, 624, 34],
      ['retries', 99.952, 490, 13],
    ]);
    expect(of('timeout-300ms').requests.byCause.deadline_exceeded).toBe(1397);
  });
});
