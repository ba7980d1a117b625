import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile, tCritical95 } from '../../src/report/student-t.js';

describe('Student t quantile', () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [4, 2.7764],
    [9, 2.2622],
    [29, 2.0452],
    [1000, 1.9623],
  ])('t(0.975, %i) = %f to 4 decimals', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 4);
  });

  it('matches high-precision reference values to 10 decimals', () => {
    // R: qt(0.975, df), qt(0.995, df)
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182446305284263, 10);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272456301238, 10);
    expect(studentTQuantile(0.995, 1)).toBeCloseTo(63.65674116287399, 10);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032142983557536, 10);
  });

  it('is symmetric and inverts the CDF', () => {
    for (const df of [1, 2, 3, 7.5, 50]) {
      for (const p of [0.001, 0.1, 0.5, 0.8, 0.999]) {
        const t = studentTQuantile(p, df);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 9);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
      }
    }
  });

  it('gives the 95% multiplier for a sample of n', () => {
    expect(tCritical95(3)).toBeCloseTo(4.3027, 4);
  });

  it('rejects probabilities outside (0, 1) and df <= 0', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});
