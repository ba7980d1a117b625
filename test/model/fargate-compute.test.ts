import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario, type Scenario, ScenarioError } from '../../src/scenario/index.js';
import { scenarioWarnings } from '../../src/scenario/warnings.js';

/**
 * compute: fargate (docs/cost.md, "Per-task containers"): each pod on a task of its own,
 * sized as EKS sizes it, with the task's vCPUs to itself, billed per second with a
 * one-minute minimum, on no node of the cluster.
 */
function scenario(api: string, extra = '', cluster = ''): Scenario {
  return parseScenario(
    `name: fargate
duration: 2m
warmup: 30s
cluster:
  zones: [a, b]
  nodePools:
    - { name: general, instanceType: m5.large, count: 2 }
${cluster}services:
  web:
    replicas: 2
    resources: { requests: { cpu: 500m, memory: 512Mi } }
    endpoints:
      get: { cpu: 1ms, calls: [api.get] }
  api:
    compute: fargate
${api}
${extra}workload:
  - { name: users, arrivals: constant, rate: 10/s, target: web.get }
`,
    'fargate.yaml',
  );
}

const THREE_PODS = `    replicas: 3
    resources: { requests: { cpu: 1, memory: 2Gi } }
    endpoints:
      get: { cpu: 10ms }`;

function apiPods(result: RunResult) {
  return result.ledger.pods.filter((pod) => pod.service === 'api');
}

describe('compute: fargate', () => {
  const result = simulate(scenario(THREE_PODS));

  it('takes no node capacity: the nodes hold the web pods alone, and no Fargate node is billed', () => {
    expect(result.nodes.map((node) => [node.node, node.cpuRequested, node.pods])).toEqual([
      ['general-0', 0.5, 1],
      ['general-1', 0.5, 1],
    ]);
    expect(result.ledger.nodes.map((node) => node.node)).toEqual(['general-0', 'general-1']);
  });

  it('runs each pod on a node of its own, sized 1 vCPU and 2Gi + 256Mi → 1 vCPU and 3 GB, over the zones in turn', () => {
    expect(apiPods(result).map((pod) => [pod.pod, pod.node, pod.task])).toEqual([
      ['api-0', 'fargate-api-0', { vcpu: 1, memoryGb: 3 }],
      ['api-1', 'fargate-api-1', { vcpu: 1, memoryGb: 3 }],
      ['api-2', 'fargate-api-2', { vcpu: 1, memoryGb: 3 }],
    ]);
    expect(result.pods.filter((p) => p.service === 'api').map((p) => p.zone)).toEqual([
      'a',
      'b',
      'a',
    ]);
    expect(result.ledger.pods.find((pod) => pod.service === 'web')?.task).toBeUndefined();
  });

  it('bills each task per second over the measured 90 s: 3 × 90 s of 1 vCPU and 3 GB', () => {
    const lines = (result.cost.lines ?? []).map((l) => [l.item, l.subject, l.quantity, l.costUsd]);
    // 270 vCPU-s = 0.075 vCPU-h × 0.04048 = 0.003036; 810 GB-s = 0.225 GB-h × 0.004445 = 0.001.
    expect(lines).toEqual([
      ['fargate-vcpu', 'api', 0.075, 0.003036],
      ['fargate-memory', 'api', 0.225, 0.001],
    ]);
    expect(result.cost.fargateUsd).toBe(0.004036);
    expect(result.cost.totalUsd).toBeCloseTo(
      result.cost.nodeUsd + result.cost.controlPlaneUsd + result.cost.crossZoneUsd + 0.004036,
      12,
    );
  });

  it("sizes the task by the pod's containers: a 1 vCPU pod with Istio's 100m sidecar runs on 2 vCPU and 4 GB", () => {
    const meshed = simulate(scenario(THREE_PODS, 'mesh: { strategy: sidecar }\n'));
    expect(apiPods(meshed).find((pod) => pod.pod === 'api-0')?.task).toEqual({
      vcpu: 2,
      memoryGb: 4,
    });
  });

  it("gives the pod its task's vCPUs alone: a 10 ms burst on a 250m pod's 0.25 vCPU takes 40 ms, on an idle node 10 ms", () => {
    const small = (compute: string) =>
      simulate(
        parseScenario(
          `name: small
duration: 10s
services:
  api:
    compute: ${compute}
    resources: { requests: { cpu: 250m, memory: 128Mi } }
    endpoints:
      get: { cpu: 10ms }
workload:
  - { name: users, arrivals: constant, rate: 1/s, target: api.get }
`,
          'small.yaml',
        ),
      );
    expect(small('fargate').latency.maxMs).toBeCloseTo(40, 6);
    expect(small('nodes').latency.maxMs).toBeCloseTo(10, 6);
  });

  it('provisions a pod created during the run before it starts, and bills its task at least a minute', () => {
    const scaled = simulate(
      scenario(
        THREE_PODS,
        `events:
  - { at: 40s, scale: { service: api, replicas: 4 } }
  - { at: 70s, scale: { service: api, replicas: 3 } }
`,
        '  fargate: { provisioning: 20s }\n',
      ),
    );
    const added = apiPods(scaled).find((pod) => pod.pod === 'api-3')!;
    // Created at 40 s, its task there at 60 s: Pending for the 20 s of provisioning.
    expect(added.createdMs).toBe(40_000);
    expect(added.phaseSeconds.Pending).toBe(20);
    expect(added.node).toBe('fargate-api-3');
    expect(added.goneMs).not.toBeNull();
    expect(added.goneMs!).toBeLessThan(60_000 + 60_000);
    // Its task lived less than a minute from 60 s: billed the minute, 60 s to 120 s.
    const vcpu = scaled.cost.lines?.find((line) => line.item === 'fargate-vcpu');
    expect(vcpu?.quantity).toBeCloseTo((3 * 90 + 60) / 3600, 12);
  });
});

