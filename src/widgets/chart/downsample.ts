// The LTTB module alone (5 kB), not the package index, which bundles every method and an FFT.
import { createLTTB } from 'downsample/methods/LTTB.js';
import type { PointSource } from './point-ring';

/** A time span in ms since the epoch, both ends included. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** Points ready to draw: times and values, in time order. */
export interface PreparedSeries {
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/** Fewer buckets than this make LTTB's buckets huge and the line meaningless. */
const MIN_TARGET = 16;

/** First index whose time is ≥ `time` (points are in time order). */
export function lowerBound(points: PointSource, time: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points.time(mid) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The points to draw for one line: those inside `window` (plus the one just before it, so the
 * line enters from the left edge instead of starting mid-air), reduced with LTTB to about one
 * point per pixel of `width`. The first and the last point are always kept, so 100,000 points
 * cost what `width` points do to draw. Pure.
 */
export function prepareSeries(
  points: PointSource,
  window: TimeWindow,
  width: number,
): PreparedSeries {
  const from = Math.max(0, lowerBound(points, window.start) - 1);
  const to = upperBound(points, window.end);
  const n = Math.max(0, to - from);
  const target = Math.max(MIN_TARGET, Math.floor(Number.isFinite(width) ? width : 0));

  if (n <= target) {
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = points.time(from + i);
      v[i] = points.value(from + i);
    }
    return { t, v };
  }

  // LTTB over indexes: the library picks which ones to keep, no point objects are made.
  // Beyond a few points per pixel, an exact pre-pass (first, min, max and last of each half
  // pixel, by time) gives LTTB only the points that can matter: LTTB itself allocates per
  // point, and this keeps 100,000 points at the cost of a few thousand.
  const indexes =
    n > target * PREPASS_FACTOR ? minMaxIndexes(points, from, to, target * 2) : span(from, to);
  const lttb = createLTTB<number>({
    x: (i: number) => points.time(i),
    y: (i: number) => points.value(i),
  });
  const kept = lttb(indexes, target);
  const t = new Float64Array(kept.length);
  const v = new Float64Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!;
    t[k] = points.time(i);
    v[k] = points.value(i);
  }
  return { t, v };
}

/** Above this many points per target point, the min/max pre-pass runs first. */
const PREPASS_FACTOR = 8;

function span(from: number, to: number): Uint32Array {
  const out = new Uint32Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}

/**
 * Indexes of the first, lowest, highest and last point of each of `columns` equal time
 * slices of [from, to), in order (M4 aggregation): a line through them looks the same at
 * that resolution as one through all points.
 */
export function minMaxIndexes(
  points: PointSource,
  from: number,
  to: number,
  columns: number,
): Uint32Array {
  const out = new Uint32Array(Math.min(to - from, columns * 4));
  let n = 0;
  const t0 = points.time(from);
  const width = points.time(to - 1) - t0;
  const scale = width > 0 ? columns / width : 0;
  let col = -1;
  let first = 0;
  let lo = 0;
  let hi = 0;
  let last = 0;
  const flush = () => {
    // In index order, each once.
    const a = Math.min(lo, hi);
    const b = Math.max(lo, hi);
    out[n++] = first;
    if (a !== first) out[n++] = a;
    if (b !== a && b !== first) out[n++] = b;
    if (last !== b && last !== first) out[n++] = last;
  };
  for (let i = from; i < to; i++) {
    const c = Math.min(columns - 1, Math.floor((points.time(i) - t0) * scale));
    const v = points.value(i);
    if (c !== col) {
      if (col >= 0) flush();
      col = c;
      first = lo = hi = last = i;
    } else {
      if (v < points.value(lo)) lo = i;
      if (v > points.value(hi)) hi = i;
      last = i;
    }
  }
  if (col >= 0) flush();
  return out.subarray(0, n);
}

/** First index whose time is > `time`. */
function upperBound(points: PointSource, time: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points.time(mid) <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One row per distinct time, one key per line (`s0`, `s1` …): the shape recharts draws. */
export type ChartRow = { t: number } & Record<string, number>;

/**
 * Merge prepared lines into rows on a shared time axis. A line has a value only in its own
 * rows; the chart connects across the others (connectNulls), so each line stays continuous.
 */
export function mergeRows(lines: ReadonlyArray<{ key: string; data: PreparedSeries }>): ChartRow[] {
  if (lines.length === 1) {
    const { key, data } = lines[0]!;
    const rows = new Array<ChartRow>(data.t.length);
    for (let i = 0; i < data.t.length; i++) rows[i] = { t: data.t[i]!, [key]: data.v[i]! };
    return rows;
  }
  const byTime = new Map<number, ChartRow>();
  for (const { key, data } of lines) {
    for (let i = 0; i < data.t.length; i++) {
      const t = data.t[i]!;
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t } as ChartRow));
      row[key] = data.v[i]!;
    }
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * Lowest and highest value a line shows from time `from` on: its points there, and where the
 * line enters at `from` from a point before it (interpolated, or held for a step line). Gap
 * markers (NaN) count for nothing, and a line does not enter across one. Null: none.
 */
export function valueExtent(
  data: PreparedSeries,
  from: number,
  step = false,
): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  const { t, v } = data;
  for (let i = 0; i < t.length; i++) {
    let x = v[i]!;
    if (t[i]! < from) {
      const nt = t[i + 1];
      const nv = v[i + 1];
      if (nt === undefined || nv === undefined || nt < from || Number.isNaN(nv)) continue;
      // The line crosses the left edge between i and i + 1.
      if (!step) x = x + ((nv - x) * (from - t[i]!)) / (nt - t[i]!);
    }
    if (Number.isNaN(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return min <= max ? { min, max } : null;
}
