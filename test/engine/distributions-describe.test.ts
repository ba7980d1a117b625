import { describe, expect, it } from 'vitest';
import { describeDistribution } from '../../src/engine/distributions/index.js';
import type { DistributionSpec } from '../../src/engine/distributions/spec.js';

/**
 * A minimal reader of the text syntax, only for this test: if parsing the description back
 * gives the spec again, the description carries its whole shape (kind, every parameter,
 * weights, nesting) and its numbers exactly.
 */
function parse(text: string): DistributionSpec {
  const tokens = text.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|[a-z]\w*|[()[\],=]/gi) ?? [];
  expect(tokens.join('')).toBe(text.replace(/\s/g, ''));
  let position = 0;
  const peek = () => tokens[position];
  const take = (expected?: string): string => {
    const token = tokens[position++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`expected ${expected ?? 'a token'} at ${position - 1} in ${text}`);
    }
    return token;
  };
  const number = () => Number(take());
  /** item (, item)* up to the closing parenthesis. */
  const list = <T>(item: () => T): T[] => {
    const items = [item()];
    while (peek() === ',') {
      take(',');
      items.push(item());
    }
    return items;
  };
  const distribution = (): DistributionSpec => {
    const kind = take();
    take('(');
    let spec: Record<string, unknown>;
    if (kind === 'constant') spec = { kind, value: number() };
    else if (kind === 'empirical') spec = { kind, samples: list(number) };
    else if (kind === 'histogram') {
      spec = {
        kind,
        bins: list(() => {
          const weight = number();
          take('[');
          const min = number();
          take(',');
          const max = number();
          take(']');
          return { min, max, weight };
        }),
      };
    } else if (kind === 'mixture') {
      spec = { kind, components: list(() => ({ weight: number(), distribution: distribution() })) };
    } else {
      spec = { kind };
      const parameter = (): [string, number] => {
        const name = take();
        take('=');
        return [name, number()];
      };
      for (const [name, value] of list(parameter)) spec[name] = value;
    }
    take(')');
    return spec as DistributionSpec;
  };
  const spec = distribution();
  expect(position).toBe(tokens.length);
  return spec;
}

const SPECS: DistributionSpec[] = [
  { kind: 'constant', value: 5 },
  { kind: 'uniform', min: 0.5, max: 1e-7 + 3 },
  { kind: 'exponential', mean: 2 },
  { kind: 'normal', mean: -1, stddev: 0.1 },
  { kind: 'lognormal', median: 4, p99: 30 },
  { kind: 'lognormal', mean: 10, cv: 0.5 },
  { kind: 'gamma', shape: 7.5, mean: 1e-7 },
  { kind: 'weibull', shape: 1.5, scale: 1e21 },
  { kind: 'pareto', shape: 3.5, scale: 1 / 3 },
  { kind: 'empirical', samples: [1, 2.5, 0] },
  {
    kind: 'histogram',
    bins: [
      { min: 0, max: 10, weight: 3 },
      { min: 10, max: 100, weight: 1 },
    ],
  },
  {
    kind: 'mixture',
    components: [
      { weight: 0.95, distribution: { kind: 'exponential', mean: 5 } },
      {
        weight: 0.05,
        distribution: {
          kind: 'mixture',
          components: [
            { weight: 1, distribution: { kind: 'constant', value: 80 } },
            { weight: 2, distribution: { kind: 'lognormal', median: 100, p99: 400 } },
          ],
        },
      },
    ],
  },
];

describe('describeDistribution', () => {
  it('renders the scenario syntax with plain numbers', () => {
    expect(describeDistribution({ kind: 'exponential', mean: 2 })).toBe('exponential(mean=2)');
    expect(describeDistribution({ kind: 'lognormal', median: 4, p99: 30 })).toBe(
      'lognormal(median=4, p99=30)',
    );
    expect(describeDistribution({ kind: 'lognormal', mean: 10, cv: 0.5 })).toBe(
      'lognormal(mean=10, cv=0.5)',
    );
    expect(describeDistribution({ kind: 'constant', value: 5 })).toBe('constant(5)');
    expect(describeDistribution({ kind: 'empirical', samples: [1, 2, 3] })).toBe(
      'empirical(1, 2, 3)',
    );
    expect(
      describeDistribution({
        kind: 'histogram',
        bins: [
          { min: 0, max: 10, weight: 3 },
          { min: 10, max: 100, weight: 1 },
        ],
      }),
    ).toBe('histogram(3 [0, 10], 1 [10, 100])');
    expect(
      describeDistribution({
        kind: 'mixture',
        components: [
          { weight: 0.95, distribution: { kind: 'exponential', mean: 5 } },
          { weight: 0.05, distribution: { kind: 'exponential', mean: 80 } },
        ],
      }),
    ).toBe('mixture(0.95 exponential(mean=5), 0.05 exponential(mean=80))');
  });

  it.each(SPECS.map((spec) => [describeDistribution(spec), spec] as const))(
    'round-trips %s',
    (text, spec) => {
      expect(parse(text)).toEqual(spec);
    },
  );
});
