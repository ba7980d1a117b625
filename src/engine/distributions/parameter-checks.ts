/**
 * Parameter validation with messages that say where, what, what is allowed and what came:
 * `exponential: mean must be a finite number > 0, got -2`.
 */

/** A condition on a finite number, and how to say it in a message. */
export interface Allowed {
  readonly test: (value: number) => boolean;
  /** e.g. "> 0"; empty when any finite number will do. */
  readonly text: string;
}

export const ANY_FINITE: Allowed = { test: () => true, text: '' };
export const POSITIVE: Allowed = { test: (value) => value > 0, text: '> 0' };
export const NON_NEGATIVE: Allowed = { test: (value) => value >= 0, text: '>= 0' };

/** At least another parameter's value, e.g. `>= min (5)`. */
export function atLeast(name: string, bound: number): Allowed {
  return { test: (value) => value >= bound, text: `>= ${name} (${bound})` };
}

/** Strictly above another parameter's value, e.g. `> median (4)`. */
export function above(name: string, bound: number): Allowed {
  return { test: (value) => value > bound, text: `> ${name} (${bound})` };
}

/** Returns `value` if it is a finite number satisfying `allowed`; else throws a RangeError. */
export function requireNumber(
  where: string,
  parameter: string,
  value: unknown,
  allowed: Allowed,
): number {
  if (typeof value === 'number' && Number.isFinite(value) && allowed.test(value)) return value;
  const rule = allowed.text === '' ? '' : ` ${allowed.text}`;
  throw new RangeError(
    `${where}: ${parameter} must be a finite number${rule}, got ${showValue(value)}`,
  );
}

/** Returns `value` if it is a non-empty array; else throws a RangeError. */
export function requireNonEmptyArray(
  where: string,
  parameter: string,
  value: unknown,
): readonly unknown[] {
  if (Array.isArray(value) && value.length > 0) return value;
  throw new RangeError(`${where}: ${parameter} must be a non-empty array, got ${showValue(value)}`);
}

/** Returns `value` if it is a (non-null, non-array) object; else throws a RangeError. */
export function requireObject(
  where: string,
  parameter: string,
  value: unknown,
  shape: string,
): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new RangeError(
    `${where}: ${parameter} must be an object ${shape}, got ${showValue(value)}`,
  );
}

/** A value as a message shows it: numbers plainly (NaN, -2), the rest as JSON if possible. */
export function showValue(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
