import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { LiveCluster } from '../../src/model/cluster/live-cluster.js';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { DistributionCache } from '../../src/model/distribution-cache.js';
import { parseScenario } from '../../src/scenario/index.js';
import { trafficHarness } from '../support/traffic-harness.js';

const s = (seconds: number) => seconds * 1000;

/** Two nodes in two zones, one pod of web on each (web-0 on general-1); containers start in 2 s, no probe. */
const YAML = `
name: faults-timeline
duration: 30m
cluster:
  provider: none
  zones: [a, b]
  nodePools:
    - { name: general, cpu: 4, memory: 16Gi, pricePerHour: 0.2, count: 2 }
  network: { sameZone: 0ms, crossZone: 0ms }
services:
  web:
    replicas: 2
    resources: { requests: { cpu: 100m, memory: 64Mi } }
    lifecycle: { containerStart: 2s, imagePull: 5s }
    endpoints:
      get: { cpu: 1ms }
workload:
  - { name: users, arrivals: constant, rate: 1/s, target: web.get }
`;

function cluster() {
  const harness = trafficHarness(YAML);
  const scenario = parseScenario(YAML, 'faults-timeline.yaml');
  const listener = new RecordingLifecycleListener();
  const live = new LiveCluster({
    sim: harness.sim,
    scenario,
    topology: harness.topology,
    streams: new RandomStreams(scenario.seed),
    distributions: new DistributionCache(),
    listener,
    cutCall: (attempt) => harness.traffic.cutCall(attempt),
    podBound: () => {},
    admitProbe: (probe) => harness.traffic.admitProbe(probe),
    dropProbe: (probe) => harness.traffic.dropProbe(probe),
  });
  live.start(true);
  const at = (ms: number, act: () => void) => harness.sim.scheduleAt(ms, act, undefined);
  const transitions = (pod: string) =>
    listener.records.flatMap((r) => {
      if (!('pod' in r) || r.pod !== pod) return [];
      return [[r.at / 1000, 'phase' in r ? r.phase : `bound ${r.node}`]];
    });
  return { harness, live, listener, at, transitions };
}

describe('a container that crashes restarts in the same pod, after its back-off', () => {
  it('leaves the endpoints and returns after back-off + start: 0, then 10 s, then 20 s', () => {
    const { harness, live, at, transitions } = cluster();
    // Crashes at 100 s, 200 s and 300 s: each when the container runs again.
    for (const t of [100, 200, 300]) at(s(t), () => live.restartContainer('web-0'));
    harness.sim.run({ until: s(400) });
    expect(transitions('web-0')).toEqual([
      [0, 'Ready'],
      [0, 'bound general-1'],
      [100, 'Starting'], // first crash: restarted at once, 2 s to start
      [102, 'Running'],
      [102, 'Ready'],
      [200, 'Starting'], // back-off 10 s, then 2 s
      [212, 'Running'],
      [212, 'Ready'],
      [300, 'Starting'], // back-off 20 s
      [322, 'Running'],
      [322, 'Ready'],
    ]);
    expect(harness.topology.services.get('web')!.pods.map((p) => p.name)).toEqual([
      'web-0',
      'web-1',
    ]);
  });

  it('refuses a crash of a pod whose container is not running', () => {
    const { harness, live, at } = cluster();
    const answers: boolean[] = [];
    at(s(10), () => answers.push(live.restartContainer('web-0')));
    at(s(11), () => answers.push(live.restartContainer('web-0')));
    at(s(13), () => answers.push(live.restartContainer('web-0')));
    at(s(14), () => answers.push(live.restartContainer('web-9')));
    harness.sim.run({ until: s(20) });
    expect(answers).toEqual([true, false, true, false]);
  });
});

describe('a node that fails: NotReady at +50 s, its pods evicted at +350 s and replaced', () => {
  it('follows the node lifecycle controller, by hand', () => {
    const { harness, live, at, transitions } = cluster();
    at(s(60), () => live.failNode('general-1'));
    harness.sim.run({ until: s(1000) });
    expect(transitions('web-0')).toEqual([
      [0, 'Ready'],
      [0, 'bound general-1'],
      [110, 'Running'], // NotReady 50 s after the failure: Ready false, out of the endpoints
      [410, 'Terminating'], // tainted at 110 s, tolerated 300 s: evicted; stays Terminating
    ]);
    // The replacement, on the node that answers: its image is there already.
    expect(transitions('web-2')).toEqual([
      [410, 'Pending'],
      [410, 'bound general-0'],
      [410, 'Scheduled'],
      [410, 'Starting'],
      [412, 'Running'],
      [412, 'Ready'],
    ]);
  });

  it('refuses the calls that reach a pod of the failed node until it leaves the endpoints', () => {
    const { harness, live, at } = cluster();
    const web0 = harness.topology.services.get('web')!.pods[0]!;
    const refusals: boolean[] = [];
    at(s(60), () => live.failNode('general-1'));
    at(s(61), () => refusals.push(web0.ready, web0.calls!.refusing));
    at(s(111), () => refusals.push(web0.ready));
    harness.sim.run({ until: s(120) });
    expect(refusals).toEqual([true, true, false]);
  });

  it('restarts the pods of a node back before the eviction, and drops the evicted ones after', () => {
    const early = cluster();
    early.at(s(60), () => early.live.failNode('general-1'));
    early.at(s(160), () => early.live.restoreNode('general-1'));
    early.harness.sim.run({ until: s(1000) });
    expect(early.transitions('web-0')).toEqual([
      [0, 'Ready'],
      [0, 'bound general-1'],
      [110, 'Running'],
      [160, 'Starting'],
      [162, 'Running'],
      [162, 'Ready'],
    ]);
    const late = cluster();
    late.at(s(60), () => late.live.failNode('general-1'));
    late.at(s(500), () => late.live.restoreNode('general-1'));
    late.harness.sim.run({ until: s(1000) });
    expect(late.transitions('web-0').slice(-2)).toEqual([
      [410, 'Terminating'],
      [500, 'Gone'],
    ]);
  });

  it('taints the nodes of a zone that fails at once 10 s apart (--node-eviction-rate 0.1)', async () => {
    const { ZoneTainter } = await import('../../src/model/faults/node-lifecycle.js');
    const tainter = new ZoneTainter();
    expect([0, 0, 0].map(() => tainter.taintAt('a', s(50)) / 1000)).toEqual([50, 60, 70]);
    expect(tainter.taintAt('b', s(50)) / 1000).toBe(50);
    expect(tainter.taintAt('a', s(200)) / 1000).toBe(200);
  });
});
