const MINUTE_MS = 60_000;

/**
 * A count over time (instances in some state) as its area in each minute of the run, fed
 * with whole intervals (each may be known only when it ends, or when it begins: an init's
 * end is fixed when it starts), so that no event is needed when the count changes. The
 * minute's mean is its area over its length.
 *
 * Worked example: one instance initializing from 50 s to 70 s adds 10,000 ms to minute 0
 * and 10,000 ms to minute 1: a mean of 1/6 in each.
 */
export class MinuteAreas {
  private readonly areas: number[] = [];

  /** `count` more (or fewer, when negative) over [fromMs, toMs). */
  add(fromMs: number, toMs: number, count = 1): void {
    let start = fromMs;
    while (start < toMs) {
      const index = Math.floor(start / MINUTE_MS);
      const end = Math.min(toMs, (index + 1) * MINUTE_MS);
      while (this.areas.length <= index) this.areas.push(0);
      this.areas[index]! += count * (end - start);
      start = end;
    }
  }

  /** The area of minute `index` (0 when nothing was ever in it), ms. */
  areaMs(index: number): number {
    return this.areas[index] ?? 0;
  }
}
