/**
 * The pending-event set: a binary min-heap over typed arrays, ordered by
 * (time, priority, insertion sequence) so that ties always resolve the same way.
 *
 * Why this shape: a simulator of request traffic schedules and cancels millions of short
 * events (every request arms a timeout that is almost always cancelled). So
 * - the heap keys live inline in Float64Arrays (no object per event, no pointer chasing
 *   while sifting);
 * - an event's action and data live in a slot, recycled through a free list;
 * - cancellation is O(1) and lazy: the slot is marked dead and skipped when it surfaces;
 *   when dead entries outnumber live ones the heap is compacted in O(n);
 * - an event that comes after every event in the "lane" (a ring in (time, order) order) is
 *   appended there in O(1) instead of entering the heap. Those are the far-future events
 *   scheduled with one delay, above all every request's timeout: armed seconds ahead and
 *   cancelled milliseconds later, in the heap they are dead weight every pop sifts past
 *   (chain-6: a heap of 59 entries for 27 live). A pop takes the smaller of the heap's top
 *   and the lane's head, so the order of events is the same as with the heap alone;
 * - a "timer" is an event that is moved rather than cancelled and pushed again: a model
 *   with one pending event per thing whose moment keeps changing (a pod's next CPU
 *   completion, which every burst that joins or leaves the pod may move) keeps it in a
 *   small heap of its own that knows each timer's position, so a move is one sift in
 *   place, with no slot to recycle and no dead entry left for every later pop to sift
 *   past. A move takes a new insertion sequence, exactly as a cancel and a push would, so
 *   the order of events is the same as with cancel and push.
 *
 * Priority and sequence are packed into one float64 "order" key, so comparing two entries
 * is at most two number comparisons: order = (priority + PRIORITY_OFFSET) * 2^43 + seq.
 * That leaves 2^43 (8.8e12) insertions per queue and priorities in [-512, 511].
 */

export type EventAction<T = unknown> = (data: T) => void;

/** An opaque handle for cancelling a scheduled event: slot index plus a generation count. */
export type EventHandle = number;

export const MIN_PRIORITY = -512;
export const MAX_PRIORITY = 511;
const PRIORITY_OFFSET = 512;
const SEQ_SPAN = 2 ** 43;
/** Handles pack (generation, slot); 2^24 slots = 16.7M pending events at once. */
const SLOT_SPAN = 2 ** 24;
const GENERATION_SPAN = 2 ** 29;
/**
 * Dead entries a compaction waits for. Small: a model that cancels most of its events (a
 * request's timeout, armed seconds ahead and cancelled milliseconds later) otherwise keeps
 * a heap many times its live size, and every pop sifts through the extra levels (chain-6:
 * 535 entries for 27 live at 1024, 59 at 64). Rebuilding is O(n) per n/2 cancellations.
 */
const MIN_COMPACTION = 64;
/** The lane's first ring (a power of two, as every ring after it: positions wrap by a mask). */
const LANE_INITIAL_CAPACITY = 64;
/** slotInLane's mark for a timer's slot (src/engine/event-queue.ts, timers) */
const TIMER_SLOT = 2;

export class EventQueue {
  private heapTime: Float64Array;
  private heapOrder: Float64Array;
  private heapSlot: Int32Array;
  private heapSize = 0;

  // Each slot's action takes the data stored beside it; the pair is typed at push().
  private slotAction: Array<EventAction<unknown> | undefined>;
  private slotData: unknown[];
  private slotGeneration: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;

  private nextSeq = 0;
  /** cancelled entries still in the heap */
  private deadCount = 0;

  // The lane: a ring of entries in increasing (time, order), from laneHead, laneCount long.
  private laneTime: Float64Array;
  private laneOrder: Float64Array;
  private laneSlot: Int32Array;
  private laneHead = 0;
  private laneCount = 0;
  /** cancelled entries still in the lane */
  private laneDead = 0;
  /**
   * The time of the lane's last entry, kept when the lane empties: a later event joins the
   * lane, any other the heap. (A lane emptied of one far event takes only later ones; it
   * fills again as soon as one comes.)
   */
  private laneLastTime = Number.NEGATIVE_INFINITY;
  /**
   * 1 where the slot's event is in the lane, 0 in the heap: where a cancellation counts;
   * TIMER_SLOT for a timer's slot, which is never freed.
   */
  private slotInLane: Uint8Array;

