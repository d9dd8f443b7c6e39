/**
 * A bounded FIFO that overwrites its oldest item: O(1) push, memory capped at `capacity`.
 * It grows up to the capacity instead of allocating it up front: most topics see few messages.
 */
export class RingBuffer<T> {
  private items: Array<T | undefined> = [];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[(this.head + this.count) % this.capacity] = item;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.head + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.count = 0;
  }
}
