import type { EventHandle } from './event-queue.js';
import type { Simulation } from './simulation.js';

/**
 * A process-style convenience on top of the callback core, in the manner of SimPy: a
 * process is a generator that yields how long to wait (ms) and resumes after it.
 *
 *   startProcess(sim, (function* () {
 *     for (;;) {
 *       yield 1000;             // wait one simulated second
 *       console.log(sim.now);
 *     }
 *   })());
 *
 * It costs nothing on the hot path: the core still schedules plain callbacks, and a
 * process is one event per yield with one action created per process (not per event).
 * The model code in src/model uses callbacks; processes suit teaching and small models.
 */
export type ProcessBody = Generator<number, void, void>;

export interface ProcessHandle {
  /** True until the body returns, throws, or stop() is called. */
  readonly alive: boolean;
  /** Ends the process: its pending wake-up is cancelled and its body is closed (finally runs). */
  stop(): void;
}

export function startProcess(sim: Simulation, body: ProcessBody, priority = 0): ProcessHandle {
  let alive = true;
  let wakeUp: EventHandle = -1;
  const step = (): void => {
    wakeUp = -1;
    const next = body.next();
    if (next.done) {
      alive = false;
      return;
    }
    const delay = next.value;
    if (!(delay >= 0)) {
      alive = false;
      body.return();
      throw new RangeError(`a process must yield a delay >= 0 ms, got ${delay}`);
    }
    wakeUp = sim.schedule(delay, step, undefined, priority);
  };
  sim.schedule(0, step, undefined, priority);
  return {
    get alive() {
      return alive;
    },
    stop() {
      if (!alive) return;
      alive = false;
      if (wakeUp !== -1) sim.cancel(wakeUp);
      body.return();
    },
  };
}
