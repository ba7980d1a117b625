import type { EventHandle } from '../../engine/event-queue.js';
import type { Simulation } from '../../engine/simulation.js';

/** More pending wake-ups than this and the latest is cancelled: a bound, rarely reached. */
const MAX_PENDING = 4;

/**
 * The pending wake-up events of one pod on a CFS node (cfs-node-cpu.ts), earliest first.
 *
 * A pod needs to wake up at one moment: its next completion or quota exhaustion. When that
 * moment moves earlier, typically because a burst shorter than the rest of the running ones
 * arrived, the wake-up already pending is kept instead of cancelled: while the pod runs
 * every burst on a core of its own (the common case on a node with spare cores) its longer
 * burst still finishes then, so the pod needs that wake-up next. Keeping it saves an event
 * queue insertion per such arrival. A kept wake-up that turns out useless (the pod's rate
 * changed) fires and finds nothing to do; wake-ups earlier than the moment needed are
 * cancelled at once.
 */
export class PodWakeups {
  private readonly times = new Float64Array(MAX_PENDING);
  private readonly handles = new Float64Array(MAX_PENDING);
  private count = 0;

  /** The earliest pending wake-up; Infinity when none. */
  get firstAtMs(): number {
    return this.count > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /** The earliest wake-up has fired. */
  fired(): void {
    this.removeFirst();
  }

  /** Cancels every pending wake-up before `limitMs`. */
  cancelBefore(limitMs: number, sim: Simulation): void {
    while (this.count > 0 && this.times[0]! < limitMs) {
      sim.cancel(this.handles[0]!);
      this.removeFirst();
    }
  }

  cancelAll(sim: Simulation): void {
    for (let i = 0; i < this.count; i++) sim.cancel(this.handles[i]!);
    this.count = 0;
  }

  /** Adds a wake-up earlier than every pending one. */
  addFirst(atMs: number, handle: EventHandle, sim: Simulation): void {
    const { times, handles } = this;
    if (this.count === MAX_PENDING) sim.cancel(handles[--this.count]!);
    for (let i = this.count; i > 0; i--) {
      times[i] = times[i - 1]!;
      handles[i] = handles[i - 1]!;
    }
    times[0] = atMs;
    handles[0] = handle;
    this.count++;
  }

  private removeFirst(): void {
    const { times, handles } = this;
    this.count--;
    for (let i = 0; i < this.count; i++) {
      times[i] = times[i + 1]!;
      handles[i] = handles[i + 1]!;
    }
  }
}
