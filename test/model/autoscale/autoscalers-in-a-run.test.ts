import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/simulate.js';
import { loadScenario } from '../../support/scenario-files.js';

/** The autoscalers in a run, against the timelines computed by hand in the fixtures' comments. */
describe('the cluster autoscaler', () => {
  const result = simulate(loadScenario('cluster-autoscaler-hand'), { seed: 1 });
  const actions = result.autoscaling!.decisions.map((d) => [
    d.timeS,
    d.reason,
    d.current,
    d.replicas,
    d.node,
  ]);

  it('adds a node for a Pending pod at its scan and removes it after ten unneeded minutes', () => {
    expect(actions).toEqual([
      [10, 'ScaleUp', 1, 2, null],
      [670, 'ScaleDown', 2, 1, 'general-1'],
    ]);
  });

  it('bills the added node only while it exists', () => {
    const added = result.ledger.nodes.find((n) => n.node === 'general-1')!;
    expect([added.addedMs, added.removedMs, added.nodeSeconds]).toEqual([40_000, 670_000, 630]);
  });

  it('schedules the Pending pod on the new node when it joins', () => {
    const pod = result.ledger.pods.find((p) => p.pod === 'web-1')!;
    expect(pod.node).toBe('general-1');
  });
});

describe('an HPA on requests per second', () => {
  const result = simulate(loadScenario('hpa-request-rate'), { seed: 1 });
  const syncs = result.autoscaling!.decisions.map((d) => [
    d.timeS,
    d.observed,
    d.current,
    d.desired,
    d.replicas,
    d.reason,
  ]);

  it('has no metric at its first sync and doubles the pods at 20/s against 10/s', () => {
    expect(syncs).toEqual([
      [0, null, 2, 2, 2, 'FailedGetMetrics'],
      [15, 20, 2, 4, 4, 'DesiredWithinRange'],
    ]);
  });

  it('is caught up when the new pods are ready, the phases adding up to the whole', () => {
    const [catchUp] = result.autoscaling!.catchUps;
    expect(catchUp).toMatchObject({
      service: 'web',
      startS: 0,
      caughtUpS: 16,
      replicasFrom: 2,
      replicasTo: 4,
    });
    expect(
      catchUp!.metricLagS +
        catchUp!.hpaDecisionS! +
        catchUp!.schedulingS! +
        catchUp!.imagePullAndStartS! +
        catchUp!.readinessS!,
    ).toBeCloseTo(catchUp!.durationS!, 9);
  });
});
