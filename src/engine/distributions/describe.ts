import type { DistributionSpec } from './spec.js';

/**
 * Renders a spec in the scenario text syntax, with plain numbers (distributions are
 * unit-free): `exponential(mean=2)`, `lognormal(median=4, p99=30)`, `constant(5)`,
 * `empirical(1, 2, 3)`, `histogram(3 [0, 10], 1 [10, 100])` (weight, then [min, max]),
 * `mixture(0.95 exponential(mean=5), 0.05 exponential(mean=80))`.
 * Numbers print as JavaScript's shortest round-tripping form, so parsing the text back
 * gives the same spec. Weights print as given, not normalised.
 */
export function describeDistribution(spec: DistributionSpec): string {
  switch (spec.kind) {
    case 'constant':
      return `constant(${spec.value})`;
    case 'uniform':
      return named('uniform', { min: spec.min, max: spec.max });
    case 'exponential':
      return named('exponential', { mean: spec.mean });
    case 'normal':
      return named('normal', { mean: spec.mean, stddev: spec.stddev });
    case 'lognormal':
      return 'median' in spec
        ? named('lognormal', { median: spec.median, p99: spec.p99 })
        : named('lognormal', { mean: spec.mean, cv: spec.cv });
    case 'gamma':
      return named('gamma', { shape: spec.shape, mean: spec.mean });
    case 'weibull':
      return named('weibull', { shape: spec.shape, scale: spec.scale });
    case 'pareto':
      return named('pareto', { shape: spec.shape, scale: spec.scale });
    case 'empirical':
      return `empirical(${spec.samples.join(', ')})`;
    case 'histogram':
      return `histogram(${spec.bins.map((bin) => `${bin.weight} [${bin.min}, ${bin.max}]`).join(', ')})`;
    case 'mixture':
      return `mixture(${spec.components
        .map((component) => `${component.weight} ${describeDistribution(component.distribution)}`)
        .join(', ')})`;
  }
}

/** `kind(a=1, b=2)`, parameters in the order given. */
function named(kind: string, parameters: Record<string, number>): string {
  const list = Object.entries(parameters).map(([name, value]) => `${name}=${value}`);
  return `${kind}(${list.join(', ')})`;
}
