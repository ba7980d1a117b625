import { describe, expect, it } from 'vitest';
import {
  erf,
  erfc,
  gammaFunction,
  logGamma,
  normalCdf,
  normalPdf,
  Z99,
} from '../../src/engine/distributions/special-functions.js';

/** Reference values computed with mpmath at 40 significant digits, shown to 20. */
const ERFC: Array<[number, number]> = [
  [0.1, 0.887537083981715],
  [0.46875, 0.507386526782062],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [2, 0.004677734981047266],
  [3, 0.00002209049699858544],
  [4, 1.541725790028002e-8],
  [4.5, 1.9661604415428876e-10],
  [5, 1.537459794428035e-12],
  [10, 2.088487583762545e-45],
  [26, 5.663192408856143e-296],
  [-0.3, 1.3286267594591274],
  [-1, 1.8427007929497148],
  [-3, 1.9999779095030015],
];

const ERF: Array<[number, number]> = [
  [0.1, 0.1124629160182849],
  [0.3, 0.3286267594591274],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [3, 0.9999779095030014],
  [-1, -0.8427007929497149],
];

const PHI: Array<[number, number]> = [
  [-6, 9.86587645037698e-10],
  [-4.75, 0.0000010170832425687032],
  [-1, 0.15865525393145705],
  [0, 0.5],
  [1, 0.8413447460685429],
  [8, 0.9999999999999993],
];

const LOG_GAMMA: Array<[number, number]> = [
  [0.001, 6.907178885383853],
  [0.1, 2.252712651734206],
  [0.5, 0.5723649429247001],
  [1.5, -0.12078223763524522],
  [5 / 3, -0.1023148329606408],
  [7 / 3, 0.1744904307114384],
  [10, 12.801827480081469],
  [100, 359.1342053695754],
];

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('special functions', () => {
  it.each(ERFC)('erfc(%s) to 1e-14 relative', (x, expected) => {
    expect(relativeError(erfc(x), expected)).toBeLessThan(1e-14);
  });

  it.each(ERF)('erf(%s) to 1e-14 relative', (x, expected) => {
    expect(relativeError(erf(x), expected)).toBeLessThan(1e-14);
  });

  it('erfc underflows to 0 far in the tail and erf is odd', () => {
    expect(erfc(27)).toBe(0);
    expect(erfc(-27)).toBe(2);
    expect(erf(0)).toBe(0);
    expect(erf(-0.2)).toBe(-erf(0.2));
  });

  it.each(PHI)('normalCdf(%s) to 1e-13 relative', (x, expected) => {
    expect(relativeError(normalCdf(x), expected)).toBeLessThan(1e-13);
  });

  it('Z99 is the 99th percentile and the pdf is the standard one', () => {
    expect(Math.abs(normalCdf(Z99) - 0.99)).toBeLessThan(1e-15);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(normalPdf(-1)).toBe(normalPdf(1));
  });

  it.each(LOG_GAMMA)('logGamma(%s) to 1e-14 absolute or relative', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-14 * Math.max(1, Math.abs(expected)));
  });

  it('gammaFunction gives factorials and sqrt(pi) at 1/2', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(relativeError(gammaFunction(n), factorial)).toBeLessThan(1e-13);
      factorial *= n;
    }
    expect(relativeError(gammaFunction(0.5), Math.sqrt(Math.PI))).toBeLessThan(1e-14);
    expect(logGamma(0)).toBeNaN();
  });
});
