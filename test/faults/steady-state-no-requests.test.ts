import { describe, expect, it } from 'vitest';
import { faultsSection } from '../../src/cli/faults-section.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { STEADY_STATE_HEADLINES } from '../../src/metrics/steady-state-headline.js';
import { SteadyStateCheck } from '../../src/model/faults/steady-state.js';
import { faultsJson } from '../../src/report/faults-csv.js';

describe('a steady state with no request in any window', () => {
  const check = new SteadyStateCheck({ window: 60_000, availability: 0.999 }, 0, 300_000);
  // A request before the measured period is not in any window.
  check.requestEnded(-1, 5, true);
  const verdict = check.verdict();
  const faults = { faults: [], steadyState: verdict };

  it('judges no window', () => {
    expect(verdict.windows).toBe(0);
  });

  it('has no steady_state_held (absent, not 1): nothing was judged', () => {
    const metrics = STEADY_STATE_HEADLINES.metrics({ faults } as unknown as RunResult);
    expect(metrics).toEqual({ steady_state_held: null, steady_state_windows_broken: 0 });
    expect(faultsJson(faults).steady_state?.held).toBeNull();
  });

  it('says so in the run text', () => {
    expect(faultsSection(faults)).toBe(
      'Steady state: not judged (no measured request arrived in any window)',
    );
  });

  it('with one request in one window, judges that window and holds', () => {
    const one = new SteadyStateCheck({ window: 60_000, availability: 0.999 }, 0, 300_000);
    one.requestEnded(61_000, 5, true);
    const held = one.verdict();
    expect(held).toEqual({ held: true, windows: 1, broken: [] });
    expect(
      STEADY_STATE_HEADLINES.metrics({
        faults: { faults: [], steadyState: held },
      } as unknown as RunResult),
    ).toEqual({ steady_state_held: 1, steady_state_windows_broken: 0 });
  });
});
