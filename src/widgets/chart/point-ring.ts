/**
 * A line's points in memory: two typed arrays used as one ring (time, value), so 200,000
 * points cost 3.2 MB and no objects. It grows up to its capacity instead of allocating it
 * up front: most lines see few messages.
 */

/** Read access to points in time order; what `prepareSeries` draws from. */
export interface PointSource {
  readonly length: number;
  time(i: number): number;
  value(i: number): number;
}

/** Points from plain arrays (tests, benchmarks, storage). */
export function pointsFromArrays(t: ArrayLike<number>, v: ArrayLike<number>): PointSource {
  return { length: Math.min(t.length, v.length), time: (i) => t[i]!, value: (i) => v[i]! };
}

const INITIAL = 64;

export class PointRing implements PointSource {
  private t: Float64Array;
  private v: Float64Array;
  private head = 0;
  private count = 0;

  constructor(private cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError('capacity must be ≥ 1');
    const n = Math.min(INITIAL, cap);
    this.t = new Float64Array(n);
    this.v = new Float64Array(n);
  }

  get length(): number {
    return this.count;
  }

  get capacity(): number {
    return this.cap;
  }

  time(i: number): number {
    return this.t[(this.head + i) % this.t.length]!;
  }

  value(i: number): number {
    return this.v[(this.head + i) % this.v.length]!;
  }

  /** The newest point's time, or -Infinity when empty. */
  get lastTime(): number {
    return this.count === 0 ? -Infinity : this.time(this.count - 1);
  }

  /**
   * Append a point. Times never go backwards (a clock change would break the binary search
   * the drawing relies on), so an earlier time is taken as the newest time.
   */
  push(t: number, v: number): void {
    const time = t < this.lastTime ? this.lastTime : t;
    if (this.count === this.t.length && this.t.length < this.cap) {
      // Doubling keeps appends amortised O(1) while the ring grows towards its cap.
      this.reallocate(Math.min(this.cap, this.t.length * 2));
    }
    const size = this.t.length;
    const at = (this.head + this.count) % size;
    this.t[at] = time;
    this.v[at] = v;
    if (this.count < size) this.count++;
    else this.head = (this.head + 1) % size;
  }

  /** Drop points older than `cutoff` (ms). */
  pruneBefore(cutoff: number): void {
    while (this.count > 0 && this.t[this.head]! < cutoff) {
      this.head = (this.head + 1) % this.t.length;
      this.count--;
    }
  }

  /** Change the capacity; shrinking keeps the newest points. */
  setCapacity(cap: number): void {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError('capacity must be ≥ 1');
    if (cap === this.cap) return;
    this.cap = cap;
    if (this.count > cap) {
      this.head = (this.head + this.count - cap) % this.t.length;
      this.count = cap;
    }
    if (this.t.length > cap) this.reallocate(cap);
  }

  /** Copies of the points in time order (for storage). */
  toArrays(): { t: Float64Array; v: Float64Array } {
    const t = new Float64Array(this.count);
    const v = new Float64Array(this.count);
    this.copyInto(t, v);
    return { t, v };
  }

  /** Replace all points (points must be in time order); keeps the newest `capacity`. */
  replace(t: ArrayLike<number>, v: ArrayLike<number>): void {
    const n = Math.min(t.length, v.length);
    const from = Math.max(0, n - this.cap);
    const size = Math.max(Math.min(INITIAL, this.cap), n - from);
    this.t = new Float64Array(size);
    this.v = new Float64Array(size);
    this.head = 0;
    this.count = 0;
    for (let i = from; i < n; i++) this.push(t[i]!, v[i]!);
  }

  private copyInto(t: Float64Array, v: Float64Array) {
    const size = this.t.length;
    const first = Math.min(this.count, size - this.head);
    t.set(this.t.subarray(this.head, this.head + first));
    v.set(this.v.subarray(this.head, this.head + first));
    if (first < this.count) {
      t.set(this.t.subarray(0, this.count - first), first);
      v.set(this.v.subarray(0, this.count - first), first);
    }
  }

  private reallocate(size: number) {
    const t = new Float64Array(size);
    const v = new Float64Array(size);
    this.copyInto(t, v);
    this.t = t;
    this.v = v;
    this.head = 0;
  }
}
