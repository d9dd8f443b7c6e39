import type { ChartRow } from './downsample';

/** At most one point per this many px of plot width on average: then every point gets a dot. */
export const SPARSE_PX = 20;

/** Which points of a line get a dot. */
export interface LineDots {
  /** Every point: the line has so few that a dot shows where each one is. */
  readonly all: boolean;
  /** Row indexes of points with no neighbour on either side (between gaps, or alone). */
  readonly isolated: ReadonlySet<number>;
}

/**
 * Dots for the line under `key`: all of its points when they are sparse on a `width` px plot
 * of the span from `start` (a fresh chart's first few points, a sensor that reports hourly),
 * and otherwise the points a line cannot show, because no segment reaches them: a point
 * alone between two gaps, or the only one.
 */
export function lineDots(
  rows: readonly ChartRow[],
  key: string,
  start: number,
  width: number,
): LineDots {
  const isolated = new Set<number>();
  let shown = 0;
  // The line's own rows, in order: a value, or null at a gap (other lines' rows are skipped).
  let prev: number | null | undefined;
  let prevIndex = -1;
  let prevPrev: number | null | undefined;
  for (let i = 0; i <= rows.length; i++) {
    const v = i < rows.length ? rows[i]![key] : undefined;
    if (i < rows.length && v === undefined) continue;
    if (i < rows.length && v !== null && rows[i]!.t >= start) shown++;
    // The previous own point is isolated when neither of its neighbours is a value.
    if (typeof prev === 'number' && typeof prevPrev !== 'number' && typeof v !== 'number') {
      isolated.add(prevIndex);
    }
    prevPrev = prev;
    prev = v;
    prevIndex = i;
  }
  return { all: shown > 0 && shown <= Math.max(1, width) / SPARSE_PX, isolated };
}

/**
 * A line's points in time order, for finding its value near a time: times and values, NaN
 * at a gap.
 */
export interface OwnPoints {
  readonly t: number[];
  readonly v: number[];
}

export function ownPoints(rows: readonly ChartRow[], key: string): OwnPoints {
  const t: number[] = [];
  const v: number[] = [];
  for (const row of rows) {
    const x = row[key];
    if (x === undefined) continue;
    t.push(row.t);
    v.push(x === null ? Number.NaN : x);
  }
  return { t, v };
}

/**
 * The line's value to show for `time` (a tooltip's): its point nearest to it, as long as the
 * line is there: between two of its points with no gap between them, or within `slack` ms of
 * one (just before its first point, after its last). Null: the line has no value there.
 */
export function valueNear(
  line: OwnPoints,
  time: number,
  slack: number,
): { t: number; v: number } | null {
  const { t, v } = line;
  // First index with t ≥ time.
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  const after = lo < t.length && !Number.isNaN(v[lo]!) ? lo : -1;
  const before = lo > 0 && !Number.isNaN(v[lo - 1]!) ? lo - 1 : -1;
  const near = (i: number) => (i < 0 ? Infinity : Math.abs(t[i]! - time));
  const best = near(before) <= near(after) ? before : after;
  if (best < 0) return null;
  const inside = before >= 0 && after >= 0 && after === before + 1;
  if (!inside && near(best) > slack) return null;
  return { t: t[best]!, v: v[best]! };
}
