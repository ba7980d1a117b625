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

  private grow(): void {
    const grown: (T | undefined)[] = new Array(this.items.length * 2).fill(undefined);
    for (let i = 0; i < this.count; i++)
      grown[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = grown;
    this.head = 0;
  }
}
