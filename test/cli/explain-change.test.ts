import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changeSection } from '../../src/cli/commands/explain-change.js';
import { parseScenario } from '../../src/scenario/index.js';

const fixture = (name: string) =>
  parseScenario(
    readFileSync(new URL(`../fixtures/good/${name}.yaml`, import.meta.url), 'utf8'),
    `${name}.yaml`,
  );

const shipped = (name: string) =>
  parseScenario(
    readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8'),
    `${name}.yaml`,
  );

describe("explain's Change over time section", () => {
  it('lists the HPA and the autoscaled pool', () => {
    expect(changeSection(shipped('autoscale-spike')).split('\n')).toEqual([
      'Change over time (docs/deployments.md, lifecycle.md, autoscaling.md, faults.md)',
      "  api: HPA from 2 to 30 replicas on CPU at 60% of the request, every 15s (the controller's own limits: no behavior)",
      '  pool general: cluster autoscaler from 2 to 12 nodes, each ready 1m after it is asked for',
    ]);
  });

  it('lists the faults and the steady-state hypothesis', () => {
    expect(changeSection(shipped('zone-outage')).split('\n').slice(1)).toEqual([
      '  fault: zone a goes down from 1m',
      '  steady state: availability at least 99.9% and p99 at most 300ms in every 1m',
    ]);
  });

  it("gives each rolled service's strategy, and nothing for a scenario that changes nothing", () => {
    expect(changeSection(shipped('rolling-update')).split('\n')[1]).toBe(
      '  api: RollingUpdate, maxSurge 25%, maxUnavailable 25%, progress deadline 600 s',
    );
    expect(changeSection(shipped('checkout-chain'))).toBe('');
  });

  it("names the faults on calls and invocations in their chaos tools' words", () => {
    expect(changeSection(shipped('fault-injection')).split('\n').slice(1, 3)).toEqual([
      '  fault: calls from checkout to payment are delayed 200ms ± 20ms (NetworkChaos delay), from 1m for 3m',
      "  fault: calls from checkout to payment lose 2% of their packets, sent again after TCP's retransmission timeout (NetworkChaos loss), from 1m for 3m",
    ]);
  });

  it("lists the scenario's events in time order, one line each, in the scenario's words", () => {
    expect(changeSection(shipped('canary-rollback')).split('\n').slice(1)).toEqual([
      '  api: RollingUpdate, maxSurge 25%, maxUnavailable 25%, progress deadline 600 s',
      '  1m: rollout api to v2 (errorRate 20% on get)',
      '  2m: rollback api (kubectl rollout undo)',
    ]);
    expect(changeSection(shipped('retry-storm')).split('\n').slice(1, 4)).toEqual([
      '  1m: setTemplate db to slow (cpu exponential(mean=12.5ms) on query): pods created from now on',
      '  1m: deletePod db-0',
      '  62s: deletePod db-1',
    ]);
  });

  it('describes an Argo canary by its steps, traffic routing, background analysis and delays', () => {
    expect(changeSection(fixture('argo-canary')).split('\n').slice(1)).toEqual([
      '  cart: Argo Rollouts canary, steps setWeight 20% -> pause 30s -> analysis (error-rate: errorRate <= 1% every 10s, failureLimit 1, count 3) -> setWeight 50% -> pause until promoted',
      "    trafficRouting mesh: the weight is the mesh's split; the stable keeps every pod",
      '    background analysis from step 1: latency: p99 <= 100ms every 15s, failureLimit 0, consecutiveErrorLimit 2',
      '    scaleDownDelaySeconds 30, abortScaleDownDelaySeconds 10',
      '  checkout: Argo Rollouts canary, steps setWeight 50%',
      '    no trafficRouting: the weight is approximated by replica counts, within maxSurge 1, maxUnavailable 0',
      // The file lists the promote first: explain lists by time, equal times in file order.
      '  30s: rollout cart to v2 (cpu 4ms on get, errorRate 0.5% on get)',
      '  30s: rollout checkout to v2',
      '  2m: promote cart (kubectl argo rollouts promote)',
      '  3m: abort checkout (kubectl argo rollouts abort)',
    ]);
  });

  it('describes an Argo blueGreen by its promotion, preview, analyses and delays', () => {
    expect(changeSection(fixture('argo-blue-green')).split('\n').slice(1, 6)).toEqual([
      '  cart: Argo Rollouts blueGreen, previewReplicaCount 2; autoPromotionEnabled false: green waits for a promote event',
      '    postPromotionAnalysis: error-rate: errorRate <= 1% every 10s, failureLimit 1',
      '    scaleDownDelaySeconds 60, abortScaleDownDelaySeconds 5',
      '  shop: Argo Rollouts blueGreen, green starts with every replica; autoPromotionSeconds 20: all traffic switches to green that long after it is ready',
      '    scaleDownDelaySeconds 30, abortScaleDownDelaySeconds 30',
    ]);
  });

  it('names every other kind of event by its action, at 0s for the start', () => {
    const scenario = parseScenario(
      [
        'name: events',
        'mesh: { strategy: sidecar }',
        'services:',
        '  api:',
        '    versions: { v1: { replicas: 1 }, v2: { replicas: 1 } }',
        '    endpoints: { get: { cpu: 1ms } }',
        'workload:',
        '  - { name: users, arrivals: poisson, rate: 10/s, target: api.get }',
        'events:',
        '  - { at: 0s, crashPod: api-0 }',
        '  - { at: 5s, setPolicy: { service: api, loadBalancer: least-request } }',
        '  - { at: 6s, breakPod: { pod: api-1, errorRate: 5% } }',
        '  - { at: 7s, setRouting: { service: api, routing: { split: { v1: 90%, v2: 10% } } } }',
        '  - { at: 8s, scale: { service: api, version: v2, replicas: 3 } }',
      ].join('\n'),
      'events.yaml',
    );
    expect(changeSection(scenario).split('\n').slice(1)).toEqual([
      '  0s: crashPod api-0',
      '  5s: setPolicy api: loadBalancer least-request',
      '  6s: breakPod api-1: errorRate 5%',
      '  7s: setRouting api: split (docs/mesh/routing.md)',
      '  8s: scale api to 3 replicas of version v2',
    ]);
  });
});
