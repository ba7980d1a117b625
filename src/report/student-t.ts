import { logGamma } from '../engine/distributions/special-functions.js';

/**
 * Student's t distribution: the CDF through the regularized incomplete beta function and
 * the quantile by safeguarded Newton iteration on it, so confidence intervals are right for
 * any degrees of freedom, not only the few a printed table lists. Accuracy is about 1e-12
 * relative, set by the log-gamma differences in the normalizing constants.
 */

const RELATIVE_TOLERANCE = 1e-15;
const MAX_ITERATIONS = 1000;
/** Keeps Lentz's continued fraction away from division by zero. */
const TINY = 1e-300;

/** P(T > t) for t >= 0: half the regularized incomplete beta I_x(df/2, 1/2), x = df/(df + t²). */
export function studentTUpperTail(t: number, df: number): number {
  if (t < 0) return 1 - studentTUpperTail(-t, df);
  const denominator = df + t * t;
  // x and 1 - x computed separately: for large t, 1 - x = t²/(df + t²) loses nothing.
  return 0.5 * regularizedIncompleteBeta(df / denominator, (t * t) / denominator, df / 2, 0.5);
}

/** P(T <= t). */
export function studentTCdf(t: number, df: number): number {
  return t >= 0 ? 1 - studentTUpperTail(t, df) : studentTUpperTail(-t, df);
}

export function studentTPdf(t: number, df: number): number {
  const logNormalizer = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNormalizer - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The t with P(T <= t) = p, for 0 < p < 1 and df > 0 (not necessarily an integer). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) {
    throw new RangeError(`Student t quantile needs 0 < p < 1 and df > 0; got p=${p}, df=${df}`);
  }
  if (p === 0.5) return 0;
  // By symmetry, solve for the upper tail probability q, which keeps precision for p near 1.
  return p > 0.5 ? upperTailQuantile(1 - p, df) : -upperTailQuantile(p, df);
}

/** The multiplier of sd/sqrt(n) for a two-sided 95% interval from n observations. */
export function tCritical95(n: number): number {
  return studentTQuantile(0.975, n - 1);
}

/** The t > 0 with P(T > t) = q, q < 1/2. */
function upperTailQuantile(q: number, df: number): number {
  // Closed forms where they exist: exact and free.
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const excess = (t: number) => studentTUpperTail(t, df) - q;
  let low = 0;
  let high = 1;
  while (excess(high) > 0) {
    low = high;
    high *= 2;
  }
  return newtonWithBisection(excess, (t) => -studentTPdf(t, df), low, high);
}

/**
 * Newton's method kept inside a bracket [low, high] where f changes sign (f(low) > 0 >
 * f(high)): where a Newton step would leave the bracket, bisect instead (Numerical
 * Recipes' rtsafe). Quadratic near the root, never diverges.
 */
function newtonWithBisection(
  f: (x: number) => number,
  derivative: (x: number) => number,
  low: number,
  high: number,
): number {
  let x = (low + high) / 2;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const value = f(x);
    if (value === 0) return x;
    if (value > 0) low = x;
    else high = x;
    const newton = x - value / derivative(x);
    const next = newton > low && newton < high ? newton : (low + high) / 2;
    if (Math.abs(next - x) <= RELATIVE_TOLERANCE * Math.abs(x)) return next;
    x = next;
  }
  return x;
}

/**
 * I_x(a, b) by the continued fraction (modified Lentz), evaluated on whichever of x and
 * 1 - x makes it converge fast. `complement` is 1 - x, passed in to avoid cancellation.
 */
export function regularizedIncompleteBeta(
  x: number,
  complement: number,
  a: number,
  b: number,
): number {
  if (x <= 0) return 0;
  if (complement <= 0) return 1;
  const logPrefactor =
    a * Math.log(x) + b * Math.log(complement) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logPrefactor) * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logPrefactor) * betaContinuedFraction(complement, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const nonZero = (value: number) => (Math.abs(value) < TINY ? TINY : value);
  let c = 1;
  let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
  let fraction = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // even step
    let coefficient = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / nonZero(1 + coefficient * d);
    c = nonZero(1 + coefficient / c);
    fraction *= d * c;
    // odd step
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / nonZero(1 + coefficient * d);
    c = nonZero(1 + coefficient / c);
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) <= RELATIVE_TOLERANCE) break;
  }
  return fraction;
}
