/**
 * A token bucket refilled continuously: `capacity` tokens at most, `perMs` added each
 * millisecond. Lambda's scaling rate (1,000 new instances per 10 s, "refilled continuously",
 * unused rate not carried over) and API Gateway's throttle (rate and burst) are both one.
 */
export class TokenBucket {
  private tokens: number;
  private at = 0;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
  ) {
    this.tokens = capacity;
  }

  /** Takes a token at `now` if one is there. */
  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) * this.perMs);
    this.at = now;
    // A hair below 1 is a token whose refill float rounding left short.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }
}
