import { describe, expect, it } from 'vitest';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

function run(scenario: Scenario) {
  const listener = new RecordingLifecycleListener();
  const result = simulate(scenario, { lifecycleListener: listener });
  return { listener, result, rollout: result.rollouts![0]! };
}

type Strategy = NonNullable<Scenario['services'][string]['strategy']>;

/** canary-10.yaml with web's strategy and the rollout's error rate changed. */
function canary10(strategy: (s: Strategy) => Strategy, errorRate?: number, duration?: number) {
  const scenario = loadScenario('canary-10');
  const web = scenario.services.web!;
  return {
    ...scenario,
    duration: duration ?? scenario.duration,
    services: { web: { ...web, strategy: strategy(web.strategy!) } },
    events: [
      {
        at: 10_000,
        rollout: {
          service: 'web',
          version: 'v2',
          ...(errorRate === undefined ? {} : { endpoints: { get: { errorRate } } }),
        },
      },
    ],
  } as Scenario;
}

/** When each pod of a version first entered a phase. */
function phaseTimes(listener: RecordingLifecycleListener, version: string, phase: string) {
  const pods = new Set(
    listener.records.flatMap((r) =>
      r.kind === 'podCreated' && r.version === version ? [r.pod] : [],
    ),
  );
  return listener.records.flatMap((r) =>
    r.kind === 'podPhaseChanged' && r.phase === phase && pods.has(r.pod) ? [r.at] : [],
  );
}

const analysis = (failureLimit: number) => ({
  metrics: [
    {
      name: 'errors',
      interval: 10_000,
      successCondition: 'errorRate <= 5%',
      failureLimit,
      consecutiveErrorLimit: 4,
    },
  ],
});

describe('an Argo canary of a good version through the mesh (canary-10.yaml)', () => {
  const { rollout, listener } = run(loadScenario('canary-10'));

  it('promotes after the sum of its pauses and the starts of its pods, as computed by hand', () => {
    expect(rollout).toMatchObject({
      outcome: 'promoted',
      startS: 10,
      endS: 67,
      strategy: 'canary',
    });
    expect(rollout.argo).toMatchObject({ stepsReached: 4, steps: 4, detectedS: null });
  });

  it('names no failed metric: no analysis failed', () => {
    expect(rollout.argo).toMatchObject({
      failedMetric: null,
      failedMetricLastValue: null,
      failedMetricReason: null,
    });
  });

  it('scales the canary to ceil(weight x replicas) per step while the stable keeps all 10', () => {
    const ready = phaseTimes(listener, 'v2', 'Ready');
    expect(ready).toEqual([
      15_000, 15_000, 36_000, 36_000, 36_000, 67_000, 67_000, 67_000, 67_000, 67_000,
    ]);
    expect(rollout.peakPods).toBe(20);
    expect(rollout.lowestAvailable).toBe(10);
  });

  it('scales the old stable down scaleDownDelaySeconds (30 s) after promotion', () => {
    const terminating = phaseTimes(listener, 'v1', 'Terminating');
    expect(terminating).toHaveLength(10);
    expect(new Set(terminating)).toEqual(new Set([97_000]));
  });
});

describe('an Argo canary of a bad version with a background analysis', () => {
  // Every call to v2 fails; measurements each 10 s from the rollout (10 s): at 20 s and 30 s
  // the canary (ready at 15 s, 20% of calls) has failed calls to judge.
  for (const failureLimit of [0, 1, 2]) {
    it(`aborts after exactly failureLimit + 1 = ${failureLimit + 1} failed measurements`, () => {
      const { rollout, listener } = run(
        canary10((s) => ({ ...s, canary: { ...s.canary!, analysis: analysis(failureLimit) } }), 1),
      );
      const abortS = 10 + 10 * (failureLimit + 1);
      expect(rollout).toMatchObject({ outcome: 'aborted', endS: abortS });
      expect(rollout.argo).toMatchObject({ analysisRuns: 1, analysisFailures: failureLimit + 1 });
      expect(rollout.argo!.detectedS).toBe(abortS);
      // every call to v2 failed: the last measurement is 100%, Argo's reason names the limit
      expect(rollout.argo).toMatchObject({
        failedMetric: 'errors',
        failedMetricLastValue: '100%',
        failedMetricReason: `failed (${failureLimit + 1}) > failureLimit (${failureLimit})`,
      });
      // abortScaleDownDelaySeconds (30 s) after the abort, the canary goes
      const terminating = phaseTimes(listener, 'v2', 'Terminating');
      expect(new Set(terminating)).toEqual(new Set([(abortS + 30) * 1000]));
    });
  }

  it('sends no more calls to the canary once the push of weight 0 has reached every proxy', () => {
    const strategy = (s: Strategy) => ({
      ...s,
      canary: { ...s.canary!, analysis: analysis(0), abortScaleDownDelaySeconds: 0 },
    });
    // Aborted at 20 s; the canary keeps its pods (abortScaleDownDelaySeconds 0). A run that
    // ends 5 s after the abort and one that ends 80 s after it met v2 with the same calls.
    const short = run(canary10(strategy, 1, 25_000)).rollout.argo!;
    const long = run(canary10(strategy, 1, 100_000)).rollout.argo!;
    expect(short.detectedS).toBe(20);
    expect(long.requestsToNewVersion).toBe(short.requestsToNewVersion);
    expect(long.failedAtNewVersion).toBe(long.requestsToNewVersion);
    expect(long.requestsToNewVersion).toBeGreaterThan(0);
  });
});

describe('an Argo canary aborted by hand (kubectl argo rollouts abort)', () => {
  it('is aborted with nothing detected and no failed metric', () => {
    const scenario = canary10((s) => ({
      ...s,
      canary: { ...s.canary!, analysis: analysis(0) },
    }));
    // v2 is good: its background analysis would pass; the abort event ends the rollout at 12 s.
    const { rollout } = run({
      ...scenario,
      events: [...scenario.events!, { at: 12_000, abort: { service: 'web' } }],
    } as Scenario);
    expect(rollout).toMatchObject({ outcome: 'aborted', endS: 12 });
    expect(rollout.argo).toMatchObject({
      detectedS: null,
      failedMetric: null,
      failedMetricLastValue: null,
      failedMetricReason: null,
    });
  });
});

describe('the mesh split of a canary step', () => {
  it('sends the canary a share of calls binomially within 4 standard deviations of the weight', () => {
    // setWeight 20, then an indefinite pause: 20% from the push (just after 15 s) to 120 s.
    const scenario = canary10((s) => ({
      ...s,
      canary: { ...s.canary!, steps: [{ setWeight: 20 }, { pause: {} }] },
    }));
    const { rollout } = run(scenario);
    expect(rollout.outcome).toBe('in-progress');
    const served = rollout.argo!.requestsToNewVersion;
    // 100 calls/s from 16 s (after the push) to 120 s
    const n = 100 * (120 - 16);
    const sd = Math.sqrt(n * 0.2 * 0.8);
    expect(Math.abs(served - n * 0.2)).toBeLessThan(4 * sd);
  });
});
