/**
 * Node sizes and on-demand prices (USD per hour, Linux, us-east-1) of common instance
 * types, so a scenario can say `instanceType: m5.large`. A pool may override any of the
 * three numbers. Prices are list prices as published by AWS; check them before trusting a
 * cost figure for a real decision.
 *
 * `enis` and `ipv4PerEni` are the instance's default network interfaces and IPv4 addresses
 * per interface, as the EKS AMI's nodeadm embeds them
 * (awslabs/amazon-eks-ami, nodeadm/internal/kubelet/instance-info.jsonl): EKS derives a
 * node's maximum pods from them (see managed-kubernetes.ts).
 */
export interface InstanceType {
  cpu: number;
  memoryBytes: number;
  pricePerHourUsd: number;
  enis: number;
  ipv4PerEni: number;
}

const GiB = 2 ** 30;

export const INSTANCE_TYPES: Readonly<Record<string, InstanceType>> = {
  't3.medium': { cpu: 2, memoryBytes: 4 * GiB, pricePerHourUsd: 0.0416, enis: 3, ipv4PerEni: 6 },
  't3.large': { cpu: 2, memoryBytes: 8 * GiB, pricePerHourUsd: 0.0832, enis: 3, ipv4PerEni: 12 },
  'm5.large': { cpu: 2, memoryBytes: 8 * GiB, pricePerHourUsd: 0.096, enis: 3, ipv4PerEni: 10 },
  'm5.xlarge': { cpu: 4, memoryBytes: 16 * GiB, pricePerHourUsd: 0.192, enis: 4, ipv4PerEni: 15 },
  'm5.2xlarge': { cpu: 8, memoryBytes: 32 * GiB, pricePerHourUsd: 0.384, enis: 4, ipv4PerEni: 15 },
  'm5.4xlarge': { cpu: 16, memoryBytes: 64 * GiB, pricePerHourUsd: 0.768, enis: 8, ipv4PerEni: 30 },
  'm6g.large': { cpu: 2, memoryBytes: 8 * GiB, pricePerHourUsd: 0.077, enis: 3, ipv4PerEni: 10 },
  'm6g.xlarge': { cpu: 4, memoryBytes: 16 * GiB, pricePerHourUsd: 0.154, enis: 4, ipv4PerEni: 15 },
  'c5.large': { cpu: 2, memoryBytes: 4 * GiB, pricePerHourUsd: 0.085, enis: 3, ipv4PerEni: 10 },
  'c5.xlarge': { cpu: 4, memoryBytes: 8 * GiB, pricePerHourUsd: 0.17, enis: 4, ipv4PerEni: 15 },
  'c5.2xlarge': { cpu: 8, memoryBytes: 16 * GiB, pricePerHourUsd: 0.34, enis: 4, ipv4PerEni: 15 },
  'r5.large': { cpu: 2, memoryBytes: 16 * GiB, pricePerHourUsd: 0.126, enis: 3, ipv4PerEni: 10 },
  'r5.xlarge': { cpu: 4, memoryBytes: 32 * GiB, pricePerHourUsd: 0.252, enis: 4, ipv4PerEni: 15 },
};
