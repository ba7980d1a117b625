import { describe, expect, it } from 'vitest';
import {
  approximateWeightedCounts,
  basicCanaryCounts,
  trafficRoutedCounts,
} from '../../src/model/deploy/canary-arithmetic.js';
import { resolveFenceposts } from '../../src/model/deploy/rolling-arithmetic.js';

/**
 * The cases of argoproj/argo-rollouts utils/replicaset/canary_test.go (commit 9f8d111):
 * TestCalculateReplicaCountsForCanary (those without an older ReplicaSet, setCanaryScale,
 * trafficRouting or promoteFull) and
 * TestApproximateWeightedNewStableReplicaCounts, with their expected counts.
 */
type Case = [
  name: string,
  replicas: number,
  weight: number,
  maxSurge: number | string,
  maxUnavailable: number | string,
  stableSpec: number,
  stableAvailable: number,
  canarySpec: number,
  canaryAvailable: number,
  expectedStable: number,
  expectedCanary: number,
];

const CALCULATE_REPLICA_COUNTS_FOR_CANARY: Case[] = [
  [
    'Do not add extra RSs in scaleDownCount when .Spec.Replica < AvailableReplicas',
    10,
    100,
    3,
    0,
    7,
    8,
    6,
    3,
    7,
    6,
  ],
  ['Use max surge int to scale up canary', 10, 20, 2, 0, 10, 10, 0, 0, 10, 2],
  ['Use max surge percentage to scale up canary', 10, 20, '20%', 0, 10, 10, 0, 0, 10, 2],
  ['Scale down extra stable replicas', 10, 20, '20%', 0, 10, 10, 2, 2, 8, 2],
  ['Do not go past max surge', 10, 30, 2, 0, 10, 10, 0, 0, 10, 2],
  ['Use max unavailable int to scale down stableRS', 10, 20, 0, 2, 10, 10, 0, 0, 8, 0],
  ['Use max surge percentage to scale down stableRS', 10, 20, 0, '20%', 10, 10, 0, 0, 8, 0],
  ['Do not go past max unavailable', 10, 30, 0, 2, 10, 10, 0, 0, 8, 0],
  ['Use Max Surge and Max Unavailable', 10, 50, 2, 1, 10, 10, 0, 0, 9, 2],
  ['Scale canaryRS to zero on setWeight of 0%', 10, 0, 1, 1, 10, 10, 1, 1, 10, 0],
  ['Scale stable to zero on setWeight of 100%', 10, 100, 1, 1, 1, 1, 10, 10, 0, 10],
  ['Do not scale canaryRS down to zero on non-zero weight', 1, 20, 1, 0, 1, 1, 0, 0, 1, 1],
  ['Do not scale canaryRS down to zero on non-100 weight', 1, 90, 1, 0, 1, 1, 0, 0, 1, 1],
  ['Scale canaryRS to zero on <50 weight without surge', 1, 49, 0, 1, 1, 1, 0, 0, 1, 0],
  ['Scale stableRS down to zero on >=50 weight without surge', 1, 51, 0, 1, 1, 1, 0, 0, 0, 0],
  [
    'Scale canaryRS to one on >=50 weight without surge and stable replicas',
    1,
    51,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
    1,
  ],
  ['Scale down canaryRS and stable', 10, 30, 0, 3, 8, 5, 4, 4, 7, 3],
  ['Scale down stable and canary available', 10, 100, 1, 0, 10, 2, 10, 8, 2, 9],
  ['Do not round past maxSurge with uneven setWeight divisor', 10, 5, 0, 1, 10, 10, 0, 0, 9, 0],
  [
    'Do not round past maxSurge with uneven setWeight divisor (part 2)',
    10,
    5,
    0,
    1,
    9,
    9,
    0,
    0,
    9,
    1,
  ],
  [
    'Use maxUnavailable of 1 when percentage of maxUnavailable and maxSurge result in 0 replicas',
    10,
    10,
    '0%',
    '0%',
    10,
    10,
    0,
    0,
    9,
    0,
  ],
  ['honor maxSurge during scale up when stableRS unavailable', 4, 100, 1, 0, 4, 1, 0, 0, 4, 1],
  ['scale down to maxunavailable without exceeding maxSurge', 3, 99, 0, 2, 3, 3, 0, 0, 1, 0],
  [
    'scale down to maxunavailable without exceeding maxSurge (part 2)',
    3,
    99,
    0,
    2,
    1,
    1,
    0,
    0,
    1,
    2,
  ],
  ['honor maxUnavailable when aborting or reducing weight part 1', 4, 0, 1, 0, 0, 0, 4, 4, 1, 4],
  ['honor maxUnavailable when aborting or reducing weight part 2', 4, 0, 1, 0, 1, 0, 4, 4, 1, 4],
  ['honor maxUnavailable when aborting or reducing weight part 3', 4, 0, 1, 0, 1, 1, 4, 4, 1, 3],
];

