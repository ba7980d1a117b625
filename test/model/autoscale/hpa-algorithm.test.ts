import { describe, expect, it } from 'vitest';
import { HpaHistory, withDefaults } from '../../../src/model/autoscale/hpa-normalize.js';
import {
  type HpaPod,
  podsAverageValueReplicas,
  resourceUtilizationReplicas,
} from '../../../src/model/autoscale/replica-calculator.js';

/**
 * The HPA's arithmetic against Kubernetes: the worked examples of
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/ ("Algorithm
 * details", "Configurable scaling behavior") and the cases of
 * pkg/controller/podautoscaler/replica_calculator.go (missing metrics, not-ready pods).
 */
const NOW = 1_000_000;

/** A running, ready pod started long ago, with a metric sampled now over 15 s. */
function pod(name: string, value: number | undefined, change: Partial<HpaPod> = {}): HpaPod {
  return {
    name,
    phase: 'Running',
    ready: true,
    startMs: 0,
    readyTransitionMs: 10_000,
    requestMilli: 1000,
    metric:
      value === undefined ? undefined : { valueMilli: value, timestampMs: NOW, windowMs: 15_000 },
    ...change,
  };
}

const pods = (values: (number | undefined)[]) => values.map((v, i) => pod(`web-${i}`, v));

describe('the replica count for a metric (docs: desiredReplicas = ceil[currentReplicas × currentMetricValue / desiredMetricValue])', () => {
  it('doubles the replicas when the metric is 200m against a target of 100m', () => {
    expect(podsAverageValueReplicas(pods([200, 200]), 2, 100, NOW)).toEqual({
      replicas: 4,
      observed: 200,
    });
  });

  it('halves them at 50m against 100m', () => {
    expect(podsAverageValueReplicas(pods([50, 50, 50, 50]), 4, 100, NOW)?.replicas).toBe(2);
  });

  it('keeps the replicas at a ratio of 1.09 (within the 0.1 tolerance) and scales at 1.11', () => {
    const at = (milli: number) =>
      resourceUtilizationReplicas(pods(Array(10).fill(milli)), 10, 100, NOW);
    expect(at(1090)).toEqual({ replicas: 10, observed: 109 });
    expect(at(1110)).toEqual({ replicas: 12, observed: 111 });
    expect(at(910)?.replicas).toBe(10);
    expect(at(890)?.replicas).toBe(9);
  });

  it('truncates the utilization to a whole percent before comparing (GetResourceUtilizationRatio)', () => {
    // 1099m of 1000m is 109.9 %, read as 109 %: within the tolerance.
    expect(resourceUtilizationReplicas(pods([1099]), 1, 100, NOW)).toEqual({
      replicas: 1,
      observed: 109,
    });
  });

  it('has no proposal when no pod has a metric', () => {
    expect(resourceUtilizationReplicas(pods([undefined, undefined]), 2, 50, NOW)).toBeUndefined();
  });
});

describe('missing metrics and not-ready pods (replica_calculator.go)', () => {
  it('assumes a pod with no metric uses 100 % of its request on a scale-down', () => {
    // 3 pods at 10 % of 500m and one missing, target 50 %: naively ceil(0.2 × 3) = 1; with
    // the missing pod at 500m: (150 + 500) / 2000 = 32 % → ceil(0.64 × 4) = 3.
    const half = (v: number | undefined, i: number) => pod(`p${i}`, v, { requestMilli: 500 });
    const list = [50, 50, 50, undefined].map(half);
    expect(resourceUtilizationReplicas(list, 4, 50, NOW)).toEqual({ replicas: 3, observed: 10 });
  });

  it('assumes it uses 0 on a scale-up, and never scales against the ratio', () => {
    // 2 pods at 60 %, 3 missing, target 50 %: naively ceil(1.2 × 2) = 3 (fewer than 5);
    // with the missing at 0: 600 / 2500 = 24 %, the direction changed: 5 stay.
    const list = pods([600, 600, undefined, undefined, undefined]);
    expect(resourceUtilizationReplicas(list, 5, 50, NOW)?.replicas).toBe(5);
  });

  it('counts not-ready pods as using 0 on a scale-up, which can cancel it', () => {
    // 2 ready pods at 100 %, 2 not ready (in their first 5 minutes), target 50 %: naively 4;
    // with the two at 0: 50 % exactly, within the tolerance: the current 4.
    const fresh = { ready: false, startMs: NOW - 60_000, readyTransitionMs: NOW - 60_000 };
    const list = [pod('a', 1000), pod('b', 1000), pod('c', 900, fresh), pod('d', 900, fresh)];
    expect(resourceUtilizationReplicas(list, 4, 50, NOW)?.replicas).toBe(4);
  });

  it('ignores a new pod whose sample began before it became ready', () => {
    const young = { startMs: NOW - 60_000, readyTransitionMs: NOW - 10_000 };
    const list = [pod('a', 100), pod('b', 100), pod('c', 1000, young)];
    // 'c' is unready for CPU; the others are at 10 % of a 50 % target: ceil(0.2 × 2) = 1.
    expect(resourceUtilizationReplicas(list, 3, 50, NOW)?.replicas).toBe(1);
  });

  it('after the CPU initialization period counts a pod that was ready once, not one never ready', () => {
    const wasReady = { ready: false, startMs: 0, readyTransitionMs: 200_000 };
    const neverReady = { ready: false, startMs: 0, readyTransitionMs: 5_000 };
    expect(
      resourceUtilizationReplicas([pod('a', 500), pod('b', 1000, wasReady)], 2, 50, NOW)?.replicas,
    ).toBe(3);
    expect(
      resourceUtilizationReplicas([pod('a', 500), pod('b', 1000, neverReady)], 2, 50, NOW)
        ?.replicas,
    ).toBe(2);
  });

  it('ignores Pending and deleting pods', () => {
    const list = [
      pod('a', 1000),
      pod('b', 1000, { phase: 'Pending' }),
      pod('c', 1000, { phase: 'Deleting' }),
    ];
    expect(resourceUtilizationReplicas(list, 3, 50, NOW)?.replicas).toBe(2);
  });
});

