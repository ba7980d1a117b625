/**
 * Counts and sizes as estimates and limits are written in messages: exact whole numbers up
 * to a million (36,000 pods), then two significant digits (1.8e23 requests), bytes in
 * decimal units (96 KB, 2.3 GB).
 */

/** Infinity is written as what it means: more than any number a message could show. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return 'more than 1e308';
  if (value < 1e6) {
    // Exact counts (pods, services) stay exact; expectations get two significant digits.
    return groupThousands(Number.isInteger(value) ? value : Number(value.toPrecision(2)));
  }
  return exponent(value);
}

/** 7.2e23, and 1e9 rather than 1.0e9. */
function exponent(value: number): string {
  return value.toPrecision(2).replace('e+', 'e').replace('.0e', 'e');
}

/** An estimate, which is never exact: two significant digits (1,785 → 1,800; 7.2e23). */
export function formatEstimate(value: number): string {
  if (!Number.isFinite(value) || value >= 1e6) return formatCount(value);
  return groupThousands(Number(value.toPrecision(2)));
}

function groupThousands(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const BYTE_UNITS = [
  ['TB', 1e12],
  ['GB', 1e9],
  ['MB', 1e6],
  ['KB', 1e3],
] as const;

/** Bytes in decimal units with two significant digits: 96 KB, 2.3 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'more than 1e308 bytes';
  for (const [unit, size] of BYTE_UNITS) {
    if (bytes >= size) return `${trimNumber(bytes / size)} ${unit}`;
  }
  return `${Math.round(bytes)} bytes`;
}

function trimNumber(value: number): string {
  return value >= 1e6 ? exponent(value) : String(Number(value.toPrecision(2)));
}
