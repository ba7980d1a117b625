import { describe, expect, it } from 'vitest';
import { nearestRank, SteadyStateCheck } from '../../src/model/faults/steady-state.js';

const MINUTE = 60_000;

/** 1,000 requests in a window from `startMs`: `failed` of them fail, the rest take 1..n ms. */
function fill(check: SteadyStateCheck, startMs: number, failed: number) {
  for (let i = 0; i < 1000; i++) check.requestEnded(startMs + i, (i % 100) + 1, i >= failed);
}

describe('the steady-state hypothesis, checked per window', () => {
  it('holds at exactly 99.9% available and breaks at 99.8%', () => {
    const check = new SteadyStateCheck({ window: MINUTE, availability: 0.999 }, 0, 3 * MINUTE);
    fill(check, 0, 1);
    fill(check, MINUTE, 2);
    // The third window has no request: not judged.
    expect(check.verdict()).toEqual({
      held: false,
      windows: 2,
      broken: [{ startMs: MINUTE, endMs: 2 * MINUTE, availability: 0.998 }],
    });
  });

  it("holds when every window's p99 is at most the bound and names the slow one", () => {
    const at99 = new SteadyStateCheck({ window: MINUTE, p99: 99 }, 0, MINUTE);
    fill(at99, 0, 0);
    expect(at99.verdict()).toEqual({ held: true, windows: 1, broken: [] });
    const at98 = new SteadyStateCheck({ window: MINUTE, p99: 98 }, 0, MINUTE);
    fill(at98, 0, 0);
    expect(at98.verdict()).toEqual({
      held: false,
      windows: 1,
      broken: [{ startMs: 0, endMs: MINUTE, availability: 1, p99Ms: 99 }],
    });
  });

  it('counts windows from the warmup, the last one cut at the end of the run', () => {
    const check = new SteadyStateCheck({ window: MINUTE, availability: 1 }, 30_000, 100_000);
    check.requestEnded(10_000, 5, false); // in the warmup: left out
    check.requestEnded(95_000, 5, false);
    expect(check.verdict()).toEqual({
      held: false,
      windows: 1,
      broken: [{ startMs: 90_000, endMs: 100_000, availability: 0 }],
    });
  });

  it('takes the p99 by nearest rank: the ceil(0.99 n)-th smallest', () => {
    expect(nearestRank([3, 1, 2], 0.99)).toBe(3);
    expect(
      nearestRank(
        Array.from({ length: 200 }, (_, i) => i + 1),
        0.99,
      ),
    ).toBe(198);
    expect(nearestRank([], 0.99)).toBeUndefined();
  });
});
