import { describe, expect, it } from 'vitest';
import { describeProgress, runProgressDisplay } from '../../src/cli/run-progress.js';
import { PROGRESS_EVERY_EVENTS, type RunProgress, simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../support/scenario-files.js';

/** A stream that keeps what is written, as a terminal (isTTY) or a log file. */
function capture(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) > 0 } };
}

const at = (simulatedMs: number): RunProgress => ({
  simulatedMs,
  durationMs: 120_000,
  drainMs: 30_000,
  events: 0,
});

describe('the progress of a single run', () => {
  it('says how far in simulated time, what share, and an ETA at the pace so far', () => {
    expect(describeProgress(at(72_000), 4100)).toBe(
      '1m12s of 2m00s simulated (60%), 4.1s elapsed, ETA 2.7s',
    );
    expect(describeProgress(at(120_000), 9000)).toBe(
      'draining in-flight requests (at most 30.0s simulated), 9.0s elapsed',
    );
  });

  it('is silent for the first seconds: most runs end before anyone waits', () => {
    let now = 0;
    const { written, stream } = capture(false);
    const display = runProgressDisplay({ stream, now: () => now });
    now = 2999;
    display.update(at(1000));
    display.stop();
    expect(written).toEqual([]);
  });

  it('writes a line every ten seconds to a log file', () => {
    let now = 0;
    const { written, stream } = capture(false);
    const display = runProgressDisplay({ stream, now: () => now });
    for (const [clock, simulated] of [
      [3000, 30_000],
      [8000, 60_000],
      [13_000, 90_000],
    ] as const) {
      now = clock;
      display.update(at(simulated));
    }
    display.stop();
    expect(written).toEqual([
      'run: 30.0s of 2m00s simulated (25%), 3.0s elapsed, ETA 9.0s\n',
      'run: 1m30s of 2m00s simulated (75%), 13.0s elapsed, ETA 4.3s\n',
    ]);
  });

  it('redraws one line on a terminal and clears it at the end', () => {
    let now = 0;
    const { written, stream } = capture(true);
    const display = runProgressDisplay({ stream, now: () => now });
    now = 5000;
    display.update(at(60_000));
    display.stop();
    expect(written).toEqual([
      '\rrun: 1m00s of 2m00s simulated (50%), 5.0s elapsed, ETA 5.0s\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('is told by simulate every so many events, and changes nothing in the result', () => {
    const scenario = loadScenario('mmc-c2-rho90');
    const reports: RunProgress[] = [];
    const watched = simulate(scenario, { onProgress: (p) => reports.push(p) });
    expect(watched).toStrictEqual(simulate(scenario));
    expect(reports.length).toBe(Math.floor(watched.events / PROGRESS_EVERY_EVENTS));
    expect(reports.map((r) => r.events)).toEqual(
      reports.map((_, i) => (i + 1) * PROGRESS_EVERY_EVENTS),
    );
    const times = reports.map((r) => r.simulatedMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
