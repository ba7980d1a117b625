import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/metrics/run-result.js';
import { timeSeriesRows } from '../../src/metrics/time-series.js';
import {
  type RunProgress,
  type SimulateOptions,
  simulate,
  startSimulation,
} from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { parseScenario } from '../../src/scenario/index.js';
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

/**
 * The player (viz/) runs a scenario in slices of simulated time, one per animation frame
 * (speed × elapsed), and now and then one event (its Step button): however the slices fall,
 * the run must be the run of one piece.
 */
function inTimeSlices(scenario: Scenario, sliceMs: number) {
  const run = startSimulation(scenario);
  let targetMs = 0;
  let slices = 0;
  const clock: number[] = [];
  try {
    for (;;) {
      slices++;
      // Every fifth slice is a single event, as the Step button takes.
      targetMs += sliceMs;
      const ended = slices % 5 === 0 ? run.advance(1) : run.advance(1e9, targetMs);
      clock.push(run.nowMs());
      // The player looks at the run after every slice; looking must change nothing.
      run.live();
      if (ended) break;
    }
    return { result: run.result(), slices, clock };
  } finally {
    run.dispose();
  }
}

function shipped(name: string): Scenario {
  const url = new URL(`../../scenarios/${name}.yaml`, import.meta.url);
  return parseScenario(readFileSync(url, 'utf8'), `${name}.yaml`);
}

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

  it.each([
    ['orphan-branch', 'calls still running after duration, served in the drain', 7],
    ['warmup', 'a warm-up before the measured period', 333.3],
    ['timeout-50ms', 'client timeouts', 1000],
  ])(
    'gives the result of one piece, byte for byte, in slices of simulated time: %s (%s)',
    (name, _what, sliceMs) => {
      const scenario = loadScenario(name);
      const { result, slices, clock } = inTimeSlices(scenario, sliceMs);
      expect(json(result)).toBe(json(simulate(scenario)));
      expect(slices).toBeGreaterThan(2);
      // Simulated time never runs backwards, whatever the slice.
      expect(clock).toEqual([...clock].sort((a, b) => a - b));
    },
  );

  it('gives the result of one piece in slices of simulated time for a rolling update (a live cluster)', () => {
    const scenario = shipped('rolling-update');
    expect(json(inTimeSlices(scenario, 2500).result)).toBe(json(simulate(scenario)));
  });

  it("shows at its end the result's edge counts and, window by window, its time series' total rows", () => {
    const scenario = loadScenario('warmup');
    const run = startSimulation(scenario);
    try {
      const windows = [];
      for (let targetMs = 777; !run.advance(1e9, targetMs); targetMs += 777)
        windows.push(...run.live().newWindows);
      const result = run.result();
      const last = run.live();
      windows.push(...last.newWindows);
      expect(last.stage).toBe('ended');
      expect(last.edges.map((e) => [e.from, e.to, e.requests, e.errors])).toEqual(
        result.edges.map((e) => [e.from, e.to, e.requests, e.errors]),
      );
      expect(last.requests).toBe(
        result.requests.succeeded + result.requests.failed - result.requests.byCause.unfinished,
      );
      const totals = [...timeSeriesRows(result.timeseries)].filter((row) => row.scope === 'total');
      expect(windows).toEqual(totals);
    } finally {
      run.dispose();
    }
  });

  it('pauses a slice with its clock at the slice end, before any event at that time', () => {
    const run = startSimulation(loadScenario('warmup'));
    try {
      expect(run.advance(1e9, 1234.5)).toBe(false);
      expect(run.nowMs()).toBe(1234.5);
      expect(run.advance(1e9, 1234.5)).toBe(false);
      expect(run.nowMs()).toBe(1234.5);
    } finally {
      run.dispose();
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
