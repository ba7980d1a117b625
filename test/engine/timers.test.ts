import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventHandle } from '../../src/engine/event-queue.js';
import { Simulation } from '../../src/engine/simulation.js';

describe('Simulation timers', () => {
  it('fire once at the moment they were last moved to', () => {
    const sim = new Simulation();
    const seen: Array<[string, number]> = [];
    const timer = sim.createTimer((label: string) => seen.push([label, sim.now]), 'timer');
    sim.setTimer(timer, 50);
    sim.schedule(10, () => sim.setTimer(timer, 30), undefined); // earlier
    sim.schedule(20, () => sim.setTimer(timer, 40), undefined); // later
    sim.run();
    expect(seen).toEqual([['timer', 40]]);
    expect(sim.eventsProcessed).toBe(3);
    expect(sim.pendingEvents).toBe(0);
  });

  it('do not fire when cleared, and can be armed again, from their own action too', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    let rearm = 2;
    const timer = sim.createTimer(() => {
      seen.push(sim.now);
      if (rearm-- > 0) sim.setTimer(timer, sim.now + 5);
    }, undefined);
    sim.setTimer(timer, 10);
    expect(sim.pendingEvents).toBe(1);
    sim.clearTimer(timer);
    sim.clearTimer(timer); // not armed: nothing
    expect(sim.pendingEvents).toBe(0);
    sim.schedule(20, () => sim.setTimer(timer, 20), undefined);
    sim.run();
    expect(seen).toEqual([20, 25, 30]);
  });

  it('at equal times go by priority, then by when they were last moved', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const record = (label: string) => seen.push(label);
    const cpu = sim.createTimer(record, 'cpu timer', -2);
    const moved = sim.createTimer(record, 'moved timer');
    sim.setTimer(moved, 5);
    sim.schedule(5, record, 'event');
    sim.setTimer(moved, 5); // moved to the same moment: now after 'event'
    sim.setTimer(cpu, 5);
    sim.run();
    expect(seen).toEqual(['cpu timer', 'event', 'moved timer']);
  });

  it('refuse a moment in the past or at infinity, and a priority out of range', () => {
    const sim = new Simulation();
    const timer = sim.createTimer(() => {}, undefined);
    sim.schedule(10, () => {}, undefined);
    sim.run();
    expect(() => sim.setTimer(timer, 5)).toThrow(
      'cannot schedule at 5 ms: the clock already reads 10 ms',
    );
    expect(() => sim.setTimer(timer, Number.POSITIVE_INFINITY)).toThrow(
      'cannot schedule an event at infinite time',
    );
    expect(() => sim.createTimer(() => {}, undefined, 600)).toThrow(
      'priority must be an integer in [-512, 511], got 600',
    );
  });

  // A timer must fire exactly where a cancelled event and a new one would have: the CFS
  // scheduler's outputs rest on it (src/model/cpu/cfs-node-cpu.ts).
  it('fire in the same order as cancelling the event and scheduling a new one', () => {
    const command = fc.record({
      atMs: fc.integer({ min: 0, max: 40 }),
      thing: fc.integer({ min: 0, max: 5 }),
      // a delay from now, or -1: clear
      delayMs: fc.integer({ min: -1, max: 12 }),
      priority: fc.constantFrom(-2, 0),
    });
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 120 }), (commands) => {
        const withTimers = replay(commands, 'timers');
        const withCancel = replay(commands, 'cancel and schedule');
        expect(withTimers).toEqual(withCancel);
      }),
      { numRuns: 300 },
    );
  });
});

interface Command {
  atMs: number;
  thing: number;
  delayMs: number;
  priority: number;
}

/**
 * Runs the commands as plain events at their times; each moves or clears one of six
 * things' pending events, by timer or by cancel and schedule. A thing that fires moves a
 * neighbour once more (work done inside a firing). Returns what fired, when.
 */
function replay(commands: Command[], how: 'timers' | 'cancel and schedule'): string[] {
  const sim = new Simulation();
  const fired: string[] = [];
  const things = [0, 1, 2, 3, 4, 5];
  const priorities = things.map((thing) => (thing % 2 === 0 ? -2 : 0));
  const handles: EventHandle[] = things.map(() => -1);
  const move = (thing: number, delayMs: number): void => {
    if (how === 'timers') {
      if (delayMs < 0) sim.clearTimer(timers[thing]!);
      else sim.setTimer(timers[thing]!, sim.now + delayMs);
      return;
    }
    if (handles[thing] !== -1) sim.cancel(handles[thing]!);
    handles[thing] =
      delayMs < 0 ? -1 : sim.scheduleAt(sim.now + delayMs, fire, thing, priorities[thing]);
  };
  const fire = (thing: number): void => {
    handles[thing] = -1;
    fired.push(`thing ${thing} at ${sim.now}`);
    if (thing > 0 && sim.now < 60) move(thing - 1, thing);
  };
  const timers = things.map((thing) => sim.createTimer(fire, thing, priorities[thing]));
  for (const [i, { atMs, thing, delayMs, priority }] of commands.entries()) {
    sim.scheduleAt(
      atMs,
      () => {
        fired.push(`command ${i} at ${sim.now}`);
        move(thing, delayMs);
      },
      undefined,
      priority,
    );
  }
  sim.run();
  fired.push(`events ${sim.eventsProcessed}, pending ${sim.pendingEvents}`);
  return fired;
}
