import type { DistributionSpec } from '../engine/distributions/spec.js';
import { closestMatch, suggestFor, suggestionText } from './suggest.js';
import { parseDuration, parseSize, UnitError } from './units.js';

/**
 * The text syntax for distributions of durations, as a scenario writes them:
 *   5ms                                        a constant
 *   exponential(mean=2ms)
 *   lognormal(median=4ms, p99=30ms)            or lognormal(mean=4ms, cv=1.5)
 *   normal(mean=10ms, stddev=2ms)              truncated at 0
 *   uniform(min=1ms, max=3ms)
 *   gamma(shape=2, mean=4ms)                   erlang(k=3, mean=4ms) is gamma with integer shape
 *   weibull(shape=1.5, scale=2ms)
 *   pareto(shape=2.5, scale=1ms)
 *   empirical(1ms, 2ms, 8ms)                   one of the samples, uniformly
 *   mixture(0.95 exponential(mean=5ms), 0.05 exponential(mean=80ms))
 * Durations need a unit; shape, k and cv are plain numbers. The grammar is small enough that
 * a hand-written recursive-descent parser is clearer than a parser library.
 */

type Params = Map<string, string>;

/**
 * What the distribution's values are: durations (the default; `5ms`) or sizes in bytes
 * (`10Ki`, `1.5k`, as Kubernetes writes memory), with an example for messages.
 */
export interface Quantity {
  parse(text: string): number;
  example: string;
}

export const DURATION_QUANTITY: Quantity = { parse: parseDuration, example: '5ms' };
export const BYTES_QUANTITY: Quantity = { parse: parseSize, example: '10Ki' };

/** Reads a distribution's values in its quantity, naming the parameter in errors. */
interface Reader {
  named(params: Params, key: string): number;
  value(text: string, key: string): number;
}

interface Builder {
  required: readonly string[][];
  build(params: Params, position: readonly string[], read: Reader): DistributionSpec;
}

const UNITLESS = new Set(['shape', 'k', 'cv']);

const BUILDERS: Record<string, Builder> = {
  constant: {
    required: [[]],
    build: (_p, positional, read) => ({
      kind: 'constant',
      value: read.value(only(positional, 'constant'), 'value'),
    }),
  },
  exponential: {
    required: [['mean']],
    build: (p, _, read) => ({ kind: 'exponential', mean: read.named(p, 'mean') }),
  },
  uniform: {
    required: [['min', 'max']],
    build: (p, _, read) => ({
      kind: 'uniform',
      min: read.named(p, 'min'),
      max: read.named(p, 'max'),
    }),
  },
  normal: {
    required: [['mean', 'stddev']],
    build: (p, _, read) => ({
      kind: 'normal',
      mean: read.named(p, 'mean'),
      stddev: read.named(p, 'stddev'),
    }),
  },
  lognormal: {
    required: [
      ['median', 'p99'],
      ['mean', 'cv'],
    ],
    build: (p, _, read) =>
      p.has('median')
        ? { kind: 'lognormal', median: read.named(p, 'median'), p99: read.named(p, 'p99') }
        : { kind: 'lognormal', mean: read.named(p, 'mean'), cv: plain(p, 'cv') },
  },
  gamma: {
    required: [['shape', 'mean']],
    build: (p, _, read) => ({
      kind: 'gamma',
      shape: plain(p, 'shape'),
      mean: read.named(p, 'mean'),
    }),
  },
  erlang: {
    required: [['k', 'mean']],
    build: (p, _, read) => {
      const k = plain(p, 'k');
      if (!Number.isInteger(k) || k < 1)
        throw new UnitError(`erlang: k must be a whole number >= 1, got ${k}`);
      return { kind: 'gamma', shape: k, mean: read.named(p, 'mean') };
    },
  },
  weibull: {
    required: [['shape', 'scale']],
    build: (p, _, read) => ({
      kind: 'weibull',
      shape: plain(p, 'shape'),
      scale: read.named(p, 'scale'),
    }),
  },
  pareto: {
    required: [['shape', 'scale']],
    build: (p, _, read) => ({
      kind: 'pareto',
      shape: plain(p, 'shape'),
      scale: read.named(p, 'scale'),
    }),
  },
  empirical: {
    required: [[]],
    build: (_p, positional, read) => {
      if (positional.length === 0)
        throw new UnitError('empirical: give at least one sample, like empirical(1ms, 2ms)');
      return { kind: 'empirical', samples: positional.map((s) => read.value(s, 'sample')) };
    },
  },
};

export const DISTRIBUTION_NAMES = [...Object.keys(BUILDERS), 'mixture'];

/**
 * Parses the text syntax; throws UnitError with a message that shows what is allowed.
 * `quantity` says what the values are: durations unless told otherwise.
 */
export function parseDistributionText(
  input: string,
  quantity: Quantity = DURATION_QUANTITY,
): DistributionSpec {
  const parser = new Parser(input, quantity);
  const spec = parser.distribution();
  parser.expectEnd();
  return spec;
}

