import { describe, expect, it } from 'vitest';
import { divideCores, sharesFromRequest } from '../../src/model/cpu/weighted-share.js';

/** The division of a contended node's cores among its pods (weighted max-min fairness). */
function divide(cores: number, demands: number[], weights: number[]): number[] {
  const shares = demands.map(() => Number.NaN);
  divideCores(cores, demands, weights, shares);
  return shares;
}

describe("a busy node's cores go to pods by weight, never more than a pod can use", () => {
  it('two busy pods weighted 1572 and 262 (1536m and 256m) split 2 cores 6 to 1', () => {
    const [big, small] = divide(2, [3, 1], [sharesFromRequest(1.536), sharesFromRequest(0.256)]);
    expect(big! / small!).toBeCloseTo(6, 9);
    expect(big! + small!).toBeCloseTo(2, 12);
  });

  it('a pod with one burst takes one core, whatever its weight; the rest goes to the others', () => {
    expect(divide(2, [1, 1], [1536, 256])).toEqual([1, 1]);
    expect(divide(2, [1, 3], [1536, 256])).toEqual([1, 1]);
  });

  it('what a small pod leaves is shared by weight among the pods that want more', () => {
    // Fair shares by weight: 1, 1, 2 cores. A wants 1 and gets it; B and C share the other
    // 3 by weight 1 : 2.
    const [a, b, c] = divide(4, [1, 5, 5], [1024, 1024, 2048]);
    expect([a, b, c].map((x) => Number(x!.toFixed(12)))).toEqual([1, 1, 2]);
    // A wants only half its fair share: B and C split 3.5 by weight.
    const [a2, b2, c2] = divide(4, [0.5, 5, 5], [1024, 1024, 2048]);
    expect([a2, b2, c2].map((x) => Number(x!.toFixed(12)))).toEqual(
      [0.5, 3.5 / 3, 7 / 3].map((x) => Number(x.toFixed(12))),
    );
  });

  it('idle and throttled pods (no demand) get nothing; an uncontended node gives everyone its demand', () => {
    expect(divide(2, [0, 4, 0], [1024, 1024, 1024])).toEqual([0, 2, 0]);
    expect(divide(16, [3, 0, 2], [2, 1024, 1024])).toEqual([3, 0, 2]);
  });

  it('cpu.shares from the request as the kubelet computes it: millicores × 1024 / 1000, at least 2', () => {
    expect(sharesFromRequest(1)).toBe(1024);
    expect(sharesFromRequest(0.1)).toBe(102);
    expect(sharesFromRequest(0.001)).toBe(2);
    expect(sharesFromRequest(0)).toBe(2);
  });
});
