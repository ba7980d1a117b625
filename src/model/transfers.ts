import type { Distribution } from '../engine/distributions/distribution.js';
import type { Attempt } from './traffic/attempt.js';

/**
 * The network's bytes (docs/nodes.md). A call carries a request of its endpoint's
 * requestSize from the caller's zone to the pod's, and, when it succeeds, a response of
 * its responseSize back; a failure answers with no body worth counting (0 bytes). Bytes
 * are counted for calls of measured requests only, like every headline metric, per edge
 * (caller → callee) and per zone pair (from → to, each direction on its own). The client's
 * hop has no zone: its bytes count on its edge, not in any zone pair. A size drawn from a
 * continuous distribution is rounded to whole bytes.
 */

/** An endpoint's size distributions and the stream they draw from. */
export interface CallSizes {
  readonly request: Distribution;
  readonly response: Distribution;
  readonly next: () => number;
}

/** What one edge (caller → callee) carried. */
export class EdgeTransfer {
  requestBytes = 0;
  responseBytes = 0;
  /** calls whose caller's pod and callee's pod are in different zones */
  crossZoneCalls = 0;
  /** their request and response bytes */
  crossZoneBytes = 0;
}

/** Bytes and calls from one zone to another (or within one, from = to). */
export interface ZonePairTraffic {
  readonly from: string;
  readonly to: string;
  /** requests sent from `from` to `to` */
  calls: number;
  /** request bytes from → to plus response bytes from → to */
  bytes: number;
}

export class Transfers {
  /** by sending zone, then receiving zone: no key string built per call */
  private readonly pairs = new Map<string, Map<string, ZonePairTraffic>>();
  crossZoneCalls = 0;
  crossZoneBytes = 0;

  /** The request of `attempt` leaves for its pod (just chosen). */
  requestSent(attempt: Attempt): void {
    const call = attempt.call;
    if (!call.request.measured) return;
    const { sizes, transfer } = call.target;
    const bytes = Math.round(sizes.request.sample(sizes.next));
    transfer.requestBytes += bytes;
    const from = call.callerZone;
    if (from === undefined) return;
    const to = attempt.pod!.zone;
    const pair = this.pair(from, to);
    pair.calls++;
    pair.bytes += bytes;
    if (from === to) return;
    transfer.crossZoneCalls++;
    transfer.crossZoneBytes += bytes;
    this.crossZoneCalls++;
    this.crossZoneBytes += bytes;
  }

  /** The pod answers `attempt` successfully: its response travels back to the caller. */
  responseSent(attempt: Attempt): void {
    const call = attempt.call;
    if (!call.request.measured) return;
    const { sizes, transfer } = call.target;
    const bytes = Math.round(sizes.response.sample(sizes.next));
    transfer.responseBytes += bytes;
    const to = call.callerZone;
    if (to === undefined) return;
    const from = attempt.pod!.zone;
    this.pair(from, to).bytes += bytes;
    if (from === to) return;
    transfer.crossZoneBytes += bytes;
    this.crossZoneBytes += bytes;
  }

  /** Every zone pair that carried something, in a stable order (by from, then to). */
  zonePairs(): ZonePairTraffic[] {
    return [...this.pairs.values()]
      .flatMap((row) => [...row.values()])
      .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  }

  private pair(from: string, to: string): ZonePairTraffic {
    let row = this.pairs.get(from);
    if (row === undefined) {
      row = new Map();
      this.pairs.set(from, row);
    }
    let pair = row.get(to);
    if (pair === undefined) {
      pair = { from, to, calls: 0, bytes: 0 };
      row.set(to, pair);
    }
    return pair;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
