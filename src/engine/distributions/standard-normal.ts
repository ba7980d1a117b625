const TWO_PI = 2 * Math.PI;

/**
 * One standard normal deviate by Box-Muller, from exactly two uniforms. The transform
 * yields a second, independent deviate (the sine) that is deliberately thrown away:
 * keeping it for the next call would make a draw depend on an earlier draw, possibly from
 * another stream, and break determinism. 1 - u keeps the logarithm finite when u is 0.
 * With 32-bit uniforms |z| <= sqrt(2 ln 2^32) ~ 6.66: the tail beyond has mass ~3e-11.
 */
export function standardNormal(next: () => number): number {
  const radius = Math.sqrt(-2 * Math.log(1 - next()));
  return radius * Math.cos(TWO_PI * next());
}
