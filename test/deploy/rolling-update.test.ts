import { describe, expect, it } from 'vitest';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

const s = (seconds: number) => seconds * 1000;

function record(scenario: Scenario) {
  const listener = new RecordingLifecycleListener();
  const result = simulate(scenario, { lifecycleListener: listener });
  return { listener, result };
}

/** rolling-3.yaml with its service and events changed. */
function rolling3(
  change: (web: Scenario['services'][string]) => Scenario['services'][string],
  events?: Scenario['events'],
): Scenario {
  const scenario = loadScenario('rolling-3');
  return {
    ...scenario,
    services: { web: change(scenario.services.web!) },
    events: events ?? scenario.events,
  };
}

describe('a rolling update of 3 replicas with 25%/25% (rolling-3.yaml)', () => {
  const { listener, result } = record(loadScenario('rolling-3'));

  it('surges one pod at a time and never has fewer than 3 ready, as computed by hand', () => {
    expect(listener.countsAt(s(10))).toEqual({ Ready: 3, PullingImage: 1 });
    expect(listener.countsAt(s(14))).toEqual({ Ready: 3, Starting: 1 });
    // web-2 holds a call of 1 ms when it is deleted at 15 s: it drains, then goes.
    expect(listener.countsAt(s(15))).toEqual({ Ready: 3, Starting: 1, Terminating: 1 });
    expect(listener.countsAt(s(15.5))).toEqual({ Ready: 3, Starting: 1 });
    expect(listener.countsAt(s(16.5))).toEqual({ Ready: 3, Starting: 1 });
    expect(listener.countsAt(s(17))).toEqual({ Ready: 3 });
    const terminated = listener.records
      .filter((r) => r.kind === 'podPhaseChanged' && r.phase === 'Terminating')
      .map((r) => [r.at, 'pod' in r ? r.pod : '']);
    expect(terminated).toEqual([
      [s(15), 'web-2'],
      [s(16), 'web-1'],
      [s(17), 'web-0'],
    ]);
  });

  it('reports the rollout: 7 s, complete, peak 4 pods, lowest 3 available', () => {
    expect(result.rollouts).toEqual([
      expect.objectContaining({
        service: 'web',
        fromRevision: 1,
        toRevision: 2,
        fromVersion: 'v1',
        toVersion: 'v2',
        strategy: 'RollingUpdate',
        replicas: 3,
        startS: 10,
        endS: 17,
        durationS: 7,
        outcome: 'complete',
        peakPods: 4,
        lowestAvailable: 3,
      }),
    ]);
  });
});

describe('the rollout listener (what a pipeline waits for)', () => {
  it('is told when each rollout ends, with its revision, outcome and time', () => {
    const finished: [string, number, string, number][] = [];
    const bad = { at: s(10), rollout: { service: 'web', version: 'v2' } };
    simulate(
      rolling3((web) => web, [bad, { at: s(16.5), rollback: { service: 'web' } }]),
      {
        rolloutListener: {
          rolloutFinished: (service, revision, outcome, timeMs) =>
            finished.push([service, revision, outcome, timeMs]),
        },
      },
    );
    expect(finished).toEqual([
      ['web', 2, 'rolled-back', s(16.5)],
      ['web', 3, 'complete', expect.any(Number)],
    ]);
  });
});

describe('Recreate', () => {
  const scenario = rolling3((web) => ({
    ...web,
    strategy: {
      type: 'Recreate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      progressDeadlineSeconds: 600,
    },
  }));
  const { listener, result } = record(scenario);

  it('deletes every old pod first, then starts the new ones: a gap with no pod ready', () => {
    // The last old pod drains its call of 1 ms: the new ReplicaSet is scaled up at 10.001 s.
    expect(listener.countsAt(s(10))).toEqual({ Terminating: 1 });
    expect(listener.countsAt(s(10.5))).toEqual({ PullingImage: 3 });
    expect(listener.countsAt(s(15))).toEqual({ Starting: 3 });
    expect(listener.countsAt(s(15.001))).toEqual({ Ready: 3 });
    expect(result.rollouts).toEqual([
      expect.objectContaining({
        durationS: 5.001,
        outcome: 'complete',
        peakPods: 3,
        lowestAvailable: 0,
      }),
    ]);
    // 10 requests/s find no ready pod for 5 s.
    expect(result.requests.failed).toBeGreaterThanOrEqual(45);
  });
});

