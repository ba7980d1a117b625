/**
 * The runnable bursts of one pod, smallest finish tag first. A tag is the pod's virtual
 * work clock at which the burst will be done (see cfs-node-cpu.ts): the bursts of a pod
 * all progress at the same rate, so the one with the smallest tag finishes first.
 */
export class BurstHeap<T> {
  private readonly tags: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.tags.length;
  }

  /** The smallest tag; Infinity when empty. */
  get minTag(): number {
    return this.tags.length > 0 ? this.tags[0]! : Number.POSITIVE_INFINITY;
  }

  push(tag: number, item: T): void {
    const { tags, items } = this;
    let i = tags.length;
    tags.push(tag);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (tags[parent]! <= tag) break;
      tags[i] = tags[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    tags[i] = tag;
    items[i] = item;
  }

  /** Removes and returns the item with the smallest tag; the heap must not be empty. */
  pop(): T {
    const { tags, items } = this;
    const top = items[0]!;
    const lastTag = tags.pop()!;
    const lastItem = items.pop()!;
    const n = tags.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && tags[right]! < tags[left]! ? right : left;
      if (tags[child]! >= lastTag) break;
      tags[i] = tags[child]!;
      items[i] = items[child]!;
      i = child;
    }
    tags[i] = lastTag;
    items[i] = lastItem;
    return top;
  }
}
