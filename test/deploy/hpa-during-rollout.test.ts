import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/** test/fixtures/model/hpa-during-rollout.yaml: an HPA on a Deployment that rolls out. */
describe('an HPA during a rolling update', () => {
  const result = simulate(loadScenario('hpa-during-rollout'), { seed: 2 });
  const rollout = result.rollouts![0]!;
  const syncsDuring = result.autoscaling!.decisions.filter(
    (d) => d.controller === 'hpa' && d.timeS >= 150 && d.timeS <= 150 + rollout.durationS!,
  );

  it("reads the Deployment's replicas, not the new ReplicaSet's, and keeps them", () => {
    expect(syncsDuring.length).toBeGreaterThan(0);
    for (const sync of syncsDuring) expect([sync.current, sync.replicas]).toEqual([6, 6]);
  });

  it('so the rollout keeps replicas - maxUnavailable available', () => {
    expect(rollout.outcome).toBe('complete');
    expect(rollout.lowestAvailable).toBe(5);
  });
});
