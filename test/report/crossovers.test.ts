import { describe, expect, it } from 'vitest';
import { crossoverReport } from '../../src/report/crossovers.js';
import { crossoversCsv } from '../../src/report/crossovers-csv.js';
import { crossoversText } from '../../src/report/crossovers-text.js';
import type { RunRecord } from '../../src/report/run-record.js';
import type { Crossovers } from '../../src/scenario/crossover-schema.js';
import { makeRecord, shuffled } from './fixtures.js';

const AXIS = 'workload.users.rate';

/**
 * Records of hand-built curves: per variant, its p99 at each rate, one value per
 * replication (replications as given; one number means one replication).
 */
function curves(
  byVariant: Record<string, Record<string, number | number[]>>,
  axis = AXIS,
): RunRecord[] {
  const records: RunRecord[] = [];
  for (const [variant, points] of Object.entries(byVariant)) {
    for (const [rate, value] of Object.entries(points)) {
      const values = Array.isArray(value) ? value : [value];
      values.forEach((p99Ms, replication) => {
        records.push(
          makeRecord({
            runId: records.length,
            variant,
            params: { [axis]: rate },
            replication,
            result: { latency: { p99Ms } },
          }),
        );
      });
    }
  }
  return records;
}

function spec(fields: Partial<Crossovers> = {}): Crossovers {
  return {
    axis: AXIS,
    metrics: ['latency_p99_ms'],
    scale: 'auto',
    metricScale: 'linear',
    ...fields,
  };
}

