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
  /**
   * The zones seen so far, by index: a zone is found by a scan comparing strings, which for
   * the few zones of a cluster (and the same string objects, the nodes') is cheaper than a
   * Map lookup per call.
   */
  private readonly zones: string[] = [];
  /** per zone pair, at from × capacity + to: calls, bytes, and whether it carried anything */
  private capacity = 0;
  private calls = new Float64Array(0);
  private bytes = new Float64Array(0);
  private seen = new Uint8Array(0);
  crossZoneCalls = 0;
  crossZoneBytes = 0;

  /** The request of `attempt` leaves for its pod (just chosen): its bytes (0 unmeasured). */
  requestSent(attempt: Attempt): number {
    const call = attempt.call;
    if (!call.request.measured) return 0;
    const { sizes, transfer } = call.target;
    const bytes = Math.round(sizes.request.sample(sizes.next));
    transfer.requestBytes += bytes;
    const from = call.callerZone;
    if (from === undefined) return bytes;
    const to = attempt.pod!.zone;
    const pair = this.pairIndex(from, to);
    this.calls[pair] = this.calls[pair]! + 1;
    this.bytes[pair] = this.bytes[pair]! + bytes;
    if (from === to) return bytes;
    transfer.crossZoneCalls++;
    transfer.crossZoneBytes += bytes;
    this.crossZoneCalls++;
    this.crossZoneBytes += bytes;
    return bytes;
  }

  /** The pod answers `attempt` successfully: its response travels back; its bytes (0 unmeasured). */
  responseSent(attempt: Attempt): number {
    const call = attempt.call;
    if (!call.request.measured) return 0;
    const { sizes, transfer } = call.target;
    const bytes = Math.round(sizes.response.sample(sizes.next));
    transfer.responseBytes += bytes;
    const to = call.callerZone;
    if (to === undefined) return bytes;
    const from = attempt.pod!.zone;
    const pair = this.pairIndex(from, to);
    this.bytes[pair] = this.bytes[pair]! + bytes;
    if (from === to) return bytes;
    transfer.crossZoneBytes += bytes;
    this.crossZoneBytes += bytes;
    return bytes;
  }

  /** Every zone pair that carried something, in a stable order (by from, then to). */
  zonePairs(): ZonePairTraffic[] {
    const pairs: ZonePairTraffic[] = [];
    const n = this.zones.length;
    for (let from = 0; from < n; from++)
      for (let to = 0; to < n; to++) {
        const pair = from * this.capacity + to;
        if (this.seen[pair] === 0) continue;
        pairs.push({
          from: this.zones[from]!,
          to: this.zones[to]!,
          calls: this.calls[pair]!,
          bytes: this.bytes[pair]!,
        });
      }
    return pairs.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  }

  /** Where the pair's counters are; marks it as having carried something. */
  private pairIndex(from: string, to: string): number {
    const fromIndex = this.zoneIndex(from);
    const toIndex = from === to ? fromIndex : this.zoneIndex(to);
    const pair = fromIndex * this.capacity + toIndex;
    this.seen[pair] = 1;
    return pair;
  }

  private zoneIndex(zone: string): number {
    const zones = this.zones;
    for (let i = 0; i < zones.length; i++) if (zones[i] === zone) return i;
    zones.push(zone);
    if (zones.length > this.capacity) this.grow(Math.max(4, 2 * this.capacity));
    return zones.length - 1;
  }

  /** Lays the counters out for `capacity` zones, keeping each pair's. */
  private grow(capacity: number): void {
    const calls = new Float64Array(capacity * capacity);
    const bytes = new Float64Array(capacity * capacity);
    const seen = new Uint8Array(capacity * capacity);
    for (let from = 0; from < this.capacity; from++)
      for (let to = 0; to < this.capacity; to++) {
        const was = from * this.capacity + to;
        const now = from * capacity + to;
        calls[now] = this.calls[was]!;
        bytes[now] = this.bytes[was]!;
        seen[now] = this.seen[was]!;
      }
    this.capacity = capacity;
    this.calls = calls;
    this.bytes = bytes;
    this.seen = seen;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
