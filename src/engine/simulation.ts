import {
  type EventAction,
  type EventHandle,
  EventQueue,
  MAX_PRIORITY,
  MIN_PRIORITY,
} from './event-queue.js';

/**
 * The simulation clock and its event loop. Time is in milliseconds (float64).
 *
 * Actions are plain callbacks `(data) => void` created once by the model (a pod's
 * "finish work" handler, say) and scheduled with per-event data (the request), so the hot
 * path allocates no closure or promise per event.
 *
 * At equal times, events fire by priority (lower first; default 0), then in the order they
 * were scheduled.
 */

/** A timer made by Simulation.createTimer. */
export type TimerId = number;

export interface RunOptions {
  /** Stop before the first event at or after this time; the clock then reads `until`. */
  until?: number;
  /** Stop after the first event for which this returns true (checked after every event). */
  stopWhen?: () => boolean;
}

export interface SimulationOptions {
  /**
   * Most events one simulation may process, across all run() calls, before it throws an
   * EventBudgetExceededError: the guard against a runaway model. Default: unlimited.
   */
  eventBudget?: number;
}

export class EventBudgetExceededError extends Error {
  constructor(
    readonly budget: number,
    readonly timeMs: number,
  ) {
    super(
      `event budget exceeded: ${budget} events processed by simulated time ${timeMs.toFixed(3)} ms ` +
        '(a runaway model, or raise the budget)',
    );
    this.name = 'EventBudgetExceededError';
  }
}

export class Simulation {
  private readonly queue = new EventQueue();
  private clock = 0;
  private processed = 0;
  private stopRequested = false;
  private readonly eventBudget: number;

  constructor(options: SimulationOptions = {}) {
    this.eventBudget = options.eventBudget ?? Number.POSITIVE_INFINITY;
  }

  /** Current simulated time in milliseconds. */
  get now(): number {
    return this.clock;
  }

  /** Events processed so far (cancelled events are not counted). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Live events still pending. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Schedules `action(data)` after `delayMs` (>= 0) from now. */
  schedule<T>(delayMs: number, action: EventAction<T>, data: T, priority = 0): EventHandle {
    const time = this.clock + delayMs;
    // One comparison for the usual case; the reasons for a refusal are found only then.
    if (!(delayMs >= 0 && time !== Number.POSITIVE_INFINITY && isPriority(priority)))
      this.refuse(delayMs >= 0 ? time : delayMs, priority, 'delay');
    return this.queue.handleOf(this.queue.push(time, priority, action, data));
  }

  /** Schedules `action(data)` at absolute time `timeMs` (>= now). */
  scheduleAt<T>(timeMs: number, action: EventAction<T>, data: T, priority = 0): EventHandle {
    if (!(timeMs >= this.clock && timeMs !== Number.POSITIVE_INFINITY && isPriority(priority)))
      this.refuse(timeMs, priority, 'time');
    return this.queue.handleOf(this.queue.push(timeMs, priority, action, data));
  }

  /**
   * A timer for `action(data)`: one pending event at most, armed and moved with setTimer,
   * disarmed with clearTimer or when it fires. For something whose next moment keeps moving
   * (a pod's next CPU completion): a move is cheaper than a cancel and a new event, and
   * fires in the same order (src/engine/event-queue.ts, timers).
   */
  createTimer<T>(action: EventAction<T>, data: T, priority = 0): TimerId {
    if (!isPriority(priority)) this.refuse(this.clock, priority, 'time');
    return this.queue.createTimer(priority, action, data);
  }

  /** Arms the timer at absolute time `timeMs` (>= now), or moves it there. */
  setTimer(timer: TimerId, timeMs: number): void {
    if (!(timeMs >= this.clock && timeMs !== Number.POSITIVE_INFINITY))
      this.refuse(timeMs, 0, 'time');
    this.queue.setTimer(timer, timeMs);
  }

  /** Disarms the timer; nothing when it is not armed. */
  clearTimer(timer: TimerId): void {
    this.queue.clearTimer(timer);
  }

  /** Cancels a pending event in O(1). Returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Asks the running loop to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Processes events in order until none remain, the `until` time is reached, `stop()` is
   * called, or `stopWhen` returns true. Can be called again to continue.
   */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Number.POSITIVE_INFINITY;
    const stopWhen = options.stopWhen;
    const queue = this.queue;
    this.stopRequested = false;
    for (;;) {
      const slot = queue.popSlotBefore(until);
      if (slot < 0) break;
      const action = queue.actionOf(slot);
      const data = queue.dataOf(slot);
      queue.release(slot);
      this.clock = queue.lastPoppedTime;
      if (++this.processed > this.eventBudget) {
        throw new EventBudgetExceededError(this.eventBudget, this.clock);
      }
      action(data);
      if (this.stopRequested || stopWhen?.()) return;
    }
    if (until !== Number.POSITIVE_INFINITY && this.clock < until) this.clock = until;
  }

  /** Throws the RangeError that says why an event cannot be scheduled. */
  private refuse(timeOrDelay: number, priority: number, given: 'delay' | 'time'): never {
    if (given === 'delay' && !(timeOrDelay >= 0))
      throw new RangeError(`delay must be a number >= 0 ms, got ${timeOrDelay}`);
    if (given === 'time' && !(timeOrDelay >= this.clock)) {
      throw new RangeError(
        `cannot schedule at ${timeOrDelay} ms: the clock already reads ${this.clock} ms`,
      );
    }
    if (timeOrDelay === Number.POSITIVE_INFINITY) {
      throw new RangeError('cannot schedule an event at infinite time');
    }
    throw new RangeError(
      `priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`,
    );
  }
}

function isPriority(priority: number): boolean {
  return priority >= MIN_PRIORITY && priority <= MAX_PRIORITY && Number.isInteger(priority);
}