describe('a cluster of Fargate pods only', () => {
  it('runs with no node, pays the control plane and the tasks, and is not warned about its empty pool', () => {
    const fargateOnly = parseScenario(
      `name: no-nodes
duration: 1m
cluster:
  nodePools:
    - { name: general, instanceType: m5.large, count: 0 }
services:
  api:
    compute: fargate
    replicas: 2
    resources: { requests: { cpu: 250m, memory: 256Mi } }
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, arrivals: constant, rate: 10/s, target: api.get }
`,
      'no-nodes.yaml',
    );
    expect(scenarioWarnings(fargateOnly)).toEqual([]);
    const result = simulate(fargateOnly);
    expect(result.requests.succeeded).toBe(result.requests.total);
    expect(result.cost.nodeUsd).toBe(0);
    // 256Mi + EKS's 256Mi is exactly the smallest task, 0.25 vCPU and 0.5 GB: 2 tasks for
    // 60 s are 30 vCPU-s and 60 GB-s.
    expect(result.cost.lines?.map((line) => [line.item, line.quantity])).toEqual([
      ['fargate-vcpu', 30 / 3600],
      ['fargate-memory', 60 / 3600],
    ]);
  });
});

describe('compute: fargate refused', () => {
  function problem(api: string, extra = ''): string {
    try {
      scenario(api, extra);
    } catch (error) {
      if (error instanceof ScenarioError) return error.message;
      throw error;
    }
    throw new Error('accepted');
  }

  it('a pod larger than the largest task (16 vCPU, 120 GB)', () => {
    expect(
      problem(`    resources: { requests: { cpu: 17, memory: 1Gi } }
    endpoints:
      get: { cpu: 10ms }`),
    ).toContain(
      "services.api.compute: its pod requests 17 CPU and 1Gi (+ 256Mi for EKS's components); the largest Fargate task is 16 vCPU and 120 GB: lower the requests or use compute: nodes",
    );
  });

  it('under ambient, whose ztunnel is a DaemonSet Fargate cannot run', () => {
    expect(problem(THREE_PODS, 'mesh: { strategy: ambient }\n')).toContain(
      "services.api.compute: ambient's ztunnel is a DaemonSet, and Fargate runs no DaemonSets",
    );
  });
});
