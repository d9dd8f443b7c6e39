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

/** Options of {@link prepareSeries}. */
export interface PrepareOptions {
  /** Leave a gap where the line went quiet for much longer than usual (default: true). */
  readonly gaps?: boolean;
}

/**
 * When a line counts as interrupted: no point for longer than GAP_INTERVALS × its median
 * interval, and at least MIN_GAP_MS and MIN_GAP_PX pixels' worth of time. The median follows
 * the sensor (every 2 s or every 5 min); the 30 s floor keeps a fast sensor's jitter or a
 * short reconnect from breaking the line; the pixel floor keeps gaps too narrow to see (a
 * minute in a 24-h window) from fraying it.
 */
export const GAP_INTERVALS = 3;
export const MIN_GAP_MS = 30_000;
export const MIN_GAP_PX = 4;
/** Intervals sampled for the median: enough for a stable one, cheap for 200,000 points. */
const MEDIAN_SAMPLE = 2048;
/** Fewest points a segment between gaps is reduced to. */
const MIN_SEGMENT_TARGET = 4;

/**
 * The points to draw for one line: those inside `window` (plus the one just before it, so the
 * line enters from the left edge instead of starting mid-air), reduced with LTTB to about one
 * point per pixel of `width`. The first and the last point are always kept, so 100,000 points
 * cost what `width` points do to draw. Where the line was interrupted (see GAP_INTERVALS), a
 * gap marker (value NaN, halfway between) is put in, and the points on both sides of it are
 * kept: each stretch between gaps is reduced on its own. Pure.
 */
export function prepareSeries(
  points: PointSource,
  window: TimeWindow,
  width: number,
  options: PrepareOptions = {},
): PreparedSeries {
  const from = Math.max(0, lowerBound(points, window.start) - 1);
  const to = upperBound(points, window.end);
  const n = Math.max(0, to - from);
  const target = Math.max(MIN_TARGET, Math.floor(Number.isFinite(width) ? width : 0));
  if (n === 0) return { t: new Float64Array(0), v: new Float64Array(0) };

  const cuts =
    options.gaps === false || n < 3
      ? []
      : gapStarts(points, from, to, gapThreshold(points, from, to, window, target));
  const bounds = [from, ...cuts, to];
  const total = points.time(to - 1) - points.time(from);
  const kept: ArrayLike<number>[] = [];
  let length = cuts.length;
  for (let s = 0; s + 1 < bounds.length; s++) {
    const a = bounds[s]!;
    const b = bounds[s + 1]!;
    const share = total > 0 ? (points.time(b - 1) - points.time(a)) / total : 1;
    const k = reduce(
      points,
      a,
      b,
      cuts.length === 0 ? target : Math.max(MIN_SEGMENT_TARGET, Math.ceil(target * share)),
    );
    kept.push(k);
    length += k.length;
  }

  const t = new Float64Array(length);
  const v = new Float64Array(length);
  let o = 0;
  for (let s = 0; s < kept.length; s++) {
    if (s > 0) {
      // Halfway through the silence: recharts breaks the line at a null there.
      t[o] = (t[o - 1]! + points.time(bounds[s]!)) / 2;
      v[o++] = Number.NaN;
    }
    const k = kept[s]!;
    for (let j = 0; j < k.length; j++) {
      t[o] = points.time(k[j]!);
      v[o++] = points.value(k[j]!);
    }
  }
  return { t, v };
}

/**
 * How long a silence must be to leave a gap in the points [from, to) shown in `window` on
 * `width` px: see GAP_INTERVALS. Infinity with too few points to know the usual interval.
 */
export function gapThreshold(
  points: PointSource,
  from: number,
  to: number,
  window: TimeWindow,
  width: number,
): number {
  const intervals = to - from - 1;
  if (intervals < 2) return Infinity;
  // A median of evenly spread intervals: cheap for 200,000 points, and as good.
  const stride = Math.max(1, Math.ceil(intervals / MEDIAN_SAMPLE));
  const sample = new Float64Array(Math.ceil(intervals / stride));
  for (let j = 0, i = from; j < sample.length; j++, i += stride) {
    sample[j] = points.time(i + 1) - points.time(i);
  }
  sample.sort();
  const median = sample[sample.length >> 1]!;
  const pixel = (window.end - window.start) / Math.max(1, width);
  return Math.max(GAP_INTERVALS * median, MIN_GAP_MS, MIN_GAP_PX * pixel);
}

/** Indexes in (from, to) whose point follows a silence longer than `threshold`. */
function gapStarts(points: PointSource, from: number, to: number, threshold: number): number[] {
  const cuts: number[] = [];
  if (!Number.isFinite(threshold)) return cuts;
  let prev = points.time(from);
  for (let i = from + 1; i < to; i++) {
    const t = points.time(i);
    if (t - prev > threshold) cuts.push(i);
    prev = t;
  }
  return cuts;
}

/** Indexes of the points of [from, to) to draw, about `target` of them (all if fewer). */
function reduce(points: PointSource, from: number, to: number, target: number): ArrayLike<number> {
  const n = to - from;
  if (n <= target) return span(from, to);
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
  return lttb(indexes, target);
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

/**
 * One row per distinct time, one key per line (`s0`, `s1` …): the shape recharts draws. A
 * line's key is missing in the rows of other lines' points, and null at a gap in its own.
 */
export type ChartRow = { t: number } & Record<string, number | null>;

/**
 * Merge prepared lines into rows on a shared time axis. A line has a value only in its own
 * rows (the plot draws each line through its own rows, across the others'); a gap marker
 * (NaN) becomes null, where the plot breaks the line.
 */
export function mergeRows(lines: ReadonlyArray<{ key: string; data: PreparedSeries }>): ChartRow[] {
  const value = (v: number) => (Number.isNaN(v) ? null : v);
  if (lines.length === 1) {
    const { key, data } = lines[0]!;
    const rows = new Array<ChartRow>(data.t.length);
    for (let i = 0; i < data.t.length; i++) rows[i] = { t: data.t[i]!, [key]: value(data.v[i]!) };
    return rows;
  }
  const byTime = new Map<number, ChartRow>();
  for (const { key, data } of lines) {
    for (let i = 0; i < data.t.length; i++) {
      const t = data.t[i]!;
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t } as ChartRow));
      row[key] = value(data.v[i]!);
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
