import { describe, expect, it } from 'vitest';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

/** Runs a scenario with a recording listener. */
function record(scenario: Scenario) {
  const listener = new RecordingLifecycleListener();
  const result = simulate(scenario, { lifecycleListener: listener });
  return { listener, result };
}

const s = (seconds: number) => seconds * 1000;

describe('a scripted scale from 3 to 5 to 2 replicas (lifecycle-scale.yaml)', () => {
  const { listener, result } = record(loadScenario('lifecycle-scale'));

  it('gives pods by phase over time exactly as computed by hand', () => {
    expect(listener.countsAt(0)).toEqual({ Ready: 3 });
    expect(listener.countsAt(s(9.999))).toEqual({ Ready: 3 });
    expect(listener.countsAt(s(10))).toEqual({ Ready: 3, PullingImage: 2 });
    expect(listener.countsAt(s(14))).toEqual({ Ready: 3, Starting: 2 });
    expect(listener.countsAt(s(16))).toEqual({ Ready: 3, Running: 2 });
    // The second successful probe is sent at 26 s and answered after its 1 ms of CPU.
    expect(listener.countsAt(s(26.0009))).toEqual({ Ready: 3, Running: 2 });
    expect(listener.countsAt(s(26.001))).toEqual({ Ready: 5 });
    expect(listener.countsAt(s(40))).toEqual({ Ready: 2, Terminating: 3 });
    expect(listener.countsAt(s(42.999))).toEqual({ Ready: 2, Terminating: 3 });
    expect(listener.countsAt(s(43))).toEqual({ Ready: 2 });
  });

  it('reports every transition of the new pods, with the new version', () => {
    const web3 = listener.records.filter((r) => 'pod' in r && r.pod === 'web-3');
    expect(web3).toEqual([
      { at: s(10), kind: 'podCreated', pod: 'web-3', phase: 'Pending', version: 'v2' },
      { at: s(10), kind: 'podBound', pod: 'web-3', node: 'big-0' },
      { at: s(10), kind: 'podPhaseChanged', pod: 'web-3', phase: 'Scheduled' },
      { at: s(10), kind: 'podPhaseChanged', pod: 'web-3', phase: 'PullingImage' },
      { at: s(14), kind: 'podPhaseChanged', pod: 'web-3', phase: 'Starting' },
      { at: s(16), kind: 'podPhaseChanged', pod: 'web-3', phase: 'Running' },
      { at: s(26.001), kind: 'podPhaseChanged', pod: 'web-3', phase: 'Ready' },
      { at: s(40), kind: 'podPhaseChanged', pod: 'web-3', phase: 'Terminating' },
      { at: s(43), kind: 'podPhaseChanged', pod: 'web-3', phase: 'Gone' },
    ]);
  });

  it('scales down as the ReplicaSet controller ranks: ready for less time, then newest', () => {
    const terminated = listener.records
      .filter((r) => r.kind === 'podPhaseChanged' && r.phase === 'Terminating')
      .map((r) => ('pod' in r ? r.pod : ''));
    expect(terminated).toEqual(['web-4', 'web-3', 'web-2']);
  });

  it('reports the initial cluster at t = 0: its node added, its pods created Ready and bound', () => {
    expect(listener.records.slice(0, 3)).toEqual([
      { at: 0, kind: 'nodeAdded', node: 'big-0' },
      { at: 0, kind: 'podCreated', pod: 'web-0', phase: 'Ready', version: 'v1' },
      { at: 0, kind: 'podBound', pod: 'web-0', node: 'big-0' },
    ]);
  });

  it('loses no request while it scales', () => {
    expect(result.requests.total).toBe(60);
    expect(result.requests.failed).toBe(0);
  });
});