describe('crossovers between variant curves', () => {
  it('finds a crossing at the linearly interpolated point when the rates span a decade or less', () => {
    // a − b: 2 at 10/s, −2 at 20/s: zero halfway, at 15/s; a is lower above.
    const report = crossoverReport(
      spec(),
      curves({ a: { '10/s': 5, '20/s': 3 }, b: { '10/s': 3, '20/s': 5 } }),
    )!;
    expect(report.scale).toBe('linear');
    expect(report.crossings).toHaveLength(1);
    expect(report.crossings[0]).toMatchObject({
      kind: 'crossing',
      from: '10/s',
      to: '20/s',
      at: 15,
      lowerBelow: 'b',
      lowerAbove: 'a',
      low: null,
      high: null,
    });
  });

  it('interpolates on a log scale when the rates span more than a decade', () => {
    // a − b: −1 at 1/s, +3 at 100/s: a quarter of the way in ln(rate), at 100^0.25.
    const report = crossoverReport(
      spec(),
      curves({ a: { '1/s': 10, '100/s': 30 }, b: { '1/s': 11, '100/s': 27 } }),
    )!;
    expect(report.scale).toBe('log');
    expect(report.crossings[0]!.at).toBeCloseTo(100 ** 0.25, 12);
    expect(report.crossings[0]).toMatchObject({ lowerBelow: 'a', lowerAbove: 'b' });
    // Forced linear, the same curves cross a quarter of the way from 1 to 100.
    const linear = crossoverReport(
      spec({ scale: 'linear' }),
      curves({ a: { '1/s': 10, '100/s': 30 }, b: { '1/s': 11, '100/s': 27 } }),
    )!;
    expect(linear.crossings[0]!.at).toBe(25.75);
  });

  it('on a log metric scale, finds where a cost falling as 1/load meets a flat one exactly', () => {
    // b costs 300 / rate per million, a a flat 1.5: they meet at 200/s. Linear in the
    // metric, the 100/s–1000/s segment puts it where 3 − 1.5 and 0.3 − 1.5 interpolate to 0.
    const records = curves({
      a: { '1/s': 1.5, '100/s': 1.5, '1000/s': 1.5 },
      b: { '1/s': 300, '100/s': 3, '1000/s': 0.3 },
    });
    const log = crossoverReport(spec({ metricScale: 'log' }), records)!;
    expect(log.crossings[0]!.at).toBeCloseTo(200, 9);
    const linear = crossoverReport(spec(), records)!;
    // t = 1.5 / 2.7 along ln(rate) from 100 to 1000: 100 · 10^(5/9) = 359.4/s
    expect(linear.crossings[0]!.at).toBeCloseTo(100 * 10 ** (5 / 9), 9);
    expect(crossoversText(log, 'auto')).toContain(
      'Crossovers along workload.users.rate (interpolated on a log scale: the rates span more than a decade; the metrics by their logarithms)',
    );
  });

  it('says which variant is lower throughout when the curves do not cross', () => {
    const report = crossoverReport(
      spec(),
      curves({ a: { '1/s': 1, '5/s': 2, '9/s': 3 }, b: { '1/s': 2, '5/s': 4, '9/s': 3.5 } }),
    )!;
    expect(report.crossings).toEqual([
      expect.objectContaining({
        kind: 'none',
        from: '1/s',
        to: '9/s',
        at: null,
        lowerBelow: 'a',
        lowerAbove: 'a',
      }),
    ]);
    expect(crossoversText(report, 'auto')).toContain(
      'a vs b: no crossing in [1/s, 9/s]: a lower throughout',
    );
  });

  it('reports a touch, not a crossing, where the curves meet at a grid point without changing order', () => {
    const report = crossoverReport(
      spec(),
      curves({ a: { '1/s': 1, '2/s': 4, '3/s': 1 }, b: { '1/s': 2, '2/s': 4, '3/s': 2 } }),
    )!;
    expect(report.crossings.map((c) => [c.kind, c.at, c.lowerBelow, c.lowerAbove])).toEqual([
      ['touch', 2, 'a', 'a'],
      ['none', null, 'a', 'a'],
    ]);
  });

  it('reports a crossing exactly at a grid point where the order changes there', () => {
    const report = crossoverReport(
      spec(),
      curves({ a: { '1/s': 1, '2/s': 4, '3/s': 7 }, b: { '1/s': 2, '2/s': 4, '3/s': 6 } }),
    )!;
    expect(report.crossings).toEqual([
      expect.objectContaining({ kind: 'crossing', at: 2, from: '2/s', to: '2/s' }),
    ]);
  });

  it('says the curves are equal rather than calling it a touch when they are equal everywhere', () => {
    const report = crossoverReport(
      spec(),
      curves({ a: { '1/s': 1, '2/s': 4 }, b: { '1/s': 1, '2/s': 4 } }),
    )!;
    expect(report.crossings.map((c) => c.kind)).toEqual(['none']);
    expect(crossoversText(report, 'auto')).toContain(
      'a vs b: equal at every grid point in [1/s, 2/s]',
    );
  });

  it('reports a stretch of equal points between two orders as one crossing there', () => {
    const report = crossoverReport(
      spec(),
      curves({
        a: { '1/s': 1, '2/s': 4, '3/s': 4, '4/s': 9 },
        b: { '1/s': 2, '2/s': 4, '3/s': 4, '4/s': 8 },
      }),
    )!;
    expect(report.crossings).toEqual([
      expect.objectContaining({
        kind: 'crossing',
        from: '2/s',
        to: '3/s',
        at: 2.5,
        atGridPoints: true,
      }),
    ]);
    expect(crossoversText(report, 'auto')).toContain(
      'a vs b: cross at 2.5/s (equal from 2/s to 3/s); interval not computed (one replication); a lower below, b above',
    );
  });

  it('lists every crossing of curves that cross several times, in axis order', () => {
    // a − b: −1, +1, −1, +3 at 1, 2, 3, 4 (written out of order): crossings at 1.5, 2.5, 3.25.
    const report = crossoverReport(
      spec(),
      curves({
        a: { '4/s': 5, '1/s': 1, '3/s': 1, '2/s': 3 },
        b: { '4/s': 2, '1/s': 2, '3/s': 2, '2/s': 2 },
      }),
    )!;
    expect(report.crossings.map((c) => [c.at, c.from, c.to, c.lowerBelow, c.lowerAbove])).toEqual([
      [1.5, '1/s', '2/s', 'a', 'b'],
      [2.5, '2/s', '3/s', 'b', 'a'],
      [3.25, '3/s', '4/s', 'a', 'b'],
    ]);
  });

  it('gives the interval where the paired 95% CI of the difference includes 0', () => {
    // Differences a − b by replication: at 10/s 1, 3 (mean 2, sd √2), at 20/s −3, −1 (mean
    // −2): half-width t(1) · √2 / √2 = 12.706. The bounds 2 ± 12.706 and −2 ± 12.706 include
    // 0 across the whole segment: the interval reaches both ends of the grid.
    const wide = crossoverReport(
      spec(),
      curves({ a: { '10/s': [6, 8], '20/s': [2, 4] }, b: { '10/s': [5, 5], '20/s': [5, 5] } }),
    )!;
    expect(wide.crossings[0]).toMatchObject({
      at: 15,
      low: 10,
      high: 20,
      lowOpen: true,
      highOpen: true,
    });
    // Three segments, tight intervals: d = 4, 2, −2, −4, each from two paired differences
    // d ± h, so sd = h√2 and the half-width t(1) · h√2 / √2 = 1 when h = 1 / t(1). Between
    // 10/s and 20/s the upper bound 3 − 4t is 0 at t = 0.75 and the lower bound 1 − 4t at
    // t = 0.25: the interval is [12.5/s, 17.5/s] around 15/s.
    const h = 1 / 12.706204736174698;
    const pairs = (d: number) => [d - h, d + h];
    const tight = crossoverReport(
      spec(),
      curves({
        a: { '0/s': pairs(4), '10/s': pairs(2), '20/s': pairs(-2), '30/s': pairs(-4) },
        b: { '0/s': [0, 0], '10/s': [0, 0], '20/s': [0, 0], '30/s': [0, 0] },
      }),
    )!;
    const crossing = tight.crossings[0]!;
    expect(crossing.at).toBe(15);
    expect(crossing.low).toBeCloseTo(12.5, 9);
    expect(crossing.high).toBeCloseTo(17.5, 9);
    expect([crossing.lowOpen, crossing.highOpen]).toEqual([false, false]);
    expect(crossoversCsv(tight).split('\n')[1]).toMatch(/,closed,b,a,2,4,4$/);
  });

  it('says the interval is not computed with one replication', () => {
    const report = crossoverReport(
      spec(),
      curves({ a: { '10/s': 5, '20/s': 3 }, b: { '10/s': 3, '20/s': 5 } }),
    )!;
    expect(crossoversText(report, 'auto')).toContain(
      'a vs b: cross at 15/s (between 10/s and 20/s); interval not computed (one replication); b lower below, a above',
    );
    expect(crossoversCsv(report)).toBe(
      'metric,axis,axis_unit,scale,metric_scale,variant_a,variant_b,kind,from,to,at,interval_low,interval_high,interval,lower_below,lower_above,n,points_compared,points\n' +
        'latency_p99_ms,workload.users.rate,per_s,linear,linear,a,b,crossing,10/s,20/s,15,,,not-computed,b,a,1,2,2\n',
    );
  });

  it('does not depend on the order the records come in', () => {
    const records = curves({
      a: { '1/s': [1, 2], '10/s': [5, 6], '100/s': [9, 9.5] },
      b: { '1/s': [3, 3], '10/s': [4, 5], '100/s': [7, 8] },
      c: { '1/s': [0, 1], '10/s': [9, 9], '100/s': [1, 2] },
    });
    const report = (rs: RunRecord[]) => crossoversCsv(crossoverReport(spec(), rs)!);
    expect(report(shuffled(records))).toBe(report(records));
  });
});
