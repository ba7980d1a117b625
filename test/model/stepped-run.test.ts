import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import {
  type RunProgress,
  type SimulateOptions,
  simulate,
  startSimulation,
} from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { loadScenario } from '../support/scenario-files.js';

/**
 * `msasim run` takes its run in steps, to let Ctrl-C and SIGTERM in between them
 * (src/runner/stoppable-run.ts). Where the run is cut must change nothing: the same events
 * in the same order, so the same result to the last byte, and the same progress reports.
 */
function inSteps(scenario: Scenario, events: number, options: SimulateOptions = {}) {
  const run = startSimulation(scenario, options);
  let steps = 1;
  try {
    while (!run.advance(events)) steps++;
    return { result: run.result(), steps };
  } finally {
    run.dispose();
  }
}

const json = (result: RunResult) => JSON.stringify(result, null, 2);

describe('a run taken in steps', () => {
  it.each([
    ['orphan-branch', 'calls still running after duration, served in the drain'],
    ['overflow-rho120', 'an overloaded queue turning requests away'],
    ['warmup', 'a warm-up before the measured period'],
    ['timeout-50ms', 'client timeouts'],
  ])('gives the result of one piece, byte for byte, however it is cut: %s (%s)', (name) => {
    const scenario = loadScenario(name);
    const whole = json(simulate(scenario));
    for (const events of [1, 7, 4096]) {
      const { result, steps } = inSteps(scenario, events);
      expect(json(result)).toBe(whole);
      // One step per `events` events, and one more when the last step ends the run exactly.
      expect(steps).toBeGreaterThanOrEqual(Math.ceil(result.events / events));
      expect(steps).toBeLessThanOrEqual(Math.ceil(result.events / events) + 1);
    }
  });

  it('reports progress at the same events as a run in one piece', () => {
    const scenario = loadScenario('mmc-c2-rho90');
    const whole: RunProgress[] = [];
    const stepped: RunProgress[] = [];
    simulate(scenario, { onProgress: (p) => whole.push(p) });
    inSteps(scenario, 10_000, { onProgress: (p) => stepped.push(p) });
    expect(whole.length).toBeGreaterThan(0);
    expect(stepped).toEqual(whole);
  });

  it('has no result before it has ended', () => {
    const run = startSimulation(loadScenario('warmup'));
    try {
      expect(run.advance(10)).toBe(false);
      expect(() => run.result()).toThrow(
        'the run has not ended: advance() it until it returns true',
      );
    } finally {
      run.dispose();
    }
  });
});
