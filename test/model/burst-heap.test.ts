import { describe, expect, it } from 'vitest';
import { BurstHeap } from '../../src/model/cpu/burst-heap.js';

describe('BurstHeap keeps bursts by finish tag and its smallest tag at hand', () => {
  it('pops in tag order and tracks the smallest tag through pushes, pops and growth', () => {
    const heap = new BurstHeap<string>();
    expect(heap.minTag).toBe(Number.POSITIVE_INFINITY);
    const tags = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0.5];
    let smallest = Number.POSITIVE_INFINITY;
    for (const tag of tags) {
      heap.push(tag, `b${tag}`);
      smallest = Math.min(smallest, tag);
      expect(heap.minTag).toBe(smallest);
    }
    const popped: string[] = [];
    while (heap.size > 0) {
      const min = heap.minTag;
      const item = heap.pop();
      expect(item).toBe(`b${min}`);
      popped.push(item);
    }
    expect(popped).toEqual([...tags].sort((a, b) => a - b).map((t) => `b${t}`));
    expect(heap.minTag).toBe(Number.POSITIVE_INFINITY);
  });

  it('has no smallest tag once cleared, and starts afresh', () => {
    const heap = new BurstHeap<string>();
    heap.push(2, 'a');
    heap.push(1, 'b');
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.minTag).toBe(Number.POSITIVE_INFINITY);
    heap.push(3, 'c');
    expect(heap.minTag).toBe(3);
    expect(heap.top).toBe('c');
  });
});
