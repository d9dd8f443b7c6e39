import type { ChartRow } from './downsample';

/** At most one point per this many px of plot width on average: then every point gets a dot. */
export const SPARSE_PX = 12;

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
