import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import type { FaultWindow } from '../../src/model/faults/fault-window.js';
import { NetemRandom } from '../../src/model/faults/netem-random.js';
import {
  PacketLoss,
  retransmissionDelayMs,
  segmentsOf,
  TCP_RTO_MIN_MS,
  TCP_TIMEOUT_INIT_MS,
} from '../../src/model/faults/packet-loss.js';

/** Uniforms from a list, in order: each loss decision is scripted. */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => values[i++]!;
}

const window = {} as FaultWindow;
const lossOf = (loss: number, next: () => number) =>
  new PacketLoss(window, loss, new NetemRandom(0, next));

describe("TCP's retransmission timeouts", () => {
  it('add 200, 600, 1400, 3000 ms for a segment lost 1 to 4 times in a row (RTO doubling from 200 ms)', () => {
    expect([0, 1, 2, 3, 4].map((k) => retransmissionDelayMs(k, TCP_RTO_MIN_MS))).toEqual([
      0, 200, 600, 1400, 3000,
    ]);
  });

  it('for a SYN start at 1 s: 1, 3, 7 s', () => {
    expect([1, 2, 3].map((k) => retransmissionDelayMs(k, TCP_TIMEOUT_INIT_MS))).toEqual([
      1000, 3000, 7000,
    ]);
  });

  it('stop doubling at 120 s (TCP_RTO_MAX)', () => {
    // 200 × 2^9 = 102,400; the 11th wait would be 204,800, held at 120,000.
    expect(retransmissionDelayMs(11, 200) - retransmissionDelayMs(10, 200)).toBe(120_000);
  });

  it('count a message in segments of 1448 bytes, at least one', () => {
    expect([0, 1, 1448, 1449, 4000].map(segmentsOf)).toEqual([1, 1, 1, 2, 3]);
  });
});

describe('a message under loss', () => {
  it('is late by its worst segment: one segment lost twice, another once, is 600 ms', () => {
    // 3 segments at 10% loss: lost, lost, kept | kept | lost, kept.
    const loss = lossOf(0.1, scripted([0.01, 0.05, 0.5, 0.9, 0.02, 0.7]));
    expect(loss.message(4000)).toEqual({ addedMs: 600, retransmissions: 3 });
  });

  it('waits the injected latency longer per timeout: the RTO is the round trip plus 200 ms', () => {
    // lost twice: (200 + 200) + 2 × (200 + 200) ms.
    const loss = lossOf(0.1, scripted([0.01, 0.05, 0.5]));
    expect(loss.message(100, 200)).toEqual({ addedMs: 1200, retransmissions: 2 });
  });

  it('a handshake whose SYN-ACK is lost once waits 1 s', () => {
    // SYN kept (0.5), SYN-ACK lost (0.01): again; SYN kept, SYN-ACK kept.
    const loss = lossOf(0.1, scripted([0.5, 0.01, 0.5, 0.5]));
    expect(loss.handshake()).toEqual({ addedMs: 1000, retransmissions: 1 });
  });

  /**
   * Each segment's retransmissions are geometric: mean p / (1 − p). 100,000 one-segment
   * messages at p = 10%: mean 11,111, variance n × p / (1 − p)² ≈ 12,346 (sd 111): within 4 sd.
   * The added latency's mean is Σ_k p^k (1 − p) × 200 (2^k − 1) ms = 25.0 ms by hand
   * (18 + 5.4 + 1.26 + 0.27 + 0.056 + 0.011 + ...), its sd about 97 ms (E[D²] ≈ 9,990),
   * so the mean of 100,000 is within 4 × 97 / sqrt(100,000) ≈ 1.23 ms of it.
   */
  it('retransmits p / (1 − p) times per segment on average and adds the hand-computed mean delay', () => {
    const p = 0.1;
    const n = 100_000;
    const loss = lossOf(p, new RandomStreams(7).stream('test:loss').next);
    let retransmissions = 0;
    let addedMs = 0;
    for (let i = 0; i < n; i++) {
      const outcome = loss.message(100);
      retransmissions += outcome.retransmissions;
      addedMs += outcome.addedMs;
    }
    const mean = (n * p) / (1 - p);
    expect(Math.abs(retransmissions - mean)).toBeLessThan(4 * Math.sqrt((n * p) / (1 - p) ** 2));
    let expectedMs = 0;
    for (let k = 1; k <= 15; k++) expectedMs += p ** k * (1 - p) * 200 * (2 ** k - 1);
    expect(expectedMs).toBeCloseTo(25.0, 1);
    expect(Math.abs(addedMs / n - expectedMs)).toBeLessThan(1.23);
  });
});

describe("netem's correlation", () => {
  it('with 0 takes each uniform as it comes; with 50% averages it with the previous draw', () => {
    const fresh = new NetemRandom(0, scripted([0.2, 0.6]));
    expect([fresh.draw(), fresh.draw()]).toEqual([0.2, 0.6]);
    const correlated = new NetemRandom(0.5, scripted([0.2, 0.6]));
    expect(correlated.draw()).toBeCloseTo(0.1, 12);
    expect(correlated.draw()).toBeCloseTo(0.35, 12);
  });
});
