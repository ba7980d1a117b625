/**
 * Human units, read the way Kubernetes and Istio read them. Every parser returns the value
 * in the engine's unit (ms, cores, bytes, per second, fraction) or throws a UnitError whose
 * message says what is allowed; the schema turns that into a located validation issue.
 */

export class UnitError extends Error {
  override name = 'UnitError';
}

const DURATION_UNITS_MS: Record<string, number> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
/** One part of a duration, at a position: a number and the letters after it (its unit). */
const DURATION_PART = new RegExp(`(${NUMBER})([a-zµ]*)`, 'y');

/** A non-negative decimal as YAML writes numbers, scientific notation included: 1e-9, 2.5E3. */
const DECIMAL = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const CPU_PATTERN = new RegExp(`^(${DECIMAL})(m?)$`);
const MEMORY_PATTERN = new RegExp(`^(${DECIMAL})(Ki|Mi|Gi|Ti|k|M|G|T)?$`);
const RATE_PATTERN = new RegExp(`^(${DECIMAL})\\s*\\/\\s*(ms|s|m|h|d)$`);
const PLAIN_PATTERN = new RegExp(`^${DECIMAL}$`);
const PERCENT_PATTERN = new RegExp(`^(${DECIMAL})\\s*%$`);

const DURATION_ERROR =
  'expected a duration with a unit (us, ms, s, m, h, d), like 250ms, 2s, 5m or 1m30s';

/**
 * `250ms`, `2s`, `1.5m`, `1h` → milliseconds; also several parts as Go's
 * time.ParseDuration (and so Kubernetes) reads them, summed: `1m30s` is 90 000 ms,
 * `1h10m10s` 4 210 000 ms. As in Go, any order and a unit twice are accepted (`30s1m` is
 * 90 000 ms): text Go or kubectl wrote is read as they read it. A bare 0 is allowed; other
 * bare numbers are not. A single part is computed as it always was (the number times its
 * unit), so every duration that was valid has the same value to the last bit.
 */
export function parseDuration(input: unknown): number {
  if (input === 0 || input === '0') return 0;
  const text = typeof input === 'string' ? input.trim() : undefined;
  const parts = text === undefined ? { mistake: undefined } : durationParts(text);
  if (!('ms' in parts)) {
    const why = parts.mistake === undefined ? '' : ` (${parts.mistake})`;
    throw new UnitError(`${DURATION_ERROR}; got ${show(input)}${why}`);
  }
  return parts.ms;
}

/**
 * The parts of `text` summed in ms, or what is wrong with it when it can be said of one
 * part: "1m30" → "30 has no unit", "1x" → "x is not a unit".
 */
function durationParts(text: string): { ms: number } | { mistake: string | undefined } {
  let ms = 0;
  let at = 0;
  do {
    DURATION_PART.lastIndex = at;
    const part = DURATION_PART.exec(text);
    if (part === null) {
      const rest = JSON.stringify(text.slice(at));
      return {
        mistake:
          at === 0 ? undefined : `${rest} after ${text.slice(0, at)} is not a number with a unit`,
      };
    }
    const [whole, number, unit] = part as unknown as [string, string, string];
    if (!Object.hasOwn(DURATION_UNITS_MS, unit)) {
      if (unit !== '') return { mistake: `${unit} is not a unit` };
      return { mistake: at + whole.length === text.length ? `${number} has no unit` : undefined };
    }
    ms += Number.parseFloat(number) * DURATION_UNITS_MS[unit]!;
    at += whole.length;
  } while (at < text.length);
  return { ms };
}

