/**
 * netem's correlated uniform draw (Linux net/sched/sch_netem.c, `get_crandom`): with
 * correlation ρ, each draw is (1 − ρ) × a fresh uniform + ρ × the previous draw, so draws
 * cluster (a burst of losses, a run of long delays). ρ = 0 is a fresh uniform each time.
 * As in netem, the mixture's spread narrows as ρ grows, so with a correlation the share of
 * draws below a small loss rate is below that rate (a known property of netem's model;
 * msasim does what netem does rather than what the number says).
 */
export class NetemRandom {
  private last = 0;

  constructor(
    private readonly correlation: number,
    private readonly next: () => number,
  ) {}

  draw(): number {
    const fresh = this.next();
    if (this.correlation === 0) return fresh;
    this.last = (1 - this.correlation) * fresh + this.correlation * this.last;
    return this.last;
  }
}
