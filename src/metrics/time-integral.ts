/**
 * The integral over time of a level that changes in steps (busy cores, busy workers):
 * utilization = area / (capacity × elapsed). Updated in O(1) at every change; read the
 * cumulative area at any time and take differences for windows.
 */
export class TimeIntegral {
  private level = 0;
  private since = 0;
  private area = 0;

  add(now: number, delta: number): void {
    this.area += this.level * (now - this.since);
    this.since = now;
    this.level += delta;
  }

  get current(): number {
    return this.level;
  }

  areaAt(now: number): number {
    return this.area + this.level * (now - this.since);
  }
}
