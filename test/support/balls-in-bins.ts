/** E[max bin] for `balls` thrown uniformly into 3 bins, exactly (multinomial sum). */
export function expectedMaxOfThreeBins(balls: number): number {
  let expected = 0;
  for (let a = 0; a <= balls; a++)
    for (let b = 0; a + b <= balls; b++) {
      const c = balls - a - b;
      const ways = binomial(balls, a) * binomial(balls - a, b);
      expected += (ways / 3 ** balls) * Math.max(a, b, c);
    }
  return expected;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}