describe('a terminating pod drains within its grace period and is cut after it', () => {
  const withGrace = (seconds: number): Scenario => {
    const scenario = loadScenario('lifecycle-grace');
    const work = scenario.services.work!;
    return {
      ...scenario,
      services: {
        work: { ...work, lifecycle: { ...work.lifecycle, terminationGracePeriodSeconds: seconds } },
      },
    };
  };
  const goneAt = (listener: RecordingLifecycleListener, pod: string) =>
    listener.records.find(
      (r) => r.kind === 'podPhaseChanged' && r.pod === pod && r.phase === 'Gone',
    )?.at;

  it('16 s of grace: the 20 s of work started at 1 s ends at 21 s, the request succeeds', () => {
    const { listener, result } = record(withGrace(16));
    expect(result.requests.succeeded).toBe(1);
    expect(result.latency.maxMs).toBe(s(20));
    expect(goneAt(listener, 'work-0')).toBe(s(21));
  });

  it('15 s of grace: at 20 s the call is cut with a reset, 19 s after the request began', () => {
    const { listener, result } = record(withGrace(15));
    expect(result.requests.byCause.reset).toBe(1);
    expect(result.requests.succeeded).toBe(0);
    expect(result.latencyAll.maxMs).toBe(s(19));
    expect(goneAt(listener, 'work-0')).toBe(s(20));
  });

  it('15 s of grace: the cut burst leaves the CPU at 20 s, 19 core-seconds used, not 20', () => {
    for (const cpuScheduler of ['cfs', 'fifo'] as const) {
      const scenario = withGrace(15);
      const { result } = record({ ...scenario, cluster: { ...scenario.cluster, cpuScheduler } });
      expect(result.services[0]!.ledger.cpuCoreSecondsUsed).toBe(19);
    }
  });

  it('the deleted pod leaves the endpoints at once and its replacement is created then', () => {
    const { listener } = record(withGrace(16));
    expect(listener.phasesAt(s(5)).get('work-0')).toBe('Terminating');
    expect(listener.records).toContainEqual({
      at: s(5),
      kind: 'podCreated',
      pod: 'work-1',
      phase: 'Pending',
      version: 'v1',
    });
    // The image is on the node: no pull; containerStart 1 s, no probe delay by default.
    expect(listener.phasesAt(s(6)).get('work-1')).toBe('Ready');
  });
});

describe('nodes added and removed at run time (lifecycle-nodes.yaml)', () => {
  const { listener } = record(loadScenario('lifecycle-nodes'));
  const nodeRecords = listener.records.filter(
    (r) => r.kind === 'nodeAdded' || r.kind === 'nodeRemoved',
  );

  it('a node asked for at 0 s joins after the 60 s provisioning delay and leaves at 120 s', () => {
    expect(nodeRecords).toEqual([
      { at: 0, kind: 'nodeAdded', node: 'general-0' },
      { at: s(60), kind: 'nodeAdded', node: 'general-1' },
      { at: s(120), kind: 'nodeRemoved', node: 'general-1' },
    ]);
  });

  it('a pod that fits nowhere stays Pending until a node joins, then is bound to it', () => {
    expect(listener.phasesAt(s(59.999)).get('web-1')).toBe('Pending');
    expect(listener.records).toContainEqual({
      at: s(60),
      kind: 'podBound',
      pod: 'web-1',
      node: 'general-1',
    });
  });

  it("the removed node's pod is evicted and its replacement waits Pending", () => {
    const at120 = listener.phasesAt(s(120));
    expect(at120.get('web-1')).toBe('Gone');
    expect(at120.get('web-2')).toBe('Pending');
    expect(listener.phasesAt(s(150)).get('web-2')).toBe('Pending');
  });
});

describe('deleting pods with a preStop hook longer than their work (lifecycle-prestop.yaml)', () => {
  it('loses no request', () => {
    const { listener, result } = record(loadScenario('lifecycle-prestop'));
    expect(result.requests.total).toBeGreaterThan(1400);
    expect(result.requests.failed).toBe(0);
    // Out of rotation at once, gone when the hook ends (their calls took 200 ms).
    const gone = listener.records.filter((r) => r.kind === 'podPhaseChanged' && r.phase === 'Gone');
    expect(gone.map((r) => r.at)).toEqual([s(15), s(25)]);
  });

  it('crashed instead, the pods lose the calls they held, with a reset', () => {
    const scenario = loadScenario('lifecycle-prestop');
    const crashed: Scenario = {
      ...scenario,
      events: [
        { at: s(10), crashPod: 'api-0' },
        { at: s(20), crashPod: 'api-1' },
      ],
    };
    const { result } = record(crashed);
    const { reset, connect_failure } = result.requests.byCause;
    expect(reset).toBeGreaterThan(0);
    // A crash skips the preStop that outlasts the propagation: until the ingress's view
    // drops the pod (cluster.endpointPropagation), the calls sent to it are refused.
    expect(connect_failure).toBeGreaterThan(0);
    expect(result.requests.failed).toBe(reset + connect_failure);
  });
});
