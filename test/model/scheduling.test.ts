import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import {
  bindPod,
  buildNodes,
  type ClusterNode,
  fits,
  podRequests,
} from '../../src/model/cluster.js';
import { KubeScheduler } from '../../src/model/kube-scheduler.js';
import { feasibleNodesToFind } from '../../src/model/nodes-to-score.js';
import {
  balancedScore,
  chooseNode,
  fitScore,
  normalizeSpread,
  rawSpreadScore,
  spreadScores,
} from '../../src/model/scheduler.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * Pod placement the way kube-scheduler's default profile places pods: filter by allocatable
 * and max pods, score NodeResourcesFit × 1 + NodeResourcesBalancedAllocation × 1 +
 * PodTopologySpread × 2, break ties at random (docs/nodes.md works the numbers).
 */

const MiB = 2 ** 20;

describe('each score plugin gives the integer kube-scheduler gives', () => {
  // An m5.large on EKS: 1930m and 7518Mi allocatable; it already holds 1000m and 1Gi.
  const node = nodeWith({ milliCpu: 1000, memoryBytes: 1024 * MiB });
  const pod = { service: 'api', milliCpu: 500, memoryBytes: 256 * MiB };

  it('LeastAllocated: the mean of the free shares, (22 + 82) / 2 = 52', () => {
    // CPU (1930 - 1500) * 100 / 1930 = 22.28 -> 22; memory (7518 - 1280) * 100 / 7518 = 82.97 -> 82.
    expect(fitScore(node, pod, 'LeastAllocated')).toBe(52);
  });

  it('MostAllocated: the mean of the used shares, (77 + 17) / 2 = 47', () => {
    // CPU 1500 * 100 / 1930 = 77.7 -> 77; memory 1280 * 100 / 7518 = 17.03 -> 17.
    expect(fitScore(node, pod, 'MostAllocated')).toBe(47);
  });

  it('BalancedAllocation: 100 × (1 − |0.777 − 0.170| / 2) = 69', () => {
    expect(balancedScore(node, pod)).toBe(69);
  });

  it('BalancedAllocation skips a pod that requests nothing (kubernetes#129138)', () => {
    expect(balancedScore(node, { service: 'api', milliCpu: 0, memoryBytes: 0 })).toBe(0);
  });

  it('a pod that requests nothing scores as 100m and 200Mi for NodeResourcesFit', () => {
    // CPU (1930 - 1100) * 100 / 1930 = 43; memory (7518 - 1224) * 100 / 7518 = 83; (43 + 83) / 2.
    expect(fitScore(node, { service: 'api', milliCpu: 0, memoryBytes: 0 }, 'LeastAllocated')).toBe(
      63,
    );
  });

  it('PodTopologySpread gives kube-scheduler test "system defaulting": 4/3/2/1 pods → 44, 66, 77, 100', () => {
    // pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go, hostname only.
    const raw = [4, 3, 2, 1].map((matching) =>
      rawSpreadScore([{ matching, maxSkew: 3, domains: 4 }]),
    );
    expect(raw).toEqual([9, 7, 6, 4]);
    expect(normalizeSpread(raw)).toEqual([44, 66, 77, 100]);
  });

  it('PodTopologySpread counts the service by node and by zone: 66 for the node holding one, 100 elsewhere', () => {
    const a = nodeWith({ zone: 'a', service: 'front' });
    const b = nodeWith({ zone: 'b' });
    const c = nodeWith({ zone: 'c' });
    const front = { service: 'front', milliCpu: 500, memoryBytes: 256 * MiB };
    expect(spreadScores([a, b, c], podsOfServiceIn([a, b, c], 'front'), front)).toEqual([
      66, 100, 100,
    ]);
    // Another service's pods do not count.
    expect(
      spreadScores([a, b, c], podsOfServiceIn([a, b, c], 'back'), { ...front, service: 'back' }),
    ).toEqual([100, 100, 100]);
  });
});

