import { formatNumber } from './cell-format.js';

/**
 * A number in plain decimal notation: the same digits as its shortest round-trip text
 * (formatNumber), with an exponent written out (2e-7 → 0.0000002, 1.5e21 →
 * 1500000000000000000000), so a price per request reads as the price list writes it.
 * Numbers without an exponent are exactly formatNumber's text.
 */
export function plainDecimal(value: number): string {
  const text = formatNumber(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = `${lead}${fraction}`;
  // The decimal point sits after `point` digits of `digits` (negative: zeros before them).
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
