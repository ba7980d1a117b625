import { describe, expect, it } from 'vitest';
import { createStream, RandomStreams } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/simulation.js';
import { type StationConfig, type StationEventKind, simulateStation } from '../support/station.js';

/**
 * Reproducibility guarantees the rest of the project relies on: a seed fully determines a
 * run, streams are independent of one another and of creation order, and simultaneous
 * events fire in a defined order.
 */

type TraceEntry = [time: number, kind: StationEventKind];

/** M/M/2 at rho 0.9: 2,500 customers give about 5,000 events with plenty of queueing. */
const TRACED_MODEL: StationConfig = {
  arrivalRate: 1.8,
  servers: 2,
  service: { kind: 'exponential', rate: 1 },
  customers: 2500,
  seed: 'determinism',
};

function tracedRun(config: StationConfig): { trace: TraceEntry[]; waits: Float64Array } {
  const trace: TraceEntry[] = [];
  const result = simulateStation({ ...config, onEvent: (kind, time) => trace.push([time, kind]) });
  return { trace, waits: result.waits };
}

function draws(next: () => number, count: number): number[] {
  return Array.from({ length: count }, () => next());
}

describe('determinism', () => {
  it('the same seed gives an identical event trace, event for event', () => {
    const first = tracedRun(TRACED_MODEL);
    const second = tracedRun(TRACED_MODEL);
    expect(first.trace.length).toBe(5000);
    expect(second.trace).toEqual(first.trace);
    expect(second.waits).toEqual(first.waits);
  });

  it('a different seed gives a different trace (the seed is actually used)', () => {
    const first = tracedRun(TRACED_MODEL);
    const other = tracedRun({ ...TRACED_MODEL, seed: 'determinism-2' });
    expect(other.trace).not.toEqual(first.trace);
  });

  it('streams give the same sequences whatever order they are created and drawn in', () => {
    const names = ['arrivals', 'service', 'svc:checkout:latency'];
    const inOrder = names.map((name) => draws(createStream(42, name).next, 200));

    // Reverse creation order, and interleave the draws one at a time.
    const reversed = [...names].reverse().map((name) => createStream(42, name));
    const interleaved: number[][] = reversed.map(() => []);
    for (let i = 0; i < 200; i++) {
      reversed.forEach((stream, k) => {
        interleaved[k]!.push(stream.next());
      });
    }
    expect(interleaved.reverse()).toEqual(inOrder);
  });

  it('RandomStreams hands out the same stream for a name, seeded like createStream', () => {
    const streams = new RandomStreams(7);
    expect(streams.stream('a')).toBe(streams.stream('a'));
    expect(draws(streams.stream('b').next, 50)).toEqual(draws(createStream(7, 'b').next, 50));
  });

  it('different stream names and different seeds give different sequences', () => {
    const a = draws(createStream(42, 'arrivals').next, 100);
    const b = draws(createStream(42, 'service').next, 100);
    const c = draws(createStream(43, 'arrivals').next, 100);
    expect(b).not.toEqual(a);
    expect(c).not.toEqual(a);
    // Not merely shifted copies of each other either: no value in common.
    expect(a.filter((x) => b.includes(x) || c.includes(x))).toEqual([]);
  });

  it('an extra unrelated stream, created and drawn during the run, changes nothing else', () => {
    const plain = tracedRun(TRACED_MODEL);
    const noise = createStream(TRACED_MODEL.seed, 'unrelated-noise');
    const arrivals = createStream(TRACED_MODEL.seed, 'arrivals');
    const service = createStream(TRACED_MODEL.seed, 'service');
    let noiseDraws = 0;
    const withNoise = tracedRun({
      ...TRACED_MODEL,
      uniforms: {
        arrivals: () => {
          noise.next();
          noiseDraws++;
          return arrivals.next();
        },
        service: service.next,
      },
    });
    expect(noiseDraws).toBe(TRACED_MODEL.customers);
    expect(withNoise.trace).toEqual(plain.trace);
    expect(withNoise.waits).toEqual(plain.waits);
  });

  it('events at equal times fire in (priority, insertion) order', () => {
    // Thousands of events on a handful of instants with random priorities, a third of
    // them cancelled (enough to trigger heap compaction): the firing order must equal a
    // stable sort by (time, priority) of the survivors in scheduling order.
    const sim = new Simulation();
    const uniform = createStream(1, 'tie-order').next;
    const fired: number[] = [];
    const record = (id: number) => fired.push(id);
    const scheduled: Array<{ id: number; time: number; priority: number }> = [];
    const cancelled = new Set<number>();
    for (let id = 0; id < 6000; id++) {
      const time = Math.floor(uniform() * 4);
      const priority = Math.floor(uniform() * 7) - 3;
      const handle = sim.schedule(time, record, id, priority);
      scheduled.push({ id, time, priority });
      if (uniform() < 1 / 3) {
        sim.cancel(handle);
        cancelled.add(id);
      }
    }
    sim.run();
    const expected = scheduled
      .filter((e) => !cancelled.has(e.id))
      .sort((x, y) => x.time - y.time || x.priority - y.priority || x.id - y.id)
      .map((e) => e.id);
    expect(cancelled.size).toBeGreaterThan(1024);
    expect(fired).toEqual(expected);
  });

  it('far timeouts, most cancelled, and near events fire in time order from within actions', () => {
    // The request pattern: every arrival arms a timeout far ahead (later than every event
    // before it, so it takes the queue's lane) and schedules near work; most timeouts are
    // cancelled before they are due, some fire. Everything is scheduled strictly ahead of the
    // clock, so the order must be a sort by (time, priority, scheduling order).
    const sim = new Simulation();
    const uniform = createStream(2, 'lane-order').next;
    const fired: number[] = [];
    const expected: Array<{ id: number; time: number; priority: number }> = [];
    let nextId = 0;
    const record = (id: number) => fired.push(id);
    const plan = (delay: number, priority: number) => {
      const id = nextId++;
      const handle = sim.schedule(delay, record, id, priority);
      return { id, time: sim.now + delay, priority, handle };
    };
    const arrive = () => {
      const timeout = plan(5000, 0);
      const near = plan(1 + Math.floor(uniform() * 8), Math.floor(uniform() * 3) - 1);
      expected.push(near);
      if (uniform() < 0.9) sim.cancel(timeout.handle);
      else expected.push(timeout);
      if (sim.now < 20_000) sim.schedule(1 + Math.floor(uniform() * 4), arrive, undefined);
    };
    sim.schedule(0, arrive, undefined);
    sim.run();
    expected.sort((x, y) => x.time - y.time || x.priority - y.priority || x.id - y.id);
    expect(fired.length).toBeGreaterThan(5000);
    expect(fired).toEqual(expected.map((e) => e.id));
  });

  it('events scheduled for "now" during a tie fire after the tie, by their own priority', () => {
    const sim = new Simulation();
    const fired: string[] = [];
    const record = (label: string) => fired.push(label);
    const spawn = (label: string) => {
      record(label);
      sim.schedule(0, record, `${label}>child`, 0);
      sim.schedule(0, record, `${label}>urgent-child`, -1);
    };
    sim.schedule(1, spawn, 'a');
    sim.schedule(1, spawn, 'b');
    sim.schedule(1, record, 'c', 1);
    sim.run();
    // Urgent children (priority -1) overtake the pending priority-0 and priority-1 events.
    expect(fired).toEqual([
      'a',
      'a>urgent-child',
      'b',
      'b>urgent-child',
      'a>child',
      'b>child',
      'c',
    ]);
  });
});
