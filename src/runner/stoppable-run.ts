import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RunResult } from '../metrics/run-result.js';
import { PROGRESS_EVERY_EVENTS, type SimulateOptions, startSimulation } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * One run in the main thread that Ctrl-C or SIGTERM can stop. A run is synchronous: while
 * it runs, Node's event loop, where signal handlers run, waits. So the run goes in steps
 * and gives the event loop a turn between them; when `signal` is aborted by then, the run
 * is dropped and the signal's reason thrown. The steps change no result (simulate.ts).
 *
 * A step is the progress display's interval, about a twentieth of a second of a run: a
 * signal is seen that soon, and a turn of the event loop (microseconds) every 65,536
 * events costs nothing measurable. (A worker thread, as sweeps use, would cost its start
 * and the copy of the result, and lose the error's class on the way back.)
 */
export const EVENTS_PER_STEP = PROGRESS_EVERY_EVENTS;

export async function simulateStoppable(
  scenario: Scenario,
  options: SimulateOptions & { signal?: AbortSignal | undefined },
): Promise<RunResult> {
  const run = startSimulation(scenario, options);
  try {
    while (!run.advance(EVENTS_PER_STEP)) {
      await nextTurn();
      options.signal?.throwIfAborted();
    }
    return run.result();
  } finally {
    run.dispose();
  }
}
