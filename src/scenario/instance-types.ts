/**
 * Node sizes and on-demand prices (USD per hour, Linux, us-east-1) of common instance
 * types, so a scenario can say `instanceType: m5.large`. A pool may override any of the
 * three numbers. Prices are list prices as published by AWS; check them before trusting a
 * cost figure for a real decision.
 */
export interface InstanceType {
  cpu: number;
  memoryBytes: number;
  pricePerHourUsd: number;
}

const GiB = 2 ** 30;

export const INSTANCE_TYPES: Readonly<Record<string, InstanceType>> = {
  't3.medium': { cpu: 2, memoryBytes: 4 * GiB, pricePerHourUsd: 0.0416 },
  't3.large': { cpu: 2, memoryBytes: 8 * GiB, pricePerHourUsd: 0.0832 },
  'm5.large': { cpu: 2, memoryBytes: 8 * GiB, pricePerHourUsd: 0.096 },
  'm5.xlarge': { cpu: 4, memoryBytes: 16 * GiB, pricePerHourUsd: 0.192 },
  'm5.2xlarge': { cpu: 8, memoryBytes: 32 * GiB, pricePerHourUsd: 0.384 },
  'm5.4xlarge': { cpu: 16, memoryBytes: 64 * GiB, pricePerHourUsd: 0.768 },
  'm6g.large': { cpu: 2, memoryBytes: 8 * GiB, pricePerHourUsd: 0.077 },
  'm6g.xlarge': { cpu: 4, memoryBytes: 16 * GiB, pricePerHourUsd: 0.154 },
  'c5.large': { cpu: 2, memoryBytes: 4 * GiB, pricePerHourUsd: 0.085 },
  'c5.xlarge': { cpu: 4, memoryBytes: 8 * GiB, pricePerHourUsd: 0.17 },
  'c5.2xlarge': { cpu: 8, memoryBytes: 16 * GiB, pricePerHourUsd: 0.34 },
  'r5.large': { cpu: 2, memoryBytes: 16 * GiB, pricePerHourUsd: 0.126 },
  'r5.xlarge': { cpu: 4, memoryBytes: 32 * GiB, pricePerHourUsd: 0.252 },
};