/** The replicas over successive 15 s syncs, the metrics always proposing `desired`. */
function syncs(
  history: HpaHistory,
  start: number,
  desired: number,
  count: number,
  min = 1,
  max = 1000,
): number[] {
  const seen: number[] = [];
  let current = start;
  for (let i = 0; i < count; i++) {
    const now = i * 15_000;
    const { replicas } = history.normalize(now, current, desired, min, max);
    history.recordScale(now, current, replicas);
    current = replicas;
    seen.push(current);
  }
  return seen;
}

describe('behavior (docs: "Configurable scaling behavior")', () => {
  it('scales up by the default behavior: the higher of 4 pods and 100 % per 15 s', () => {
    expect(syncs(new HpaHistory(withDefaults({})), 1, 40, 5)).toEqual([5, 10, 20, 40, 40]);
  });

  it('without a behavior, limits each sync to max(2 × current, 4) (convertDesiredReplicasWithRules)', () => {
    expect(syncs(new HpaHistory(undefined), 1, 40, 5)).toEqual([4, 8, 16, 32, 40]);
  });

  it('scales down 80 replicas by 8, then 8 (10 % of 72 rounded as the docs say), then 4 a minute below 40', () => {
    const history = new HpaHistory(
      withDefaults({
        scaleDown: {
          stabilizationWindowSeconds: 0,
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 60 },
            { type: 'Percent', value: 10, periodSeconds: 60 },
          ],
        },
      }),
    );
    const perMinute = syncs(history, 80, 10, 4 * 12).filter((_, i) => i % 4 === 0);
    expect(perMinute).toEqual([72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16]);
  });

  it('with selectPolicy Min removes at most 5 pods a minute (Percent 10 and Pods 5)', () => {
    const history = new HpaHistory(
      withDefaults({
        scaleDown: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Min',
          policies: [
            { type: 'Percent', value: 10, periodSeconds: 60 },
            { type: 'Pods', value: 5, periodSeconds: 60 },
          ],
        },
      }),
    );
    expect(syncs(history, 80, 10, 9)).toEqual([75, 75, 75, 75, 70, 70, 70, 70, 65]);
  });

  it('does not scale down while a higher recommendation is within the 300 s window', () => {
    const history = new HpaHistory(withDefaults({}));
    expect(history.normalize(0, 10, 10, 1, 20).replicas).toBe(10);
    const seen = [15_000, 285_000, 300_000, 315_000].map((t) => history.normalize(t, 10, 4, 1, 20));
    // the recommendation of 10 at 0 s holds until the window has passed it (strictly after the cutoff)
    expect(seen.map((s) => s.replicas)).toEqual([10, 10, 4, 4]);
    expect(seen[0]!.stabilized).toBe(10);
  });

  it('never scales down with selectPolicy Disabled', () => {
    const history = new HpaHistory(
      withDefaults({ scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } }),
    );
    expect(syncs(history, 10, 2, 3)).toEqual([10, 10, 10]);
  });

  it('stops at maxReplicas and minReplicas and names the limit', () => {
    const history = new HpaHistory(withDefaults({ scaleDown: { stabilizationWindowSeconds: 0 } }));
    expect(history.normalize(0, 4, 50, 1, 6)).toEqual({
      replicas: 6,
      stabilized: 50,
      limitedBy: 'TooManyReplicas',
    });
    expect(history.normalize(15_000, 4, 50, 1, 100).limitedBy).toBe('ScaleUpLimit');
    expect(history.normalize(30_000, 4, 1, 2, 100)).toEqual({
      replicas: 2,
      stabilized: 1,
      limitedBy: 'TooFewReplicas',
    });
  });
});