describe('the scheduler places pods on allocatable, not capacity', () => {
  it('a pod whose requests fit on no node stays Pending and serves nothing', () => {
    const result = simulate(loadScenario('scheduler-pending'));
    const phases = result.pods.map((p) => p.phase).sort();
    expect(phases).toEqual(['Pending', 'Running', 'Running']);
    const api = result.services.find((s) => s.service === 'api')!;
    expect(api.readyPods).toBe(2);
    expect(api.pendingPods).toBe(1);
    expect(result.pods.find((p) => p.phase === 'Pending')!.requests).toBe(0);
    // One 1.5-CPU pod per 2-CPU node (1930m allocatable on EKS).
    expect(result.nodes.map((n) => n.cpuRequested)).toEqual([1.5, 1.5]);
    expect(result.availability).toBe(1);
  });

  it('two 1-CPU pods fit a 2-CPU node with nothing reserved, but not an m5.large on EKS (1930m)', () => {
    const onNone = placement(
      cluster('provider: none', 'cpu: 2, memory: 8Gi, pricePerHour: 0.1, count: 1'),
      2,
      '1',
    );
    expect(onNone.pods.filter((p) => p.phase === 'Running')).toHaveLength(2);
    const onEks = placement(cluster('provider: eks', 'instanceType: m5.large, count: 1'), 2, '1');
    expect(onEks.pods.map((p) => p.phase)).toEqual(['Running', 'Pending']);
    expect(onEks.nodes[0]).toMatchObject({ allocatableCpuCores: 1.93, maxPods: 29 });
  });

  it('DaemonSet pods are on every node: their requests and their pod count come off each node', () => {
    const daemons =
      'daemonSets: { cni: { requests: { cpu: 25m } }, proxy: { requests: { cpu: 100m }, cpuUsage: 30m } }';
    // 1930m - 125m = 1805m left: one 900m pod fits, a second does not.
    const result = placement(
      cluster(`provider: eks\n  ${daemons}`, 'instanceType: m5.large, count: 1'),
      3,
      '900m',
    );
    expect(result.pods.map((p) => p.phase)).toEqual(['Running', 'Running', 'Pending']);
    expect(result.nodes[0]).toMatchObject({ pods: 4, cpuRequested: 1.925, daemonCpuCores: 0.055 });
  });

  it('a node admits no more pods than its maxPods, DaemonSet pods included', () => {
    // t3.medium on EKS: 3 ENIs × (6 - 1) + 2 = 17 pods; one is the CNI's.
    const result = placement(
      cluster('provider: eks\n  daemonSets: { cni: {} }', 'instanceType: t3.medium, count: 1'),
      20,
      '10m',
    );
    expect(result.pods.filter((p) => p.phase === 'Running')).toHaveLength(16);
    expect(result.nodes[0]!.pods).toBe(17);
  });
});

