import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HpaHistory,
  type ScalingPolicy,
  withDefaults,
} from '../../../src/model/autoscale/hpa-normalize.js';

/**
 * Whatever the metrics ask, the HPA's replicas stay within minReplicas and maxReplicas and
 * never change faster than its policies allow: a sync's replicas are at most what the most
 * generous policy allows from the replicas at the start of that policy's period (selectPolicy
 * Max, calculateScaleUpLimitWithScalingRules), and at least what the most generous
 * scale-down policy allows.
 */
const policy = fc.record({
  type: fc.constantFrom('Pods' as const, 'Percent' as const),
  value: fc.integer({ min: 1, max: 200 }),
  periodSeconds: fc.constantFrom(15, 30, 60),
});
const rules = fc.record({
  stabilizationWindowSeconds: fc.constantFrom(0, 30, 300),
  policies: fc.array(policy, { minLength: 1, maxLength: 3 }),
});

function allowedUp(start: number, p: ScalingPolicy): number {
  return p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
}

function allowedDown(start: number, p: ScalingPolicy): number {
  return p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
}

describe('the HPA behavior', () => {
  it('keeps the replicas within bounds and within every policy period limit', () => {
    fc.assert(
      fc.property(
        rules,
        rules,
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 10, max: 120 }),
        (scaleUp, scaleDown, asks, min, max) => {
          const behavior = withDefaults({ scaleUp, scaleDown })!;
          const history = new HpaHistory(behavior);
          let current = min;
          const seen: { atMs: number; replicas: number }[] = [{ atMs: -1, replicas: current }];
          asks.forEach((desired, i) => {
            const now = i * 15_000;
            const { replicas } = history.normalize(now, current, desired, min, max);
            history.recordScale(now, current, replicas);
            if (replicas !== current) {
              expect(replicas).toBeGreaterThanOrEqual(min);
              expect(replicas).toBeLessThanOrEqual(max);
            }
            // Each policy allows a change from the replicas at the start of its own period
            // (the last value set at or before its cutoff); Max takes the most generous.
            const startOf = (periodSeconds: number) =>
              [...seen].reverse().find((s) => s.atMs <= now - periodSeconds * 1000)?.replicas ??
              seen[0]!.replicas;
            const upper = Math.max(
              ...behavior.scaleUp.policies.map((p) => allowedUp(startOf(p.periodSeconds), p)),
            );
            const lower = Math.min(
              ...behavior.scaleDown.policies.map((p) => allowedDown(startOf(p.periodSeconds), p)),
            );
            if (replicas > current) expect(replicas).toBeLessThanOrEqual(Math.max(current, upper));
            if (replicas < current)
              expect(replicas).toBeGreaterThanOrEqual(Math.min(current, Math.max(min, lower)));
            current = replicas;
            seen.push({ atMs: now, replicas });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