class Parser {
  private at = 0;
  private readonly read: Reader;
  constructor(
    private readonly text: string,
    private readonly quantity: Quantity,
  ) {
    this.read = {
      named: (params, key) => readQuantity(params.get(key)!, key, quantity),
      value: (text, key) => readQuantity(text, key, quantity),
    };
  }

  distribution(): DistributionSpec {
    this.skipSpace();
    const name = this.match(/[a-zA-Z]+(?=\s*\()/y);
    if (name === undefined)
      return { kind: 'constant', value: this.read.value(this.atom(), 'value') };
    this.expect('(');
    if (name === 'mixture') return this.mixture();
    const builder = BUILDERS[name];
    if (builder === undefined) {
      throw new UnitError(`unknown distribution "${name}"${suggestFor(name, DISTRIBUTION_NAMES)}`);
    }
    const { named, positional } = this.arguments();
    this.expect(')');
    checkParameters(name, builder, named, positional, this.quantity);
    return builder.build(named, positional, this.read);
  }

  private mixture(): DistributionSpec {
    const components: { weight: number; distribution: DistributionSpec }[] = [];
    do {
      this.skipSpace();
      const weightText = this.match(/(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?/y);
      if (weightText === undefined)
        throw this.error('a weight (like 0.95 or 95%) before each mixture component');
      const weight = weightText.endsWith('%')
        ? Number.parseFloat(weightText) / 100
        : Number.parseFloat(weightText);
      components.push({ weight, distribution: this.distribution() });
      this.skipSpace();
    } while (this.take(','));
    this.expect(')');
    return { kind: 'mixture', components };
  }

  private arguments(): { named: Params; positional: string[] } {
    const named: Params = new Map();
    const positional: string[] = [];
    this.skipSpace();
    if (this.peek() === ')') return { named, positional };
    do {
      this.skipSpace();
      const key = this.match(/[a-zA-Z][a-zA-Z0-9]*(?=\s*=)/y);
      if (key !== undefined) {
        this.skipSpace();
        this.expect('=');
        if (named.has(key)) throw new UnitError(`parameter "${key}" is given twice`);
        named.set(key, this.atom());
      } else {
        positional.push(this.atom());
      }
      this.skipSpace();
    } while (this.take(','));
    return { named, positional };
  }

  private atom(): string {
    this.skipSpace();
    const value = this.match(/[^\s,()=]+/y);
    if (value === undefined) throw this.error('a value');
    return value;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.at < this.text.length) throw this.error('the end of the distribution');
  }

  private expect(char: string): void {
    this.skipSpace();
    if (!this.take(char)) throw this.error(`"${char}"`);
  }

  private take(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (found === null) return undefined;
    this.at += found[0].length;
    return found[0];
  }

  private error(expected: string): UnitError {
    const rest = this.text.slice(this.at);
    const where = rest.length > 0 ? `at "${rest}"` : 'at the end';
    return new UnitError(`expected ${expected} ${where} in distribution "${this.text}"`);
  }
}

function checkParameters(
  name: string,
  builder: Builder,
  named: Params,
  positional: readonly string[],
  quantity: Quantity,
): void {
  const keys = [...named.keys()];
  const takesPositional = builder.required.length === 1 && builder.required[0]!.length === 0;
  if (takesPositional) {
    if (keys.length > 0)
      throw new UnitError(`${name}: takes plain values, not named parameters (${keys.join(', ')})`);
    return;
  }
  if (positional.length > 0)
    throw new UnitError(
      `${name}: parameters must be named, like ${usage(name, builder, quantity)}`,
    );
  const known = new Set(builder.required.flat());
  const unknown = keys.find((k) => !known.has(k));
  if (unknown !== undefined) {
    throw new UnitError(
      `${name}: unknown parameter "${unknown}"${suggestionText(closestMatch(unknown, known), [])}; expected ${usage(name, builder, quantity)}`,
    );
  }
  const fits = builder.required.some(
    (set) => set.length === keys.length && set.every((k) => named.has(k)),
  );
  if (!fits)
    throw new UnitError(
      `${name}: expected ${usage(name, builder, quantity)}; got ${name}(${keys.join(', ')})`,
    );
}

function usage(name: string, builder: Builder, quantity: Quantity): string {
  const example = (key: string) => (UNITLESS.has(key) ? '2' : quantity.example);
  return builder.required
    .map((set) => `${name}(${set.map((k) => `${k}=${example(k)}`).join(', ')})`)
    .join(' or ');
}

function only(positional: readonly string[], name: string): string {
  if (positional.length !== 1)
    throw new UnitError(`${name}: expected one value, like ${name}(5ms)`);
  return positional[0]!;
}

function readQuantity(text: string, key: string, quantity: Quantity): number {
  try {
    return quantity.parse(text);
  } catch (error) {
    throw new UnitError(`${key}: ${(error as Error).message}`);
  }
}

function plain(params: Params, key: string): number {
  const text = params.get(key)!;
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new UnitError(`${key}: expected a plain number, got "${text}"`);
  return value;
}
