/**
 * Special functions the distributions need for their exact moments: the log-gamma function
 * (Weibull, checks of the gamma) and the error function family (the truncated normal).
 * These run when a distribution is created, never per sample, so they favour precision
 * over speed.
 */

const SQRT_2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/**
 * Lanczos approximation with g = 7 and 9 coefficients: relative error about 1e-15 on
 * Gamma(x) for x > 0. Written for x - 1, so the series reads Gamma(x) = Gamma(z + 1).
 */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;

/** ln Gamma(x) for x > 0 (NaN otherwise). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  // The series loses precision below 1/2: use the reflection Gamma(x) Gamma(1-x) = pi / sin(pi x).
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) {
    series += LANCZOS_COEFFICIENTS[i]! / (z + i);
  }
  const t = z + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/** Gamma(x) for x > 0; overflows to Infinity beyond x ~ 171.6. */
export function gammaFunction(x: number): number {
  return Math.exp(logGamma(x));
}

/*
 * erf and erfc by W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969, pp. 631-638), as in his
 * CALERF routine: at least 18 significant digits in exact arithmetic, so double precision
 * is the limit (relative error ~1e-16). Three intervals of |x|: [0, 0.46875] for erf,
 * (0.46875, 4] and (4, 26.543) for erfc; erfc underflows to 0 beyond that.
 */
const ERF_SMALL_LIMIT = 0.46875;
const ERFC_MIDDLE_LIMIT = 4;
const ERFC_UNDERFLOW = 26.543;

const SMALL_NUMERATOR = [
  3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315,
] as const;
const SMALL_DENOMINATOR = [
  23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171,
] as const;
const MIDDLE_NUMERATOR = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
] as const;
const MIDDLE_DENOMINATOR = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
] as const;
const LARGE_NUMERATOR = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275,
  0.0006587491615298378, 0.016315387137302097,
] as const;
const LARGE_DENOMINATOR = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132,
  0.0023352049762686918,
] as const;

/**
 * Cody's rational form: the numerator's last coefficient is the leading one and the
 * denominator is monic, so with n = denominator.length:
 * (num[n] t^n + num[0] t^(n-1) + ... + num[n-1]) / (t^n + den[0] t^(n-1) + ... + den[n-1]).
 */
function codyRational(
  numerator: readonly number[],
  denominator: readonly number[],
  t: number,
): number {
  const degree = denominator.length;
  let top = numerator[degree]! * t;
  let bottom = t;
  for (let i = 0; i < degree - 1; i++) {
    top = (top + numerator[i]!) * t;
    bottom = (bottom + denominator[i]!) * t;
  }
  return (top + numerator[degree - 1]!) / (bottom + denominator[degree - 1]!);
}

/** erf(x) for |x| <= 0.46875. */
function erfSmall(x: number): number {
  return x * codyRational(SMALL_NUMERATOR, SMALL_DENOMINATOR, x * x);
}

/**
 * exp(-y^2) without the rounding error of y*y: split y into a multiple of 1/16 (whose
 * square is exact) and the rest.
 */
function expMinusSquare(y: number): number {
  const head = Math.trunc(y * 16) / 16;
  const tail = (y - head) * (y + head);
  return Math.exp(-head * head) * Math.exp(-tail);
}

/** erfc(y) for y > 0.46875. */
function erfcPositive(y: number): number {
  if (y <= ERFC_MIDDLE_LIMIT) {
    return expMinusSquare(y) * codyRational(MIDDLE_NUMERATOR, MIDDLE_DENOMINATOR, y);
  }
  if (y >= ERFC_UNDERFLOW) return 0;
  const inverseSquare = 1 / (y * y);
  const correction =
    inverseSquare * codyRational(LARGE_NUMERATOR, LARGE_DENOMINATOR, inverseSquare);
  return (expMinusSquare(y) * (ONE_OVER_SQRT_PI - correction)) / y;
}

/** The error function, relative error ~1e-16. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_SMALL_LIMIT) return erfSmall(x);
  // (0.5 - e) + 0.5 rather than 1 - e: Cody's ordering, exact for small e.
  const magnitude = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -magnitude : magnitude;
}

/** The complementary error function 1 - erf(x), precise in the far right tail too. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_SMALL_LIMIT) return 1 - erfSmall(x);
  const upper = erfcPositive(y);
  return x < 0 ? 2 - upper : upper;
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Standard normal CDF P(Z <= x), through erfc so both tails keep their relative precision. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT_2);
}

/** The standard normal's 99th percentile: Phi(Z99) = 0.99. */
export const Z99 = 2.3263478740408408;
