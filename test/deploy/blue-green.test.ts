import { describe, expect, it } from 'vitest';
import { rolloutsSection } from '../../src/cli/rollouts-section.js';
import { RecordingLifecycleListener } from '../../src/model/cluster/recording-listener.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

/** canary-10.yaml as a blue/green Rollout, v2 failing this share of its calls. */
function blueGreen(errorRate: number, postPromotionAnalysis?: object): Scenario {
  const scenario = loadScenario('canary-10');
  const web = scenario.services.web!;
  return {
    ...scenario,
    services: {
      web: {
        ...web,
        strategy: {
          ...web.strategy!,
          canary: undefined,
          blueGreen: {
            autoPromotionEnabled: true,
            scaleDownDelaySeconds: 30,
            abortScaleDownDelaySeconds: 30,
            ...(postPromotionAnalysis === undefined ? {} : { postPromotionAnalysis }),
          },
        },
      },
    },
    events: [
      { at: 10_000, rollout: { service: 'web', version: 'v2', endpoints: { get: { errorRate } } } },
    ],
  } as Scenario;
}

function run(scenario: Scenario) {
  const listener = new RecordingLifecycleListener();
  const result = simulate(scenario, { lifecycleListener: listener });
  return { listener, rollout: result.rollouts![0]! };
}

/** When the pods of a version entered a phase. */
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

describe('an Argo blue/green rollout of 10 replicas (canary-10.yaml with blueGreen)', () => {
  it('switches once green is ready (15 s) and scales blue down scaleDownDelaySeconds later', () => {
    const { rollout, listener } = run(blueGreen(0));
    // green: 10 pods, v2 pulled (4 s) and started (1 s) from 10 s
    expect(new Set(phaseTimes(listener, 'v2', 'Ready'))).toEqual(new Set([15_000]));
    expect(rollout).toMatchObject({ strategy: 'blueGreen', outcome: 'promoted', endS: 15 });
    expect(rolloutsSection([rollout])).toContain('no analysis failed');
    expect(rollout.peakPods).toBe(20);
    const blueGone = phaseTimes(listener, 'v1', 'Terminating');
    expect(blueGone).toHaveLength(10);
    expect(new Set(blueGone)).toEqual(new Set([45_000]));
  });

  it('sends green every call at once after the switch, and goes back to blue on a failed postPromotionAnalysis', () => {
    const analysis = {
      metrics: [
        {
          name: 'errors',
          interval: 10_000,
          successCondition: 'errorRate <= 5%',
          failureLimit: 0,
          consecutiveErrorLimit: 4,
        },
      ],
    };
    const { rollout, listener } = run(blueGreen(1, analysis));
    // switched at 15 s, measured at 25 s: aborted, back to blue (still running)
    expect(rollout).toMatchObject({ outcome: 'aborted', endS: 25 });
    expect(rollout.argo!.detectedS).toBe(25);
    expect(rollout.argo).toMatchObject({
      failedMetric: 'errors',
      failedMetricLastValue: '100%',
      failedMetricReason: 'failed (1) > failureLimit (0)',
    });
    // The terminal's summary names it too.
    expect(rolloutsSection([rollout])).toContain(
      'bad version detected at 25.0 s by errors (100%: failed (1) > failureLimit (0))',
    );
    // 100 calls/s all to green from the switch to the push back after 25 s, every one
    // failed. A caller's proxy takes the switch only after green's 10 endpoints, made ready
    // at 15 s, have reached it (one xDS order): the last of 10 endpointPropagation draws,
    // lognormal(median 1 s, p99 5 s), about 2.9 s at its median (e^(1.54 σ), σ = ln 5 / 2.326),
    // so the switch lands near 17.9 s: about 730 calls. (Without the one order a proxy took
    // the switch about 0.2 s after 15 s: about 1,000 calls to whichever green pods it saw,
    // and 503 UH while it saw none.)
    const met = rollout.argo!.requestsToNewVersion;
    expect(met).toBeGreaterThan(600);
    expect(met).toBeLessThan(850);
    expect(rollout.argo!.failedAtNewVersion).toBe(met);
    expect(phaseTimes(listener, 'v1', 'Terminating')).toEqual([]);
    // green goes abortScaleDownDelaySeconds (30 s) after the abort
    expect(new Set(phaseTimes(listener, 'v2', 'Terminating'))).toEqual(new Set([55_000]));
  });

  it('names the metric that errored when a prePromotionAnalysis finds no call, with no value', () => {
    // Nothing calls the preview: each measurement (every 10 s from 15 s) is an Error, and the
    // fifth in a row exceeds consecutiveErrorLimit 4: aborted at 65 s.
    const scenario = blueGreen(0);
    const strategy = scenario.services.web!.strategy!;
    const metrics = [
      { name: 'p99', interval: 10_000, successCondition: 'p99 <= 100ms', failureLimit: 0 },
    ].map((m) => ({ ...m, consecutiveErrorLimit: 4 }));
    const { rollout } = run({
      ...scenario,
      services: {
        web: {
          ...scenario.services.web!,
          strategy: {
            ...strategy,
            blueGreen: { ...strategy.blueGreen!, prePromotionAnalysis: { metrics } },
          },
        },
      },
    } as Scenario);
    expect(rollout).toMatchObject({ outcome: 'aborted', endS: 65 });
    expect(rollout.argo).toMatchObject({
      detectedS: 65,
      failedMetric: 'p99',
      failedMetricLastValue: null,
      failedMetricReason: 'consecutiveErrors (5) > consecutiveErrorLimit (4)',
    });
    expect(rolloutsSection([rollout])).toContain(
      'detected at 65.0 s by p99 (no data: consecutiveErrors (5) > consecutiveErrorLimit (4))',
    );
  });
});
