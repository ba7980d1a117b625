/**
 * The account's concurrency in the region (Lambda's quota, 1,000 by default): functions with
 * reserved concurrency each have their own part, and the others share what is left, the
 * unreserved pool. A function at its limit throttles (429).
 */
export class AccountConcurrency {
  private unreservedBusy = 0;
  private readonly unreservedLimit: number;

  constructor(limit: number, reservedTotal: number) {
    this.unreservedLimit = limit - reservedTotal;
  }

  /** Whether one more execution of a function (busy now, with this reservation) fits. */
  admits(reserved: number | undefined, busy: number): boolean {
    if (reserved !== undefined) return busy < reserved;
    return this.unreservedBusy < this.unreservedLimit;
  }

  started(reserved: number | undefined): void {
    if (reserved === undefined) this.unreservedBusy++;
  }

  ended(reserved: number | undefined): void {
    if (reserved === undefined) this.unreservedBusy--;
  }
}
