// d3-scale is recharts' own scale library (already in its tree); this module is imported by
// chart-view.tsx only, which is lazy-loaded, so it never reaches the entry chunk.
import { scaleLinear } from 'd3-scale';
import { formatNumber } from '@/i18n/format';

/** The y axis as drawn: its range, where its labels go, and how they read. */
export interface ValueAxis {
  /** The range the plot spans, bottom to top. */
  readonly domain: readonly [number, number];
  /** Values with a label and a grid line, bottom to top. */
  readonly ticks: readonly number[];
  /** Decimals every label shows (all the same, from the tick step: 20.0, 20.5, 21.0). */
  readonly decimals: number;
  /** Width the labels need, px. */
  readonly width: number;
}

/** Lowest and highest value drawn; null when nothing is. */
export interface ValueExtent {
  readonly min: number;
  readonly max: number;
}

/** About one label per this many px of plot height, and never closer than the minimum. */
const PX_PER_TICK = 50;
const MIN_PX_PER_TICK = 32;
/** Labels are 11 px: a digit is about 6.6 px wide; plus the tick mark and a gap. */
const CHAR_PX = 6.6;
const LABEL_PAD_PX = 14;
const MIN_WIDTH = 32;
/**
 * Room beyond an automatic end's last tick, px: a point on the tick (a maximum of exactly
 * 21.6 on a 21.6 tick) keeps its whole dot and line instead of being cut by the plot's edge.
 */
const PAD_PX = 5;

/**
 * The y axis for values in `extent`, on a plot `height` px high: "nice" ticks (steps of 1, 2
 * or 5 × 10ⁿ, as d3's linear scale picks them), about one per 50 px, the range widened to the
 * nice ticks around the data so the top and bottom lines carry a label (and by a few px more,
 * so a point on them is not cut). A fixed end from the config (`fixed.min`, `fixed.max`) is
 * kept exactly; only an automatic end is widened.
 */
export function valueAxis(
  extent: ValueExtent | null,
  fixed: { readonly min: number | null; readonly max: number | null },
  height: number,
): ValueAxis {
  const h = Number.isFinite(height) ? Math.max(0, height) : 0;
  const most = Math.max(2, Math.floor(h / MIN_PX_PER_TICK) + 1);
  let lo = fixed.min ?? extent?.min ?? fixed.max ?? 0;
  let hi = fixed.max ?? extent?.max ?? fixed.min ?? 1;
  // One end fixed: the automatic one must still be on its own side of it.
  if (fixed.min !== null && fixed.max === null) hi = Math.max(hi, lo);
  if (fixed.max !== null && fixed.min === null) lo = Math.min(lo, hi);
  if (!(hi > lo)) {
    // A flat line: a band around its value (5 %, or ±1 around zero) instead of no range.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
    if (fixed.min !== null) hi = lo + 2 * pad;
    else if (fixed.max !== null) lo = hi - 2 * pad;
    else [lo, hi] = [lo - pad, hi + pad];
  }
  // d3 takes the count as a hint and may give more: ask for fewer until they fit.
  let domain: [number, number] = [lo, hi];
  let ticks: number[] = [];
  for (let count = Math.max(2, Math.round(h / PX_PER_TICK)); count >= 1; count--) {
    const scale = scaleLinear().domain([lo, hi]);
    if (fixed.min === null || fixed.max === null) scale.nice(count);
    const [niceLo, niceHi] = scale.domain() as [number, number];
    domain = [fixed.min ?? niceLo, fixed.max ?? niceHi];
    ticks = scale.domain(domain).ticks(count);
    if (ticks.length <= most) break;
  }
  const pad = h > 0 ? ((domain[1] - domain[0]) * PAD_PX) / h : 0;
  if (fixed.min === null) domain[0] -= pad;
  if (fixed.max === null) domain[1] += pad;
  const decimals = decimalsOf(ticks.length > 1 ? ticks[1]! - ticks[0]! : Math.abs(hi - lo));
  const longest = Math.max(0, ...ticks.map((t) => formatNumber(t, decimals).length));
  return {
    domain,
    ticks,
    decimals,
    width: Math.max(MIN_WIDTH, Math.ceil(longest * CHAR_PX + LABEL_PAD_PX)),
  };
}

/** Decimals a step of `step` needs: 0.5 → 1, 0.05 → 2, 2 → 0. */
function decimalsOf(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  const rounded = Number(step.toPrecision(12));
  return Math.min(10, Math.max(0, Math.ceil(-Math.log10(rounded) - 1e-9)));
}
