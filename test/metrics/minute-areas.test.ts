import { describe, expect, it } from 'vitest';
import { MinuteAreas } from '../../src/metrics/minute-areas.js';

describe('MinuteAreas', () => {
  it('splits an interval across the minutes it spans (50 s to 70 s: 10 s in each)', () => {
    const areas = new MinuteAreas();
    areas.add(50_000, 70_000);
    expect([areas.areaMs(0), areas.areaMs(1), areas.areaMs(2)]).toEqual([10_000, 10_000, 0]);
  });

  it('adds overlapping intervals, takes a negative count back, and ignores an empty one', () => {
    const areas = new MinuteAreas();
    areas.add(0, 60_000);
    areas.add(30_000, 150_000);
    areas.add(100_000, 150_000, -1);
    areas.add(5_000, 5_000);
    areas.add(9_000, 8_000);
    expect([areas.areaMs(0), areas.areaMs(1), areas.areaMs(2)]).toEqual([90_000, 40_000, 0]);
  });
});
