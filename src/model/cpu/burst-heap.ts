/**
 * The runnable bursts of one pod, smallest finish tag first. A tag is the pod's virtual
 * work clock at which the burst will be done (see cfs-node-cpu.ts): the bursts of a pod
 * all progress at the same rate, so the one with the smallest tag finishes first.
 *
 * Its arrays only grow (a pod's heap goes from empty to a few bursts and back thousands of
 * times a second; shrinking and regrowing a JavaScript array each time cost more than the
 * heap operations), and a popped slot is cleared so a finished call is not kept alive.
 */
export class BurstHeap<T> {
  private tags = new Float64Array(4);
  private readonly items: (T | undefined)[] = [undefined, undefined, undefined, undefined];
  private count = 0;
  /**
   * The smallest tag; Infinity when empty. A field kept up to date, not a getter: read on
   * every CPU event, and a number field is read without allocating.
   */
  minTag = Number.POSITIVE_INFINITY;

  get size(): number {
    return this.count;
  }

  /** The item with the smallest tag; the heap must not be empty. */
  get top(): T {
    return this.items[0] as T;
  }

  /** Empties it, letting go of its items. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.items[i] = undefined;
    this.count = 0;
    this.minTag = Number.POSITIVE_INFINITY;
  }

  push(tag: number, item: T): void {
    if (this.count === this.tags.length) this.grow();
    const { tags, items } = this;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (tags[parent]! <= tag) break;
      tags[i] = tags[parent]!;
      items[i] = items[parent];
      i = parent;
    }
    tags[i] = tag;
    items[i] = item;
    if (i === 0) this.minTag = tag;
  }

  /** Removes and returns the item with the smallest tag; the heap must not be empty. */
  pop(): T {
    const { tags, items } = this;
    const top = items[0] as T;
    const n = --this.count;
    const lastTag = tags[n]!;
    const lastItem = items[n];
    items[n] = undefined;
    if (n === 0) {
      this.minTag = Number.POSITIVE_INFINITY;
      return top;
    }
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && tags[right]! < tags[left]! ? right : left;
      if (tags[child]! >= lastTag) break;
      tags[i] = tags[child]!;
      items[i] = items[child];
      i = child;
    }
    tags[i] = lastTag;
    items[i] = lastItem;
    this.minTag = tags[0]!;
    return top;
  }

  private grow(): void {
    const tags = new Float64Array(this.tags.length * 2);
    tags.set(this.tags);
    this.tags = tags;
    for (let i = this.items.length; i < tags.length; i++) this.items.push(undefined);
  }
}
