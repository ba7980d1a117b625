import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

/** The fixture with backend's preStop hook set to `preStopMs`. */
function withPreStop(preStopMs: number): Scenario {
  const scenario = loadScenario('delete-vs-propagation');
  const backend = scenario.services.backend!;
  return {
    ...scenario,
    services: {
      ...scenario.services,
      backend: { ...backend, lifecycle: { ...backend.lifecycle, preStop: preStopMs } },
    },
  };
}

describe('a deleted pod against the callers still listing it (delete-vs-propagation.yaml)', () => {
  it('without a preStop hook, calls reach the gone pod until the view updates, and fail', () => {
    const result = simulate(withPreStop(0));
    const failed = result.requests.byCause.connect_failure;
    // 300 requests/s round-robin over 3 pods: a third of the 2 s the view lags, about 200
    // calls (the turn's phase decides the last one or two).
    expect(failed).toBeGreaterThanOrEqual(195);
    expect(failed).toBeLessThanOrEqual(205);
    expect(result.requests.failed).toBe(failed);
    // The gone pod refused the connections: backend never saw them, frontend passed them on.
    expect(result.failures).toEqual([
      {
        service: 'frontend',
        endpoint: 'get',
        cause: 'connect_failure',
        originated: 0,
        propagated: failed,
      },
    ]);
  });

  it('with a preStop hook longer than the propagation delay, no call fails', () => {
    const result = simulate(withPreStop(3000));
    expect(result.requests.failed).toBe(0);
    expect(result.requests.succeeded).toBe(result.requests.total);
  });

  it('with a preStop hook shorter than the propagation delay, the calls of the gap fail', () => {
    // preStop 1 s: the pod serves until 6 s, the view drops it at 7 s: about 100 calls fail.
    const failed = simulate(withPreStop(1000)).requests.byCause.connect_failure;
    expect(failed).toBeGreaterThanOrEqual(95);
    expect(failed).toBeLessThanOrEqual(105);
  });
});
