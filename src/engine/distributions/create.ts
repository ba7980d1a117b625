import { ConstantDistribution } from './constant.js';
import type { Distribution, SpecOf } from './distribution.js';
import { EmpiricalDistribution } from './empirical.js';
import { ExponentialDistribution } from './exponential.js';
import { GammaDistribution } from './gamma.js';
import { HistogramDistribution } from './histogram.js';
import { LognormalDistribution } from './lognormal.js';
import { MixtureDistribution } from './mixture.js';
import { MIN_NORMAL_ACCEPTANCE, normalAcceptance, TruncatedNormalDistribution } from './normal.js';
import {
  ANY_FINITE,
  above,
  atLeast,
  NON_NEGATIVE,
  POSITIVE,
  requireNonEmptyArray,
  requireNumber,
  requireObject,
  showValue,
} from './parameter-checks.js';
import { ParetoDistribution } from './pareto.js';
import { DISTRIBUTION_KINDS, type DistributionKind, type DistributionSpec } from './spec.js';
import { UniformDistribution } from './uniform.js';
import { WeibullDistribution } from './weibull.js';

/**
 * Builds the sampler for a spec after checking every parameter. Invalid parameters throw a
 * RangeError naming the distribution, the parameter, what is allowed and what was given,
 * e.g. `exponential: mean must be a finite number > 0, got -2`. Inside a mixture the
 * message is prefixed with the component's path: `mixture: components[1].distribution: ...`.
 *
 * All distributions have support in [0, Infinity), so location parameters (constant value,
 * uniform min, samples, bin bounds) must be >= 0.
 */
export function createDistribution(spec: DistributionSpec): Distribution {
  return build(spec, '');
}

/** `context` prefixes messages of nested specs, e.g. `mixture: components[0].distribution: `. */
function build(spec: DistributionSpec, context: string): Distribution {
  const kind: unknown = (spec as { kind?: unknown } | null)?.kind;
  if (!DISTRIBUTION_KINDS.includes(kind as DistributionKind)) {
    throw new RangeError(
      `${context}distribution: kind must be one of ${DISTRIBUTION_KINDS.join(', ')}, got ${showValue(kind)}`,
    );
  }
  const where = `${context}${spec.kind}`;
  switch (spec.kind) {
    case 'constant':
      requireNumber(where, 'value', spec.value, NON_NEGATIVE);
      return new ConstantDistribution(spec);
    case 'uniform':
      checkUniform(where, spec);
      return new UniformDistribution(spec);
    case 'exponential':
      requireNumber(where, 'mean', spec.mean, POSITIVE);
      return new ExponentialDistribution(spec);
    case 'normal':
      checkNormal(where, spec);
      return new TruncatedNormalDistribution(spec);
    case 'lognormal':
      checkLognormal(where, spec);
      return new LognormalDistribution(spec);
    case 'gamma':
      requireNumber(where, 'shape', spec.shape, POSITIVE);
      requireNumber(where, 'mean', spec.mean, POSITIVE);
      return new GammaDistribution(spec);
    case 'weibull':
      checkShapeAndScale(where, spec);
      return new WeibullDistribution(spec);
    case 'pareto':
      checkShapeAndScale(where, spec);
      return new ParetoDistribution(spec);
    case 'empirical':
      checkEmpirical(where, spec);
      return new EmpiricalDistribution(spec);
    case 'histogram':
      checkHistogram(where, spec);
      return new HistogramDistribution(spec);
    case 'mixture':
      return buildMixture(where, spec);
  }
}

function checkUniform(where: string, spec: SpecOf<'uniform'>): void {
  const min = requireNumber(where, 'min', spec.min, NON_NEGATIVE);
  requireNumber(where, 'max', spec.max, atLeast('min', min));
}

function checkNormal(where: string, spec: SpecOf<'normal'>): void {
  const mean = requireNumber(where, 'mean', spec.mean, ANY_FINITE);
  const stddev = requireNumber(where, 'stddev', spec.stddev, POSITIVE);
  // Truncation at 0 is by resampling: 1 / acceptance tries per draw on average.
  const acceptance = normalAcceptance(mean, stddev);
  if (acceptance < MIN_NORMAL_ACCEPTANCE) {
    throw new RangeError(
      `${where}: P(X >= 0) must be >= ${MIN_NORMAL_ACCEPTANCE.toExponential()} (draws below 0 are resampled), ` +
        `got ${acceptance.toPrecision(2)} for mean=${mean}, stddev=${stddev}; raise the mean or the stddev`,
    );
  }
}

function checkLognormal(where: string, spec: SpecOf<'lognormal'>): void {
  const byQuantiles = 'median' in spec;
  const byMoments = 'mean' in spec;
  if (byQuantiles === byMoments) {
    throw new RangeError(`${where}: give either median and p99, or mean and cv (not both)`);
  }
  if ('median' in spec) {
    const median = requireNumber(where, 'median', spec.median, POSITIVE);
    requireNumber(where, 'p99', spec.p99, above('median', median));
  } else {
    requireNumber(where, 'mean', spec.mean, POSITIVE);
    requireNumber(where, 'cv', spec.cv, POSITIVE);
  }
}

function checkShapeAndScale(where: string, spec: { shape: number; scale: number }): void {
  requireNumber(where, 'shape', spec.shape, POSITIVE);
  requireNumber(where, 'scale', spec.scale, POSITIVE);
}

function checkEmpirical(where: string, spec: SpecOf<'empirical'>): void {
  const samples = requireNonEmptyArray(where, 'samples', spec.samples);
  samples.forEach((sample, i) => {
    requireNumber(where, `samples[${i}]`, sample, NON_NEGATIVE);
  });
}

function checkHistogram(where: string, spec: SpecOf<'histogram'>): void {
  const bins = requireNonEmptyArray(where, 'bins', spec.bins);
  let totalWeight = 0;
  bins.forEach((value, i) => {
    const bin = requireObject(where, `bins[${i}]`, value, '{ min, max, weight }');
    const min = requireNumber(where, `bins[${i}].min`, bin.min, NON_NEGATIVE);
    requireNumber(where, `bins[${i}].max`, bin.max, atLeast('min', min));
    totalWeight += requireNumber(where, `bins[${i}].weight`, bin.weight, NON_NEGATIVE);
  });
  requireNumber(where, 'total bin weight', totalWeight, POSITIVE);
}

function buildMixture(where: string, spec: SpecOf<'mixture'>): Distribution {
  const components = requireNonEmptyArray(where, 'components', spec.components);
  let totalWeight = 0;
  const parts = components.map((value, i) => {
    const component = requireObject(where, `components[${i}]`, value, '{ weight, distribution }');
    totalWeight += requireNumber(where, `components[${i}].weight`, component.weight, NON_NEGATIVE);
    const nested = `${where}: components[${i}].distribution: `;
    return build(component.distribution as DistributionSpec, nested);
  });
  requireNumber(where, 'total component weight', totalWeight, POSITIVE);
  return new MixtureDistribution(spec, parts);
}