describe("the basic canary's replica counts are Argo Rollouts' (CalculateReplicaCountsForBasicCanary)", () => {
  for (const [
    name,
    replicas,
    weight,
    maxSurge,
    maxUnavailable,
    ...rest
  ] of CALCULATE_REPLICA_COUNTS_FOR_CANARY) {
    const [stableSpec, stableAvailable, canarySpec, canaryAvailable, expStable, expCanary] = rest;
    it(name, () => {
      const { surge, unavailable } = resolveFenceposts(
        maxSurge as never,
        maxUnavailable as never,
        replicas,
      );
      const [canary, stable] = basicCanaryCounts(
        replicas,
        weight,
        surge,
        unavailable,
        { replicas: canarySpec, available: canaryAvailable },
        { replicas: stableSpec, available: stableAvailable },
        0,
      );
      expect({ stable, canary }).toEqual({ stable: expStable, canary: expCanary });
    });
  }
});

/** [replicas, weight, maxSurge, canary, stable], maxWeight 100 */
const APPROXIMATE: [number, number, number, number, number][] = [
  [0, 0, 0, 0, 0],
  [0, 50, 0, 0, 0],
  [0, 100, 0, 0, 0],
  [0, 0, 1, 0, 0],
  [0, 50, 1, 0, 0],
  [0, 100, 1, 0, 0],
  [1, 0, 0, 0, 1],
  [1, 1, 0, 0, 1],
  [1, 49, 0, 0, 1],
  [1, 50, 0, 1, 0],
  [1, 99, 0, 1, 0],
  [1, 100, 0, 1, 0],
  [1, 0, 1, 0, 1],
  [1, 1, 1, 1, 1],
  [1, 49, 1, 1, 1],
  [1, 50, 1, 1, 1],
  [1, 99, 1, 1, 1],
  [1, 100, 1, 1, 0],
  [2, 0, 0, 0, 2],
  [2, 1, 0, 1, 1],
  [2, 50, 0, 1, 1],
  [2, 99, 0, 1, 1],
  [2, 100, 0, 2, 0],
  [2, 0, 1, 0, 2],
  [2, 1, 1, 1, 2],
  [2, 50, 1, 1, 1],
  [2, 99, 1, 2, 1],
  [2, 100, 1, 2, 0],
  [3, 10, 0, 1, 2],
  [3, 25, 0, 1, 2],
  [3, 33, 0, 1, 2],
  [3, 34, 0, 1, 2],
  [3, 49, 0, 1, 2],
  [3, 50, 0, 2, 1],
  [3, 10, 1, 1, 3],
  [3, 25, 1, 1, 3],
  [3, 33, 1, 1, 2],
  [3, 34, 1, 1, 2],
  [3, 49, 1, 2, 2],
  [3, 50, 1, 2, 2],
  [10, 0, 1, 0, 10],
  [10, 1, 0, 1, 9],
  [10, 14, 0, 1, 9],
  [10, 15, 0, 2, 8],
  [10, 16, 0, 2, 8],
  [10, 99, 0, 9, 1],
  [10, 100, 1, 10, 0],
  [10, 0, 1, 0, 10],
  [10, 1, 1, 1, 10],
  [10, 18, 1, 2, 9],
  [10, 19, 1, 2, 9],
  [10, 20, 1, 2, 8],
  [10, 23, 1, 2, 8],
  [10, 24, 1, 3, 8],
  [10, 25, 1, 3, 8],
  [10, 99, 1, 10, 1],
  [10, 100, 1, 10, 0],
];

describe('the weight nearest in replicas is found as Argo finds it (approximateWeightedCanaryStableReplicaCounts)', () => {
  it.each(APPROXIMATE)(
    '%i replicas, weight %i, maxSurge %i: canary %i, stable %i',
    (replicas, weight, surge, canary, stable) => {
      expect(approximateWeightedCounts(replicas, weight, surge)).toEqual([canary, stable]);
    },
  );
});

describe('with trafficRouting the canary is ceil(weight x replicas) and the stable keeps all (dynamicStableScale false)', () => {
  it.each([
    [10, 5, 1],
    [10, 25, 3],
    [10, 50, 5],
    [10, 100, 10],
    [3, 10, 1],
    [3, 0, 0],
    [7, 33, 3],
  ])('%i replicas at weight %i: %i canary pods', (replicas, weight, canary) => {
    expect(trafficRoutedCounts(replicas, weight)).toEqual([canary, replicas]);
  });
});
