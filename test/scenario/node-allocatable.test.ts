import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import {
  aksReservedMiB,
  aksReservedMillicores,
  allocatableOf,
  eksMaxPods,
  eksReservedMiB,
  eksReservedMillicores,
  gkeReservedMiB,
  gkeReservedMillicores,
  providerReservations,
} from '../../src/scenario/managed-kubernetes.js';
import { crossZonePrices } from '../../src/scenario/transfer-prices.js';

/**
 * Allocatable = capacity − kube-reserved − system-reserved − the eviction threshold, with
 * each provider's own formulas (docs/nodes.md cites them). The expected values are the
 * providers' own examples and tests where they publish them.
 */

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('EKS, as the EKS AMI (nodeadm) configures the kubelet', () => {
  it.each([
    // nodeadm's TestCalcMaxPods, then instance-info.jsonl's ENIs for our instance types
    [3, 6, 17],
    [6, 12, 68],
    [3, 10, 29], // m5.large, c5.large, r5.large, m6g.large
    [3, 12, 35], // t3.large
    [4, 15, 58], // m5.xlarge, m5.2xlarge, c5.xlarge
    [8, 30, 234], // m5.4xlarge
  ])('%i ENIs with %i IPv4 addresses each allow %i pods', (enis, ips, pods) => {
    expect(eksMaxPods(enis, ips)).toBe(pods);
  });

  it.each([
    [1000, 60],
    [2000, 70],
    [4000, 80],
    [8000, 90],
    [16000, 110],
    [64000, 230],
  ])('a node of %im CPU keeps %im: 6%% of the first core, 1%%, 0.5%% ×2, 0.25%% above', (m, r) => {
    expect(eksReservedMillicores(m)).toBe(r);
  });

  it.each([
    [29, 574],
    [58, 893], // nodeadm e2e kubelet-config-dir: maxPods 58 → 893Mi
    [110, 1465], // nodeadm e2e kubelet-config-new-instance-type: the 110 fallback → 1465Mi
  ])('%i max pods keep 11 MiB each + 255 MiB = %i MiB', (pods, mib) => {
    expect(eksReservedMiB(pods)).toBe(mib);
  });

  it('an m5.large keeps 70m CPU and 574Mi, evicts at 100Mi: 1930m and 7518Mi allocatable', () => {
    const capacity = { cpuCores: 2, memoryBytes: 8 * GiB, instanceType: 'm5.large' };
    const reserved = providerReservations('eks', capacity);
    expect(reserved).toEqual({
      maxPods: 29,
      kubeReserved: { cpu: 0.07, memory: 574 * MiB },
      systemReserved: { cpu: 0, memory: 0 },
      evictionHard: 100 * MiB,
    });
    expect(allocatableOf(capacity, reserved)).toEqual({
      cpuCores: 1.93,
      memoryBytes: 7518 * MiB,
    });
  });

  it('a pool of its own size has no ENI table: 110 pods, as nodeadm falls back to', () => {
    expect(providerReservations('eks', { cpuCores: 4, memoryBytes: 16 * GiB }).maxPods).toBe(110);
  });

  it("a pool's maxPods feeds the memory reservation, as nodeadm's maxPodsExpression does", () => {
    const reserved = providerReservations('eks', { cpuCores: 2, memoryBytes: 8 * GiB }, 58);
    expect(reserved.kubeReserved.memory).toBe(893 * MiB);
  });
});

describe("GKE, as the cluster autoscaler predicts it (its own test's cases)", () => {
  it.each([
    [0, 0],
    [600, 255], // f1-micro: the 255 MiB minimum under 1 GB
    [2000, 500], // 25%
    [8000, 1800], // 25% of 4000 + 20% of 4000, at a threshold of GKE's 1000-MiB "GB"
    [200_000, 10_760], // beyond 128 GB: 2%
    [8192, 1819], // 8 GiB: 1000 + 800 + 10% of 192
  ])('%i MiB of memory keeps %i MiB', (capacity, reserved) => {
    expect(gkeReservedMiB(capacity)).toBe(reserved);
  });

  it.each([
    [2000, 70],
    [4000, 80], // the autoscaler's "cpu sanity check"
    [8000, 90],
  ])('%im of CPU keeps %im', (capacity, reserved) => {
    expect(gkeReservedMillicores(capacity)).toBe(reserved);
  });

  it('a 2-CPU 8 GiB node: 1930m and 8192 − 1819 − 100 = 6273Mi allocatable, 110 pods', () => {
    const capacity = { cpuCores: 2, memoryBytes: 8 * GiB };
    const reserved = providerReservations('gke', capacity);
    expect(reserved.maxPods).toBe(110);
    expect(allocatableOf(capacity, reserved)).toEqual({ cpuCores: 1.93, memoryBytes: 6273 * MiB });
  });
});