describe('progressDeadlineSeconds', () => {
  it('marks a rollout whose pods never fit failed a second after the deadline, and leaves the old pods', () => {
    const scenario = rolling3(
      (web) => ({
        ...web,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
          progressDeadlineSeconds: 5,
        },
      }),
      [
        {
          at: s(10),
          rollout: {
            service: 'web',
            version: 'v2',
            resources: { requests: { cpu: 64, memory: 64 * 2 ** 20 }, limits: {} },
          },
        },
      ],
    );
    const { listener, result } = record(scenario);
    // The new pod stays Pending (no node has 64 cores); nothing was undone.
    expect(listener.countsAt(s(29))).toEqual({ Ready: 3, Pending: 1 });
    expect(result.rollouts).toEqual([
      expect.objectContaining({
        endS: 16,
        durationS: 6,
        outcome: 'failed-deadline',
        peakPods: 4,
        lowestAvailable: 3,
      }),
    ]);
  });
});

describe('rollback (kubectl rollout undo)', () => {
  const bad = {
    at: s(10),
    rollout: { service: 'web', version: 'v2', endpoints: { get: { errorRate: 1 } } },
  };

  it('returns to the previous revision as a new one, by the same rolling update', () => {
    const { result } = record(
      rolling3((web) => web, [bad, { at: s(20), rollback: { service: 'web' } }]),
    );
    expect(
      result.rollouts?.map((r) => [
        r.fromRevision,
        r.toRevision,
        r.toVersion,
        r.startS,
        r.endS,
        r.outcome,
      ]),
    ).toEqual([
      [1, 2, 'v2', 10, 17, 'complete'],
      // v1's image is on the node: each pod starts in 1 s.
      [2, 3, 'v1', 20, 23, 'complete'],
    ]);
  });

  it('ends a rollout still going as rolled-back, counting what the new version served', () => {
    const { result } = record(
      rolling3((web) => web, [bad, { at: s(16.5), rollback: { service: 'web' } }]),
    );
    const [first, second] = result.rollouts!;
    expect(first).toEqual(expect.objectContaining({ endS: 16.5, outcome: 'rolled-back' }));
    expect(first!.servedByNew).toBeGreaterThan(0);
    expect(second).toEqual(
      expect.objectContaining({
        fromRevision: 2,
        toRevision: 3,
        toVersion: 'v1',
        outcome: 'complete',
      }),
    );
  });
});

describe('preStop against endpoint propagation during a rollout (rollout-vs-propagation.yaml)', () => {
  const withPreStop = (preStopMs: number) => {
    const scenario = loadScenario('rollout-vs-propagation');
    const backend = scenario.services.backend!;
    return simulate({
      ...scenario,
      services: {
        ...scenario.services,
        backend: { ...backend, lifecycle: { ...backend.lifecycle, preStop: preStopMs } },
      },
    });
  };

  it('without preStop, the calls routed to gone pods fail: about 600 by hand', () => {
    const result = withPreStop(0);
    const failed = result.requests.byCause.connect_failure;
    expect(failed).toBeGreaterThanOrEqual(590);
    expect(failed).toBeLessThanOrEqual(610);
    expect(result.requests.failed).toBe(failed);
    // During the rollout (10 to 13 s): [11,12) 100 and [12,13) 200; the rest after it ends.
    const during = result.rollouts![0]!.failedRequests;
    expect(during).toBeGreaterThanOrEqual(295);
    expect(during).toBeLessThanOrEqual(305);
  });

  it('with a preStop of 1 s, shorter than the 2 s propagation, about 300', () => {
    const failed = withPreStop(1000).requests.byCause.connect_failure;
    expect(failed).toBeGreaterThanOrEqual(295);
    expect(failed).toBeLessThanOrEqual(305);
  });

  it('with a preStop of 3 s, longer than the propagation, none', () => {
    const result = withPreStop(3000);
    expect(result.requests.failed).toBe(0);
    expect(result.rollouts![0]).toEqual(
      expect.objectContaining({ outcome: 'complete', failedRequests: 0 }),
    );
  });
});
