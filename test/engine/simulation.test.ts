import { describe, expect, it } from 'vitest';
import { EventBudgetExceededError, Simulation } from '../../src/engine/simulation.js';

describe('Simulation', () => {
  it('fires events in time order and advances the clock to each', () => {
    const sim = new Simulation();
    const seen: Array<[string, number]> = [];
    const record = (label: string) => seen.push([label, sim.now]);
    sim.schedule(30, record, 'c');
    sim.schedule(10, record, 'a');
    sim.scheduleAt(20, record, 'b');
    sim.run();
    expect(seen).toEqual([
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ]);
    expect(sim.eventsProcessed).toBe(3);
  });

  it('breaks ties at equal times by priority, then by scheduling order', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const record = (label: string) => seen.push(label);
    sim.schedule(5, record, 'normal-1');
    sim.schedule(5, record, 'late', 1);
    sim.schedule(5, record, 'normal-2');
    sim.schedule(5, record, 'urgent', -1);
    sim.schedule(5, record, 'normal-3');
    sim.run();
    expect(seen).toEqual(['urgent', 'normal-1', 'normal-2', 'normal-3', 'late']);
  });

  it('an event scheduled for now from inside an action runs after the ones already due now', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.schedule(
      1,
      () => {
        seen.push('first');
        sim.schedule(0, (l: string) => seen.push(l), 'scheduled-during-first');
      },
      undefined,
    );
    sim.schedule(1, (l: string) => seen.push(l), 'second');
    sim.run();
    expect(seen).toEqual(['first', 'second', 'scheduled-during-first']);
  });

  it('cancelled events never fire and cancelling twice is harmless', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const record = (n: number) => seen.push(n);
    const handles = [1, 2, 3, 4].map((n) => sim.schedule(n, record, n));
    expect(sim.cancel(handles[1]!)).toBe(true);
    expect(sim.cancel(handles[1]!)).toBe(false);
    expect(sim.pendingEvents).toBe(3);
    sim.run();
    expect(seen).toEqual([1, 3, 4]);
    expect(sim.cancel(handles[0]!)).toBe(false);
  });

  it('a stale handle cannot cancel the event that reused its slot', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const first = sim.schedule(1, (l: string) => seen.push(l), 'first');
    sim.run();
    sim.schedule(1, (l: string) => seen.push(l), 'reuses-slot');
    expect(sim.cancel(first)).toBe(false);
    sim.run();
    expect(seen).toEqual(['first', 'reuses-slot']);
  });

  it('survives many cancellations (compaction) without losing live events', () => {
    const sim = new Simulation();
    let fired = 0;
    let firedCancelled = 0;
    const live = () => fired++;
    const dead = () => firedCancelled++;
    for (let i = 0; i < 10_000; i++) {
      const h = sim.schedule(1000 + i, dead, undefined);
      sim.schedule(i, live, undefined);
      sim.cancel(h);
    }
    expect(sim.pendingEvents).toBe(10_000);
    sim.run();
    expect(fired).toBe(10_000);
    expect(firedCancelled).toBe(0);
  });

  it('run({ until }) stops before events at that time and sets the clock to it', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const record = (n: number) => seen.push(n);
    sim.schedule(5, record, 5);
    sim.schedule(10, record, 10);
    sim.schedule(15, record, 15);
    sim.run({ until: 10 });
    expect(seen).toEqual([5]);
    expect(sim.now).toBe(10);
    sim.run({ until: 100 });
    expect(seen).toEqual([5, 10, 15]);
    expect(sim.now).toBe(100);
  });

  it('stop() and stopWhen end the run after the current event', () => {
    const sim = new Simulation();
    let count = 0;
    const tick = () => {
      count++;
      sim.schedule(1, tick, undefined);
      if (count === 3) sim.stop();
    };
    sim.schedule(0, tick, undefined);
    sim.run();
    expect(count).toBe(3);
    sim.run({ stopWhen: () => count >= 7 });
    expect(count).toBe(7);
    expect(sim.now).toBe(6);
  });

  it('an event budget stops a runaway model with a clear error', () => {
    const sim = new Simulation({ eventBudget: 100 });
    const forever = () => sim.schedule(1, forever, undefined);
    sim.schedule(0, forever, undefined);
    const run = () => sim.run();
    expect(run).toThrowError(EventBudgetExceededError);
    expect(sim.eventsProcessed).toBe(101);
    expect(sim.now).toBe(100);
    expect(new EventBudgetExceededError(100, 99.5).message).toBe(
      'event budget exceeded: 100 events processed by simulated time 99.500 ms (a runaway model, or raise the budget)',
    );
  });

  it('rejects negative, NaN and past times and out-of-range priorities', () => {
    const sim = new Simulation();
    const noop = () => {};
    expect(() => sim.schedule(-1, noop, undefined)).toThrowError(/delay must be a number >= 0/);
    expect(() => sim.schedule(Number.NaN, noop, undefined)).toThrowError(RangeError);
    expect(() => sim.schedule(Number.POSITIVE_INFINITY, noop, undefined)).toThrowError(/infinite/);
    sim.schedule(10, noop, undefined);
    sim.run();
    expect(() => sim.scheduleAt(5, noop, undefined)).toThrowError(/clock already reads 10/);
    expect(() => sim.schedule(1, noop, undefined, 600)).toThrowError(/priority/);
    expect(() => sim.schedule(1, noop, undefined, 0.5)).toThrowError(/priority/);
  });
});