describe('AKS 1.29+, from its published table and memory rule', () => {
  it.each([
    [1, 60],
    [2, 100],
    [4, 140],
    [8, 180],
    [16, 260],
    [32, 420],
    [64, 740],
    [3, 120], // on the line between 2 and 4 cores
    [128, 1380], // beyond the table, on its line: 100m + 10m per core
  ])('%i cores keep %im', (cores, millicores) => {
    expect(aksReservedMillicores(cores)).toBe(millicores);
  });

  it("the docs' examples: 8 GB and 30 pods keep 650 MB; 4 GB and 70 pods keep 25%", () => {
    expect(aksReservedMiB(30, 8 * 1024 * MiB)).toBe(650);
    expect(aksReservedMiB(70, 4000 * MiB)).toBe(1000);
  });

  it('an 8 GiB node with the default 250 pods keeps a quarter of its memory', () => {
    const capacity = { cpuCores: 2, memoryBytes: 8 * GiB };
    const reserved = providerReservations('aks', capacity);
    expect(reserved.maxPods).toBe(250);
    expect(allocatableOf(capacity, reserved)).toEqual({ cpuCores: 1.9, memoryBytes: 6044 * MiB });
  });
});

describe('none: the whole node is allocatable', () => {
  it('keeps nothing and admits the kubelet default of 110 pods', () => {
    const capacity = { cpuCores: 2, memoryBytes: 8 * GiB };
    const reserved = providerReservations('none', capacity);
    expect(reserved.maxPods).toBe(110);
    expect(allocatableOf(capacity, reserved)).toEqual({ cpuCores: 2, memoryBytes: 8 * GiB });
  });
});

describe('cross-zone transfer prices by provider', () => {
  it('EKS bills 0.01 USD/GB out and in; GKE 0.01 USD/GiB out only; AKS and none nothing', () => {
    expect(crossZonePrices('eks')).toEqual({ out: 0.01, in: 0.01 });
    expect(crossZonePrices('gke').out).toBeCloseTo(0.009313225746154785, 15);
    expect(crossZonePrices('gke').in).toBe(0);
    expect(crossZonePrices('aks')).toEqual({ out: 0, in: 0 });
    expect(crossZonePrices('none')).toEqual({ out: 0, in: 0 });
  });
});

describe('a scenario resolves every pool from its provider, its own fields winning', () => {
  const scenario = (cluster: string) =>
    parseScenario(
      [
        'name: nodes',
        'cluster:',
        cluster,
        'services: { api: { endpoints: { get: {} } } }',
        'workload: [{ name: users, arrivals: poisson, rate: 1/s, target: api.get }]',
      ].join('\n'),
      'nodes.yaml',
    );

  it('a pool may set maxPods, kubeReserved, systemReserved and evictionHard', () => {
    const [pool] = scenario(
      '  provider: gke\n  nodePools:\n    - { name: p, instanceType: m5.xlarge, maxPods: 64, kubeReserved: { cpu: 200m }, systemReserved: { memory: 256Mi }, evictionHard: 200Mi }',
    ).cluster.nodePools;
    // GKE's memory reservation for 16 GiB stays: 1000 + 800 + 800 + 6% of 384 = 2623 MiB.
    expect(pool).toMatchObject({
      maxPods: 64,
      kubeReserved: { cpu: 0.2, memory: 2623 * MiB },
      systemReserved: { cpu: 0, memory: 256 * MiB },
      evictionHard: 200 * MiB,
      allocatable: { cpuCores: 3.8, memoryBytes: (16384 - 2623 - 256 - 200) * MiB },
    });
  });

  it('a scenario can set its own cross-zone prices', () => {
    const { network } = scenario(
      '  network: { crossZonePricePerGB: { out: 0.02, in: 0 } }',
    ).cluster;
    expect(network.crossZonePricePerGB).toEqual({ out: 0.02, in: 0 });
  });
});