/** CPU as Kubernetes writes it: `500m` (millicores), `2`, `0.5` → cores. */
export function parseCpu(input: unknown): number {
  if (typeof input === 'number' && Number.isFinite(input) && input >= 0) return input;
  if (typeof input === 'string') {
    const match = CPU_PATTERN.exec(input.trim());
    const cores = match ? Number.parseFloat(match[1]!) / (match[2] === 'm' ? 1000 : 1) : Number.NaN;
    if (Number.isFinite(cores)) return cores;
  }
  throw new UnitError(`expected a CPU quantity like 500m, 0.5 or 2 (cores); got ${show(input)}`);
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Memory as Kubernetes writes it: `256Mi`, `1Gi`, `512M`, or bytes → bytes. */
export function parseMemory(input: unknown): number {
  if (typeof input === 'number' && Number.isFinite(input) && input >= 0) return input;
  if (typeof input === 'string') {
    const match = MEMORY_PATTERN.exec(input.trim());
    const bytes = match ? Number.parseFloat(match[1]!) * MEMORY_UNITS[match[2] ?? '']! : Number.NaN;
    if (Number.isFinite(bytes)) return bytes;
  }
  throw new UnitError(`expected a memory quantity like 256Mi, 1Gi or 512M; got ${show(input)}`);
}

const RATE_UNITS_PER_S: Record<string, number> = {
  ms: 1000,
  s: 1,
  m: 1 / 60,
  h: 1 / 3600,
  d: 1 / 86_400,
};

/** `300/s`, `2/h`, `18000/m`, or a plain number (per second) → events per second. */
export function parseRate(input: unknown): number {
  if (typeof input === 'number' && Number.isFinite(input) && input >= 0) return input;
  if (typeof input === 'string') {
    const match = RATE_PATTERN.exec(input.trim());
    const perSecond = match
      ? Number.parseFloat(match[1]!) * RATE_UNITS_PER_S[match[2]!]!
      : PLAIN_PATTERN.test(input.trim())
        ? Number.parseFloat(input)
        : Number.NaN;
    if (Number.isFinite(perSecond)) return perSecond;
  }
  throw new UnitError(
    `expected a rate like 300/s, 2/h or 18000/m (a plain number means per second); got ${show(input)}`,
  );
}

/** `70%` or a fraction like 0.7 → a fraction in [0, 1]. */
export function parseFraction(input: unknown): number {
  let value: number | undefined;
  if (typeof input === 'number') value = input;
  else if (typeof input === 'string') {
    const match = PERCENT_PATTERN.exec(input.trim());
    if (match) value = Number.parseFloat(match[1]!) / 100;
    else if (PLAIN_PATTERN.test(input.trim())) value = Number.parseFloat(input);
  }
  if (value === undefined || !(value >= 0 && value <= 1)) {
    // Istio writes weights and percentages as plain numbers out of 100: say how to write one.
    const percentHint =
      Number.isInteger(input) && (input as number) > 1 && (input as number) <= 100
        ? `; for ${input} percent write ${input}%`
        : '';
    throw new UnitError(
      `expected a probability between 0 and 1, or a percentage like 2.5%; got ${show(input)}${percentHint}`,
    );
  }
  return value;
}

/** A percent as Envoy and Istio write one, out of 100 (10), or with its sign (10%). */
export function parsePercent(input: unknown): number {
  let value: number | undefined;
  if (typeof input === 'number') value = input;
  else if (typeof input === 'string') {
    const match = PERCENT_PATTERN.exec(input.trim());
    if (match) value = Number.parseFloat(match[1]!);
    else if (PLAIN_PATTERN.test(input.trim())) value = Number.parseFloat(input);
  }
  if (value === undefined || !(value >= 0 && value <= 100)) {
    throw new UnitError(`expected a percent from 0 to 100, like 10 or 10%; got ${show(input)}`);
  }
  return value;
}

/** Renders milliseconds back in the largest unit that keeps it exact, for printing. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  for (const [unit, factor] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % factor === 0) return `${ms / factor}${unit}`;
  }
  return `${ms}ms`;
}

/** A value as a message quotes it: strings quoted, lists and mappings named, not dumped. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return String(value);
}

/** A size in bytes, written as Kubernetes writes memory: `1.5k`, `10Ki`, `2Mi`, or bytes. */
export function parseSize(input: unknown): number {
  try {
    return parseMemory(input);
  } catch {
    throw new UnitError(
      `expected a size in bytes like 1500, 1.5k, 10Ki or 2Mi (k = 1000, Ki = 1024); got ${show(input)}`,
    );
  }
}
