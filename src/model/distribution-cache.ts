import { createDistribution } from '../engine/distributions/create.js';
import type { Distribution } from '../engine/distributions/distribution.js';
import type { DistributionSpec } from '../engine/distributions/spec.js';

/** Builds each distinct distribution spec once (specs are compared by identity). */
export class DistributionCache {
  private readonly built = new Map<DistributionSpec, Distribution>();

  get(spec: DistributionSpec): Distribution {
    let distribution = this.built.get(spec);
    if (distribution === undefined) {
      distribution = createDistribution(spec);
      this.built.set(spec, distribution);
    }
    return distribution;
  }
}
