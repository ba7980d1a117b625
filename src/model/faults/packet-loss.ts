import type { FaultWindow } from './fault-window.js';
import type { NetemRandom } from './netem-random.js';

/** Linux's floor on the retransmission timeout: TCP_RTO_MIN, HZ/5 (include/net/tcp.h). */
export const TCP_RTO_MIN_MS = 200;
/** Its ceiling: TCP_RTO_MAX, 120 × HZ. */
export const TCP_RTO_MAX_MS = 120_000;
/** The RTO of a SYN, before any round trip is measured: TCP_TIMEOUT_INIT, 1 × HZ (RFC 6298 2.1). */
export const TCP_TIMEOUT_INIT_MS = 1000;
/** Retransmissions of a data segment before Linux gives up: net.ipv4.tcp_retries2, 15. */
export const TCP_RETRIES2 = 15;
/** Retransmissions of a SYN: net.ipv4.tcp_syn_retries, 6. */
export const TCP_SYN_RETRIES = 6;
/** Payload bytes per segment on a 1500-byte MTU with TCP timestamps (1500 − 20 − 20 − 12). */
export const MSS_BYTES = 1448;

/** What loss did to one message: the time it added and the segments sent again. */
export interface LossOutcome {
  readonly addedMs: number;
  readonly retransmissions: number;
}

export const NO_LOSS: LossOutcome = { addedMs: 0, retransmissions: 0 };

/**
 * The time a segment lost `k` times in a row adds: it is sent again after the RTO each time,
 * the RTO doubling after each timeout (RFC 6298 5.5, Linux `tcp_retransmit_timer`) up to the
 * ceiling. With the 200 ms floor: 0, 200, 600, 1400, 3000 ms for k = 0 to 4.
 */
export function retransmissionDelayMs(k: number, firstRtoMs: number): number {
  let total = 0;
  let rto = firstRtoMs;
  for (let i = 0; i < k; i++) {
    total += rto;
    rto = Math.min(2 * rto, TCP_RTO_MAX_MS);
  }
  return total;
}

/** The segments a message of `bytes` takes: at least one (a bodiless request still has headers). */
export function segmentsOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / MSS_BYTES));
}

/**
 * Chaos Mesh NetworkChaos `action: loss` (`loss: {loss, correlation}`), a netem qdisc that
 * drops each packet with probability `loss`, as TCP lives through it (docs/faults.md,
 * "Packet loss"). Each segment of a message is lost with probability `loss` at each
 * transmission; a lost one is sent again after the retransmission timeout. Linux's RTO is
 * the smoothed round trip plus a variance term floored at TCP_RTO_MIN (tcp_rtt_estimator,
 * __tcp_set_rto): on a cluster's sub-millisecond round trips, 200 ms, plus any injected
 * latency on the same calls (RFC 6298's 1 s minimum is Linux's TCP_TIMEOUT_INIT, used for a
 * SYN, whose round trip is not yet measured); each further loss
 * of the same segment doubles it. A message's segments travel together, so it is late by
 * its worst segment's delay. After tcp_retries2 (15) retransmissions Linux would give up
 * (about 15 minutes); the delay is capped there, far beyond any caller's timeout.
 */
export class PacketLoss {
  constructor(
    readonly window: FaultWindow,
    private readonly loss: number,
    private readonly random: NetemRandom,
  ) {}

  /**
   * What loss does to a message of `bytes` on an open connection whose round trip is
   * `extraRttMs` longer than a cluster's (injected latency): Linux's RTO is the smoothed
   * round trip plus a variance term floored at TCP_RTO_MIN, so it is that much longer.
   */
  message(bytes: number, extraRttMs = 0): LossOutcome {
    if (this.loss <= 0) return NO_LOSS;
    let worst = 0;
    let retransmissions = 0;
    for (let s = segmentsOf(bytes); s > 0; s--) {
      const k = this.lossesInARow(TCP_RETRIES2);
      retransmissions += k;
      if (k > worst) worst = k;
    }
    return worst === 0
      ? NO_LOSS
      : { addedMs: retransmissionDelayMs(worst, TCP_RTO_MIN_MS + extraRttMs), retransmissions };
  }

  /**
   * A new connection's handshake: the SYN and the SYN-ACK each may be lost; either loss means
   * the SYN is sent again after 1 s, then 2 s, ... (TCP_TIMEOUT_INIT doubling).
   */
  handshake(): LossOutcome {
    if (this.loss <= 0) return NO_LOSS;
    let k = 0;
    while (k < TCP_SYN_RETRIES && (this.lost() || this.lost())) k++;
    return k === 0
      ? NO_LOSS
      : { addedMs: retransmissionDelayMs(k, TCP_TIMEOUT_INIT_MS), retransmissions: k };
  }

  private lossesInARow(most: number): number {
    let k = 0;
    while (k < most && this.lost()) k++;
    return k;
  }

  private lost(): boolean {
    return this.random.draw() < this.loss;
  }
}
