/**
 * Money without floating-point drift. Quantities are whole numbers in their natural unit
 * (requests, MB-ms, MB), prices whole pico-dollars (10^-12 USD: every published Lambda
 * price has at most 10 decimals), and a line's charge is their product divided once, in
 * BigInt, then rounded half up to a micro-dollar. Lines add as integers; only the total is
 * turned into a float, once. A billion invocations of 1 ms sum to the same micro-dollars as
 * one invocation of a billion ms.
 */

const PICO_PER_USD = 1_000_000_000_000;
const PICO_PER_MICRO = 1_000_000n;

/** A price in whole pico-dollars: 0.0000166667 USD is 16,666,700. */
export function picoUsd(usd: number): bigint {
  return BigInt(Math.round(usd * PICO_PER_USD));
}

/**
 * quantity × price / perUnits, in micro-dollars rounded half up (a negative quantity, a
 * free-tier credit, rounds half down, so a charge and its credit cancel exactly).
 * Worked example: 540,000 GB-s is 552,960,000,000 MB-ms; at 0.0000166667 USD per GB-s
 * (16,666,700 pico) over 1,024,000 MB-ms per GB-s that is 9,000,018 micro-dollars: 9.000018 USD.
 */
export function chargeMicroUsd(quantity: bigint, priceUsd: number, perUnits: bigint): bigint {
  const pico = quantity * picoUsd(priceUsd);
  const divisor = perUnits * PICO_PER_MICRO;
  const sign = pico < 0n ? -1n : 1n;
  const magnitude = pico * sign;
  return sign * ((magnitude + divisor / 2n) / divisor);
}

/** Micro-dollars as dollars (the one conversion to a float). */
export function usdOf(microUsd: bigint): number {
  return Number(microUsd) / 1_000_000;
}

/**
 * The price of one request from a price per million, as the closest float to its exact
 * decimal: 0.20 USD per million is 0.0000002 per request, where 0.2 / 1e6 would carry a
 * float's error into the output (2.0000000000000002e-7).
 */
export function perRequestUsd(perMillionUsd: number): number {
  return Number(`${picoUsd(perMillionUsd)}e-18`);
}
