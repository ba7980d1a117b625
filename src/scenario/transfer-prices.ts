import type { Provider } from './managed-kubernetes.js';

/**
 * What a cloud bills for bytes that cross from one availability zone to another in the same
 * region, in USD per GB (10^9 bytes): `out` on the sending side, `in` on the receiving side,
 * so one byte that crosses costs out + in. Defaults by provider, cited in docs/nodes.md:
 *
 * - eks (AWS): 0.01 USD/GB in each direction (EC2 on-demand pricing, "Data Transfer within
 *   the same AWS Region"; confirmed by measurement, duckbillgroup.com, "AWS cross-AZ data
 *   transfer costs more than AWS says").
 * - gke (Google Cloud): 0.01 USD per GiB of egress between zones of a region, ingress free
 *   (cloud.google.com/vpc/pricing): 0.01 × 10^9 / 2^30 USD per GB out, 0 in.
 * - aks (Azure): 0; Microsoft dropped its announced inter-zone charge in May 2024.
 * - none: 0, nothing billed unless the scenario says so.
 *
 * Worked example: 50 GB crossing zones on EKS cost 50 × (0.01 + 0.01) = 1.00 USD.
 */
export interface TransferPrices {
  out: number;
  in: number;
}

const GIB_PER_GB = 1e9 / 2 ** 30;

export function crossZonePrices(provider: Provider): TransferPrices {
  switch (provider) {
    case 'eks':
      return { out: 0.01, in: 0.01 };
    case 'gke':
      return { out: 0.01 * GIB_PER_GB, in: 0 };
    case 'aks':
    case 'none':
      return { out: 0, in: 0 };
  }
}