  // The timers' heap, ordered as the main heap, with each armed timer's index in it.
  private timerTime = new Float64Array(16);
  private timerOrder = new Float64Array(16);
  private timerSlot = new Int32Array(16);
  private timerSize = 0;
  /** by slot: where a timer is in the timers' heap, -1 while it is not armed */
  private slotTimerAt: Int32Array;
  /** by slot: a timer's priority as the high part of its order key */
  private slotTimerOrderBase: Float64Array;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(capacity);
    this.heapOrder = new Float64Array(capacity);
    this.heapSlot = new Int32Array(capacity);
    this.slotAction = new Array(capacity).fill(undefined);
    this.slotData = new Array(capacity).fill(undefined);
    this.slotGeneration = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    this.slotInLane = new Uint8Array(capacity);
    this.slotTimerAt = new Int32Array(capacity);
    this.slotTimerOrderBase = new Float64Array(capacity);
    this.laneTime = new Float64Array(LANE_INITIAL_CAPACITY);
    this.laneOrder = new Float64Array(LANE_INITIAL_CAPACITY);
    this.laneSlot = new Int32Array(LANE_INITIAL_CAPACITY);
  }

  /** Live (not cancelled) events still pending. */
  get size(): number {
    return this.heapSize - this.deadCount + this.laneCount - this.laneDead + this.timerSize;
  }

  /**
   * Adds an event and returns its slot; `handleOf(slot)` is its handle. (A slot is a small
   * integer; a handle is not, and returning one from a call that is not inlined allocates.)
   */
  push<T>(time: number, priority: number, action: EventAction<T>, data: T): number {
    const slot = this.allocateSlot();
    this.slotAction[slot] = action as EventAction<unknown>;
    this.slotData[slot] = data;
    const order = (priority + PRIORITY_OFFSET) * SEQ_SPAN + this.nextSeq++;
    // Strictly later than the lane's last entry keeps the lane in (time, order) order. (One
    // comparison: push must stay small enough for V8 to inline it into schedule, or every
    // time passed to it is boxed.)
    if (time > this.laneLastTime) this.appendToLane(time, order, slot);
    else this.pushToHeap(time, order, slot);
    return slot;
  }

  private pushToHeap(time: number, order: number, slot: number): void {
    this.slotInLane[slot] = 0;
    if (this.heapSize === this.heapTime.length) this.growHeap();
    this.siftUp(this.heapSize++, time, order, slot);
  }

  /** The handle of the event now in `slot`. */
  handleOf(slot: number): EventHandle {
    return this.slotGeneration[slot]! * SLOT_SPAN + slot;
  }

  /**
   * Cancels a pending event. Returns false when the handle is stale (the event already
   * fired or was cancelled), so double cancellation is harmless.
   */
  cancel(handle: EventHandle): boolean {
    // Division by a power of two and floor are exact here, and far cheaper than `%` on a
    // handle past 2^31 (a double: V8 calls fmod for it).
    const generation = Math.floor(handle / SLOT_SPAN);
    const slot = handle - generation * SLOT_SPAN;
    if (slot >= this.slotCount || this.slotGeneration[slot] !== generation) return false;
    if (this.slotAction[slot] === undefined) return false;
    this.slotAction[slot] = undefined;
    this.slotData[slot] = undefined;
    if (this.slotInLane[slot] === 1) {
      this.laneDead++;
      if (this.laneDead > MIN_COMPACTION && this.laneDead * 2 > this.laneCount) this.compactLane();
      return true;
    }
    this.deadCount++;
    if (this.deadCount > MIN_COMPACTION && this.deadCount * 2 > this.heapSize) this.compact();
    return true;
  }

  /**
   * Removes the earliest live event if it is due before `until` and returns its slot; the
   * caller reads the action and data with actionOf/dataOf, then calls release(slot).
   * Returns -1 when no live event is due before `until`. Splitting pop from release avoids
   * allocating a result object per event.
   */
  popSlotBefore(until: number): number {
    this.dropDeadTop();
    if (this.laneCount > 0) {
      this.dropDeadLaneHead();
      if (this.laneCount > 0 && this.laneHeadFirst()) {
        if (this.timerSize > 0 && this.timerBefore(this.laneTime, this.laneOrder, this.laneHead))
          return this.removeTimerTopBefore(until);
        if (!(this.laneTime[this.laneHead]! < until)) return -1;
        return this.removeLaneHead();
      }
    }
    if (
      this.timerSize > 0 &&
      (this.heapSize === 0 || this.timerBefore(this.heapTime, this.heapOrder, 0))
    )
      return this.removeTimerTopBefore(until);
    if (this.heapSize === 0 || !(this.heapTime[0]! < until)) return -1;
    return this.removeTop();
  }

  /** Whether the first timer (there is one) comes before the entry at `at` of those arrays. */
  private timerBefore(time: Float64Array, order: Float64Array, at: number): boolean {
    const timerTime = this.timerTime[0]!;
    const otherTime = time[at]!;
    return timerTime < otherTime || (timerTime === otherTime && this.timerOrder[0]! < order[at]!);
  }

  /** Time of the entry most recently returned by popSlotBefore. */
  lastPoppedTime = 0;

  actionOf(slot: number): EventAction<unknown> {
    return this.slotAction[slot]!;
  }

  dataOf(slot: number): unknown {
    return this.slotData[slot];
  }

  /**
   * Returns a popped slot to the free list. Its action and data stay until the slot is
   * reused (the free list is LIFO, so soon): the new generation already makes any handle
   * to the old event stale, and skipping two writes per event is measurable.
   */
  release(slot: number): void {
    if (this.slotInLane[slot] !== TIMER_SLOT) this.freeSlot(slot);
  }

  /**
   * A timer: a slot of its own for `action(data)`, never freed, not armed. Arm or move it
   * with setTimer, disarm it with clearTimer; it is disarmed when it fires.
   */
  createTimer<T>(priority: number, action: EventAction<T>, data: T): number {
    const slot = this.allocateSlot();
    this.slotAction[slot] = action as EventAction<unknown>;
    this.slotData[slot] = data;
    this.slotInLane[slot] = TIMER_SLOT;
    this.slotTimerAt[slot] = -1;
    this.slotTimerOrderBase[slot] = (priority + PRIORITY_OFFSET) * SEQ_SPAN;
    return slot;
  }

  /**
   * Arms the timer at `time`, or moves it there: it takes the next insertion sequence, as
   * an event pushed now would, so it fires exactly when a cancel and a push would have.
   */
  setTimer(timer: number, time: number): void {
    const order = this.slotTimerOrderBase[timer]! + this.nextSeq++;
    const at = this.slotTimerAt[timer]!;
    if (at === -1) {
      if (this.timerSize === this.timerTime.length) this.growTimers();
      this.timerSiftUp(this.timerSize++, time, order, timer);
      return;
    }
    // The new key is earlier than the old one only by its time (its sequence is the largest).
    if (time < this.timerTime[at]!) this.timerSiftUp(at, time, order, timer);
    else this.timerSiftDown(at, time, order, timer);
  }

  /** Disarms the timer (nothing when it is not armed). */
  clearTimer(timer: number): void {
    const at = this.slotTimerAt[timer]!;
    if (at === -1) return;
    this.slotTimerAt[timer] = -1;
    this.removeTimerAt(at);
  }

  /** The first timer is the earliest event: pops it if it is due before `until`. */
  private removeTimerTopBefore(until: number): number {
    if (!(this.timerTime[0]! < until)) return -1;
    const slot = this.timerSlot[0]!;
    this.lastPoppedTime = this.timerTime[0]!;
    this.slotTimerAt[slot] = -1;
    this.removeTimerAt(0);
    return slot;
  }

  /** Fills the timers' heap's entry `at` with its last entry. */
  private removeTimerAt(at: number): void {
    const last = --this.timerSize;
    if (at === last) return;
    const time = this.timerTime[last]!;
    const order = this.timerOrder[last]!;
    const slot = this.timerSlot[last]!;
    const parent = (at - 1) >> 1;
    if (
      at > 0 &&
      (time < this.timerTime[parent]! ||
        (time === this.timerTime[parent]! && order < this.timerOrder[parent]!))
    )
      this.timerSiftUp(at, time, order, slot);
    else this.timerSiftDown(at, time, order, slot);
  }

  private timerSiftUp(index: number, time: number, order: number, slot: number): void {
    const { timerTime, timerOrder, timerSlot, slotTimerAt } = this;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = timerTime[parent]!;
      if (parentTime < time || (parentTime === time && timerOrder[parent]! < order)) break;
      timerTime[i] = parentTime;
      timerOrder[i] = timerOrder[parent]!;
      timerSlot[i] = timerSlot[parent]!;
      slotTimerAt[timerSlot[i]!] = i;
      i = parent;
    }
    timerTime[i] = time;
    timerOrder[i] = order;
    timerSlot[i] = slot;
    slotTimerAt[slot] = i;
  }

  private timerSiftDown(index: number, time: number, order: number, slot: number): void {
    const { timerTime, timerOrder, timerSlot, slotTimerAt } = this;
    const size = this.timerSize;
    let i = index;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let childTime = timerTime[child]!;
      let childOrder = timerOrder[child]!;
      const right = child + 1;
      if (right < size) {
        const rightTime = timerTime[right]!;
        if (rightTime < childTime || (rightTime === childTime && timerOrder[right]! < childOrder)) {
          child = right;
          childTime = rightTime;
          childOrder = timerOrder[right]!;
        }
      }
      if (time < childTime || (time === childTime && order < childOrder)) break;
      timerTime[i] = childTime;
      timerOrder[i] = childOrder;
      timerSlot[i] = timerSlot[child]!;
      slotTimerAt[timerSlot[i]!] = i;
      i = child;
    }
    timerTime[i] = time;
    timerOrder[i] = order;
    timerSlot[i] = slot;
    slotTimerAt[slot] = i;
  }

  private growTimers(): void {
    const capacity = this.timerTime.length * 2;
    this.timerTime = grow(this.timerTime, new Float64Array(capacity));
    this.timerOrder = grow(this.timerOrder, new Float64Array(capacity));
    this.timerSlot = grow(this.timerSlot, new Int32Array(capacity));
  }

  private removeTop(): number {
    const slot = this.heapSlot[0]!;
    this.lastPoppedTime = this.heapTime[0]!;
    const last = --this.heapSize;
    if (last > 0)
      this.siftDown(0, this.heapTime[last]!, this.heapOrder[last]!, this.heapSlot[last]!);
    return slot;
  }

  /** Whether the lane's head (the lane has one) comes before the heap's top, if any. */
  private laneHeadFirst(): boolean {
    if (this.heapSize === 0) return true;
    const time = this.laneTime[this.laneHead]!;
    const topTime = this.heapTime[0]!;
    return (
      time < topTime || (time === topTime && this.laneOrder[this.laneHead]! < this.heapOrder[0]!)
    );
  }

  private appendToLane(time: number, order: number, slot: number): void {
    if (this.laneCount === this.laneSlot.length) this.growLane();
    const at = (this.laneHead + this.laneCount++) & (this.laneSlot.length - 1);
    this.laneTime[at] = time;
    this.laneOrder[at] = order;
    this.laneSlot[at] = slot;
    this.laneLastTime = time;
    this.slotInLane[slot] = 1;
  }

  private removeLaneHead(): number {
    const head = this.laneHead;
    this.lastPoppedTime = this.laneTime[head]!;
    this.laneHead = (head + 1) & (this.laneSlot.length - 1);
    this.laneCount--;
    return this.laneSlot[head]!;
  }

  private dropDeadLaneHead(): void {
    while (this.laneCount > 0 && this.slotAction[this.laneSlot[this.laneHead]!] === undefined) {
      const slot = this.removeLaneHead();
      this.laneDead--;
      this.freeSlot(slot);
    }
  }

  /** Drops every cancelled entry from the lane, keeping the others in order. */
  private compactLane(): void {
    const mask = this.laneSlot.length - 1;
    let kept = 0;
    for (let i = 0; i < this.laneCount; i++) {
      const from = (this.laneHead + i) & mask;
      const slot = this.laneSlot[from]!;
      if (this.slotAction[slot] === undefined) {
        this.freeSlot(slot);
        continue;
      }
      const to = (this.laneHead + kept) & mask;
      this.laneTime[to] = this.laneTime[from]!;
      this.laneOrder[to] = this.laneOrder[from]!;
      this.laneSlot[to] = slot;
      kept++;
    }
    this.laneCount = kept;
    this.laneDead = 0;
  }

  private dropDeadTop(): void {
    while (this.heapSize > 0 && this.slotAction[this.heapSlot[0]!] === undefined) {
      const slot = this.removeTop();
      this.deadCount--;
      this.freeSlot(slot);
    }
  }

  private siftUp(index: number, time: number, order: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapOrder = this.heapOrder;
    const heapSlot = this.heapSlot;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = heapTime[parent]!;
      if (parentTime < time || (parentTime === time && heapOrder[parent]! < order)) break;
      heapTime[i] = parentTime;
      heapOrder[i] = heapOrder[parent]!;
      heapSlot[i] = heapSlot[parent]!;
      i = parent;
    }
    heapTime[i] = time;
    heapOrder[i] = order;
    heapSlot[i] = slot;
  }

  private siftDown(index: number, time: number, order: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapOrder = this.heapOrder;
    const heapSlot = this.heapSlot;
    const size = this.heapSize;
    const half = size >> 1;
    let i = index;
    while (i < half) {
      let child = 2 * i + 1;
      let childTime = heapTime[child]!;
      let childOrder = heapOrder[child]!;
      const right = child + 1;
      if (right < size) {
        const rightTime = heapTime[right]!;
        if (rightTime < childTime || (rightTime === childTime && heapOrder[right]! < childOrder)) {
          child = right;
          childTime = rightTime;
          childOrder = heapOrder[right]!;
        }
      }
      if (time < childTime || (time === childTime && order < childOrder)) break;
      heapTime[i] = childTime;
      heapOrder[i] = childOrder;
      heapSlot[i] = heapSlot[child]!;
      i = child;
    }
    heapTime[i] = time;
    heapOrder[i] = order;
    heapSlot[i] = slot;
  }

  /** Drops every cancelled entry and rebuilds the heap bottom-up in O(n). */
  private compact(): void {
    let kept = 0;
    for (let i = 0; i < this.heapSize; i++) {
      const slot = this.heapSlot[i]!;
      if (this.slotAction[slot] === undefined) {
        this.freeSlot(slot);
        continue;
      }
      this.heapTime[kept] = this.heapTime[i]!;
      this.heapOrder[kept] = this.heapOrder[i]!;
      this.heapSlot[kept] = slot;
      kept++;
    }
    this.heapSize = kept;
    this.deadCount = 0;
    for (let i = (kept >> 1) - 1; i >= 0; i--) {
      this.siftDown(i, this.heapTime[i]!, this.heapOrder[i]!, this.heapSlot[i]!);
    }
  }

  private allocateSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.slotCount === this.slotGeneration.length) this.growSlots();
    if (this.slotCount >= SLOT_SPAN) {
      throw new Error(`EventQueue: more than ${SLOT_SPAN} events pending at once`);
    }
    return this.slotCount++;
  }

  private freeSlot(slot: number): void {
    // A new generation makes every old handle to this slot stale.
    this.slotGeneration[slot] = (this.slotGeneration[slot]! + 1) & (GENERATION_SPAN - 1);
    this.freeSlots[this.freeCount++] = slot;
  }

  private growHeap(): void {
    const capacity = this.heapTime.length * 2;
    this.heapTime = grow(this.heapTime, new Float64Array(capacity));
    this.heapOrder = grow(this.heapOrder, new Float64Array(capacity));
    this.heapSlot = grow(this.heapSlot, new Int32Array(capacity));
  }

  /** Doubles the lane's ring, its entries from index 0. */
  private growLane(): void {
    const capacity = this.laneSlot.length * 2;
    const mask = this.laneSlot.length - 1;
    const time = new Float64Array(capacity);
    const order = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    for (let i = 0; i < this.laneCount; i++) {
      const from = (this.laneHead + i) & mask;
      time[i] = this.laneTime[from]!;
      order[i] = this.laneOrder[from]!;
      slots[i] = this.laneSlot[from]!;
    }
    this.laneTime = time;
    this.laneOrder = order;
    this.laneSlot = slots;
    this.laneHead = 0;
  }

  private growSlots(): void {
    const capacity = this.slotGeneration.length * 2;
    this.slotGeneration = grow(this.slotGeneration, new Int32Array(capacity));
    this.freeSlots = grow(this.freeSlots, new Int32Array(capacity));
    this.slotInLane = grow(this.slotInLane, new Uint8Array(capacity));
    this.slotTimerAt = grow(this.slotTimerAt, new Int32Array(capacity));
    this.slotTimerOrderBase = grow(this.slotTimerOrderBase, new Float64Array(capacity));
    // Extend with explicit undefined (not holes) so V8 keeps the arrays packed.
    for (let i = this.slotAction.length; i < capacity; i++) {
      this.slotAction.push(undefined);
      this.slotData.push(undefined);
    }
  }
}

function grow<A extends Float64Array | Int32Array | Uint8Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
