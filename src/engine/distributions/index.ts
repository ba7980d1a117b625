export { createDistribution } from './create.js';
export { describeDistribution } from './describe.js';
export type { Distribution, SpecOf } from './distribution.js';
export type { DistributionKind, DistributionSpec } from './spec.js';
export {
  erf,
  erfc,
  gammaFunction,
  logGamma,
  normalCdf,
  normalPdf,
  Z99,
} from './special-functions.js';
