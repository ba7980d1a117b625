import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { headlineMetrics } from '../../src/metrics/headline.js';
import { simulate } from '../../src/model/simulate.js';
import { expandSweep } from '../../src/scenario/sweep-expand.js';

const FILE = fileURLToPath(new URL('../../scenarios/zone-outage.yaml', import.meta.url));

describe('zone-outage sweep: the numbers its comment quotes (seed 1, one run each)', () => {
  const specs = expandSweep(parse(readFileSync(FILE, 'utf8')), { fileName: 'zone-outage.yaml' });
  const results = new Map(
    specs.map((spec) => [spec.variant, simulate(spec.scenario, { seed: spec.seed })]),
  );
  const of = (variant: string) => results.get(variant)!;

  it('hits 2 pods of 6 (3 of 9) when zone a goes down at 1m', () => {
    expect(of('tight').faults!.faults).toMatchObject([
      { kind: 'zoneOutage', target: 'a', startMs: 60_000, endMs: 540_000, podsAffected: 2 },
    ]);
    expect(of('spare-replicas').faults!.faults[0]!.podsAffected).toBe(3);
  });

  it('breaks the steady state in 9, 7 and 2 windows of 9', () => {
    const broken = ['tight', 'spare-nodes', 'spare-replicas'].map((v) => {
      const verdict = of(v).faults!.steadyState!;
      return [verdict.held, verdict.windows, verdict.broken.length];
    });
    expect(broken).toEqual([
      [false, 9, 9],
      [false, 9, 7],
      [false, 9, 2],
    ]);
  });

  it('loses the first 50 s to refused calls in every variant', () => {
    for (const result of results.values()) {
      const [first, second] = result.faults!.steadyState!.broken;
      expect(first!.startMs).toBe(30_000);
      expect(first!.availability).toBeLessThan(0.84);
      expect(second!.availability).toBeLessThan(0.89);
    }
  });

  it('keeps the availability and p99 the comment quotes', () => {
    const quoted = [...results.entries()].map(([variant, r]) => {
      const headline = headlineMetrics(r);
      return [
        variant,
        Number(Number(headline.availability).toFixed(4)),
        Math.round(Number(headline.latency_p99_ms)),
      ];
    });
    expect(quoted).toEqual([
      ['tight', 0.9626, 620],
      ['spare-nodes', 0.9641, 541],
      ['spare-replicas', 0.9652, 94],
    ]);
  });
});
