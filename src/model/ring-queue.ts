/**
 * A FIFO queue on a growable ring buffer: O(1) push and shift without the O(n) cost of
 * Array.prototype.shift on long queues (a pod's backlog can hold thousands of requests).
 */
export class RingQueue<T> {
  private items: (T | undefined)[] = new Array(16).fill(undefined);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = item;
    this.count++;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return item;
  }

  /**
   * Takes `item` out wherever it waits (a cancelled call leaving a pod's queue); false if
   * it is not here. O(its position): the items before it move up one place. A call usually
   * leaves because its caller's timeout passed, and the oldest calls are the first to time
   * out, so it is usually at the front.
   */
  remove(item: T): boolean {
    const mask = this.items.length - 1;
    let i = 0;
    while (i < this.count && this.items[(this.head + i) & mask] !== item) i++;
    if (i === this.count) return false;
    for (; i > 0; i--) this.items[(this.head + i) & mask] = this.items[(this.head + i - 1) & mask];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & mask;
    this.count--;
    return true;
  }

  private grow(): void {
    const grown: (T | undefined)[] = new Array(this.items.length * 2).fill(undefined);
    for (let i = 0; i < this.count; i++)
      grown[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = grown;
    this.head = 0;
  }
}
