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
    if (!(delayMs >= 0)) throw new RangeError(`delay must be a number >= 0 ms, got ${delayMs}`);
    return this.scheduleChecked(this.clock + delayMs, action, data, priority);
  }

  /** Schedules `action(data)` at absolute time `timeMs` (>= now). */
  scheduleAt<T>(timeMs: number, action: EventAction<T>, data: T, priority = 0): EventHandle {
    if (!(timeMs >= this.clock)) {
      throw new RangeError(
        `cannot schedule at ${timeMs} ms: the clock already reads ${this.clock} ms`,
      );
    }
    return this.scheduleChecked(timeMs, action, data, priority);
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

  private scheduleChecked<T>(
    time: number,
    action: EventAction<T>,
    data: T,
    priority: number,
  ): EventHandle {
    if (time === Number.POSITIVE_INFINITY) {
      throw new RangeError('cannot schedule an event at infinite time');
    }
    if (!(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY) || !Number.isInteger(priority)) {
      throw new RangeError(
        `priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`,
      );
    }
    return this.queue.push(time, priority, action, data);
  }
}
