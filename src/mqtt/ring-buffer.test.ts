import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps the newest items up to its capacity, oldest first', () => {
    const r = new RingBuffer<number>(3);
    expect(r.toArray()).toEqual([]);
    r.push(1);
    r.push(2);
    expect(r.toArray()).toEqual([1, 2]);
    for (let i = 3; i <= 10; i++) r.push(i);
    expect(r.size).toBe(3);
    expect(r.toArray()).toEqual([8, 9, 10]);
    r.clear();
    expect(r.toArray()).toEqual([]);
    r.push(11);
    expect(r.toArray()).toEqual([11]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
