import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/engine/distributions/special-functions.js';
import { standardNormal } from '../../src/engine/distributions/standard-normal.js';
import { createStream } from '../../src/engine/random.js';

/**
 * The ziggurat's strips, wedges and tail are separate code paths; checking the fraction of
 * draws beyond several points (including the tail start r = 3.4426) tests all of them.
 * Each fraction is a binomial proportion: tolerance 4.5 standard errors sqrt(p(1-p)/n).
 */
const N = 1_000_000;
const draws = (() => {
  const next = createStream(2026, 'standard-normal-test').next;
  const values = new Float64Array(N);
  for (let i = 0; i < N; i++) values[i] = standardNormal(next);
  return values;
})();

function fractionAbove(threshold: number): number {
  let count = 0;
  for (const value of draws) if (value > threshold) count++;
  return count / N;
}

describe('standard normal (ziggurat)', () => {
  for (const threshold of [-3.6, -2, -1, -0.25, 0, 0.5, 1.5, 2.5, 3, 3.4426, 3.8, 4.2]) {
    it(`P(Z > ${threshold}) matches the normal distribution`, () => {
      const expected = 1 - normalCdf(threshold);
      const standardError = Math.sqrt((expected * (1 - expected)) / N);
      expect(Math.abs(fractionAbove(threshold) - expected)).toBeLessThan(4.5 * standardError);
    });
  }

  it('has mean 0 and variance 1 within 4.5 standard errors', () => {
    let sum = 0;
    let sumSquares = 0;
    for (const value of draws) {
      sum += value;
      sumSquares += value * value;
    }
    const mean = sum / N;
    const variance = sumSquares / N - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4.5 * Math.sqrt(1 / N));
    // Var of the sample variance of a normal: 2 sigma^4 / n.
    expect(Math.abs(variance - 1)).toBeLessThan(4.5 * Math.sqrt(2 / N));
  });

  it('is deterministic: the same stream gives the same draws', () => {
    const a = createStream(9, 'z').next;
    const b = createStream(9, 'z').next;
    for (let i = 0; i < 1000; i++) expect(standardNormal(a)).toBe(standardNormal(b));
  });
});
