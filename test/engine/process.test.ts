import { describe, expect, it } from 'vitest';
import { startProcess } from '../../src/engine/process.js';
import { Simulation } from '../../src/engine/simulation.js';

describe('processes', () => {
  it('a process waits for what it yields and resumes at that simulated time', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    startProcess(
      sim,
      (function* () {
        seen.push(sim.now);
        yield 5;
        seen.push(sim.now);
        yield 10;
        seen.push(sim.now);
      })(),
    );
    sim.run();
    expect(seen).toEqual([0, 5, 15]);
  });

  it('two processes interleave by time; at equal times the one that began waiting first resumes first', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const ticker = (name: string, period: number) =>
      (function* () {
        for (let i = 0; i < 3; i++) {
          yield period;
          log.push(`${name}@${sim.now}`);
        }
      })();
    startProcess(sim, ticker('a', 2));
    startProcess(sim, ticker('b', 3));
    sim.run();
    // At 6, b has waited since 3 and a only since 4.
    expect(log).toEqual(['a@2', 'b@3', 'a@4', 'b@6', 'a@6', 'b@9']);
  });

  it("stop() cancels the pending wake-up and runs the body's finally block", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const handle = startProcess(
      sim,
      (function* () {
        try {
          for (;;) {
            yield 1;
            log.push(`tick@${sim.now}`);
          }
        } finally {
          log.push(`closed@${sim.now}`);
        }
      })(),
    );
    sim.run({ until: 3.5 });
    handle.stop();
    expect(handle.alive).toBe(false);
    sim.run();
    expect(log).toEqual(['tick@1', 'tick@2', 'tick@3', 'closed@3.5']);
    expect(sim.pendingEvents).toBe(0);
  });

  it('a negative delay is rejected with a clear error', () => {
    const sim = new Simulation();
    startProcess(
      sim,
      (function* () {
        yield -1;
      })(),
    );
    expect(() => sim.run()).toThrowError('a process must yield a delay >= 0 ms, got -1');
  });
});