describe('the default scoring spreads replicas across zones and nodes', () => {
  const sixNodes = cluster('zones: [a, b, c]', 'instanceType: m5.large, count: 6');

  it('three replicas land in three zones, six replicas on six nodes', () => {
    const three = placement(sixNodes, 3, '250m');
    expect(new Set(three.pods.map((p) => p.zone)).size).toBe(3);
    const six = placement(sixNodes, 6, '250m');
    expect(six.nodes.map((n) => n.pods)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('LeastAllocated puts a second replica on the other, emptier node', () => {
    const result = simulate(loadScenario('scheduler-least-allocated'));
    expect(result.nodes.map((n) => n.pods)).toEqual([1, 1]);
  });

  it('MostAllocated still spreads two replicas under the default weights: spreading outweighs packing', () => {
    // Second pod: node with one pod scores 26 + 75 + 2 × 87 = 275, the empty node
    // 12 + 87 + 2 × 100 = 299 (NodeResourcesFit + BalancedAllocation + 2 × PodTopologySpread).
    const scenario = loadScenario('scheduler-most-allocated');
    scenario.cluster.scheduler.weights = {
      NodeResourcesFit: 1,
      NodeResourcesBalancedAllocation: 1,
      PodTopologySpread: 2,
    };
    expect(simulate(scenario).nodes.map((n) => n.pods)).toEqual([1, 1]);
  });

  it('MostAllocated alone (the other scores weighted 0) packs pods onto the fullest node', () => {
    const result = simulate(loadScenario('scheduler-most-allocated'));
    expect(result.nodes.map((n) => n.pods).sort()).toEqual([0, 2]);
    expect(result.nodes.map((n) => n.cpuRequested).sort()).toEqual([0, 2]);
  });

  it('ties go to a node drawn at random from the scheduler stream: the same seed, the same node', () => {
    const firstNode = (seed: number) =>
      simulate(placementScenario(sixNodes, 1, '250m'), { seed }).pods[0]!.node;
    const nodes = Array.from({ length: 12 }, (_, seed) => firstNode(seed));
    expect(new Set(nodes).size).toBeGreaterThan(2);
    expect(Array.from({ length: 12 }, (_, seed) => firstNode(seed))).toEqual(nodes);
  });
});

describe('how many nodes kube-scheduler scores per pod (percentageOfNodesToScore unset)', () => {
  it('every node below 100, else 50% − nodes/125 (5% at least) and 100 at least', () => {
    // schedule_one.go numFeasibleNodesToFind: 1,000 nodes → 42%; 5,000 → 10%; 6,000 → 5%.
    expect([1, 99, 100, 150, 1000, 5000, 6000, 20000].map(feasibleNodesToFind)).toEqual([
      1, 99, 100, 100, 420, 500, 300, 1000,
    ]);
  });

  it('each cycle filters from where the last one stopped, so every node gets its turn', () => {
    const scenario = placementScenario(
      cluster('zones: [a]', 'instanceType: m5.large, count: 300'),
      0,
      '100m',
    );
    const nodes = buildNodes(scenario.cluster);
    const scheduler = new KubeScheduler(nodes, scenario.cluster.scheduler, () => 0);
    const pod = podRequests('api', { cpu: 0.1, memory: 0 });
    // 300 nodes score 100 each cycle: the first three pods look at three disjoint hundreds.
    const first = [0, 1, 2].map(() => nodes.indexOf(scheduler.schedule(pod)!));
    expect(first.map((index) => Math.floor(index / 100))).toEqual([0, 1, 2]);
  });

  it('below 100 nodes, a cycle places the pod where scoring every feasible node does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('100m', '500m', '1'),
        (count, replicas, cpu) => {
          const scenario = placementScenario(
            cluster('zones: [a, b, c]', `instanceType: m5.large, count: ${count}`),
            0,
            cpu,
          );
          const cycled = buildNodes(scenario.cluster);
          const scanned = buildNodes(scenario.cluster);
          const scheduler = new KubeScheduler(cycled, scenario.cluster.scheduler, () => 0);
          const pod = podRequests('api', scenario.services.api!.resources.requests);
          for (let i = 0; i < replicas; i++) {
            const placed = scheduler.schedule(pod);
            const feasible = scanned.filter((node) => fits(node, pod));
            const inZone = podsOfServiceIn(scanned, 'api');
            const expected = chooseNode(feasible, pod, scenario.cluster.scheduler, () => 0, inZone);
            if (expected !== undefined) bindPod(expected, pod);
            expect(placed?.name).toBe(expected?.name);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ── helpers ──────────────────────────────────────────────────────────────────────────

/** The pods of a service in a zone, counted over every node: what topology spread counts. */
function podsOfServiceIn(nodes: readonly ClusterNode[], service: string) {
  return (zone: string) =>
    nodes
      .filter((node) => node.zone === zone)
      .reduce((sum, node) => sum + (node.servicePods.get(service) ?? 0), 0);
}

function nodeWith(options: {
  milliCpu?: number;
  memoryBytes?: number;
  zone?: string;
  service?: string;
}): ClusterNode {
  const milliCpu = options.milliCpu ?? 0;
  const memoryBytes = options.memoryBytes ?? 0;
  return {
    name: `node-${options.zone ?? 'a'}`,
    pool: 'general',
    zone: options.zone ?? 'a',
    cpuCores: 2,
    memoryBytes: 8192 * MiB,
    pricePerHourUsd: 0.096,
    allocatableMilliCpu: 1930,
    allocatableMemoryBytes: 7518 * MiB,
    maxPods: 29,
    daemonCpuCores: 0,
    cpuRequested: milliCpu / 1000,
    memoryRequested: memoryBytes,
    pods: options.service === undefined ? 0 : 1,
    milliCpuRequested: milliCpu,
    memoryBytesRequested: memoryBytes,
    nonZeroMilliCpuRequested: milliCpu,
    nonZeroMemoryBytesRequested: memoryBytes,
    servicePods: new Map(options.service === undefined ? [] : [[options.service, 1]]),
  };
}

/** A cluster section: its own lines, and one node pool's fields. */
function cluster(lines: string, pool: string): string {
  return `cluster:\n  ${lines}\n  nodePools:\n    - { name: general, ${pool} }`;
}

function placementScenario(clusterText: string, replicas: number, cpu: string): Scenario {
  const text = [
    'name: placement',
    'duration: 1s',
    clusterText,
    'services:',
    '  api:',
    `    replicas: ${replicas}`,
    `    resources: { requests: { cpu: ${cpu} } }`,
    '    endpoints: { get: { cpu: 1ms } }',
    'workload:',
    '  - { name: users, arrivals: constant, rate: 10/s, target: api.get }',
  ].join('\n');
  return parseScenario(text, 'placement.yaml');
}

function placement(clusterText: string, replicas: number, cpu: string): RunResult {
  return simulate(placementScenario(clusterText, replicas, cpu));
}
