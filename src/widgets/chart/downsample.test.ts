import { describe, expect, it } from 'vitest';
import {
  gapThreshold,
  lowerBound,
  MIN_GAP_MS,
  mergeRows,
  minMaxIndexes,
  prepareSeries,
  valueExtent,
} from './downsample';
import { PointRing, pointsFromArrays } from './point-ring';
import { labelWidth, timeTicks, type TimeTick } from './time-axis';

const T0 = new Date(2025, 0, 15, 12, 0, 0).getTime(); // local noon

/** n points one per `step` ms ending at `end`, a noisy sine. */
function points(n: number, end = T0, step = 36) {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = end - (n - 1 - i) * step;
    v[i] = Math.sin(i / 500) * 10 + ((i * 7919) % 13) / 13;
  }
  return { t, v, source: pointsFromArrays(t, v) };
}

describe('prepareSeries', () => {
  it('reduces 100,000 points to at most the width ×2, keeping the first and the last', () => {
    const { t, v, source } = points(100_000);
    const window = { start: t[0]!, end: t[t.length - 1]! };
    const out = prepareSeries(source, window, 600);
    expect(out.t.length).toBeGreaterThan(100);
    expect(out.t.length).toBeLessThanOrEqual(1200);
    expect(out.t[0]).toBe(t[0]);
    expect(out.v[0]).toBe(v[0]);
    expect(out.t[out.t.length - 1]).toBe(t[t.length - 1]);
    expect(out.v[out.v.length - 1]).toBe(v[v.length - 1]);
    // Still in time order, and real points (not averages).
    for (let i = 1; i < out.t.length; i++) expect(out.t[i]!).toBeGreaterThan(out.t[i - 1]!);
    const index = new Map(Array.from(t, (x, i) => [x, i]));
    for (let i = 0; i < out.t.length; i++) expect(v[index.get(out.t[i]!)!]).toBe(out.v[i]);
  });

  it('keeps the peaks that matter (LTTB, not every n-th point)', () => {
    const t = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const v = new Float64Array(10_000);
    v[4321] = 100; // one spike
    const out = prepareSeries(pointsFromArrays(t, v), { start: 0, end: 9999 }, 100);
    expect(Array.from(out.v)).toContain(100);
  });

  it('returns small inputs unchanged', () => {
    const { t, v, source } = points(50);
    const out = prepareSeries(source, { start: t[0]!, end: t[49]! }, 300);
    expect(Array.from(out.t)).toEqual(Array.from(t));
    expect(Array.from(out.v)).toEqual(Array.from(v));
  });

  it('cuts to the window, with the one point before it so the line enters from the edge', () => {
    const source = pointsFromArrays([10, 20, 30, 40, 50], [1, 2, 3, 4, 5]);
    expect(Array.from(prepareSeries(source, { start: 25, end: 45 }, 300).v)).toEqual([2, 3, 4]);
    expect(Array.from(prepareSeries(source, { start: 60, end: 70 }, 300).v)).toEqual([5]);
    expect(prepareSeries(source, { start: 0, end: 5 }, 300).v.length).toBe(0);
    expect(prepareSeries(pointsFromArrays([], []), { start: 0, end: 5 }, 300).v.length).toBe(0);
  });

  it('works on a ring that has wrapped, and on odd widths', () => {
    const ring = new PointRing(1000);
    for (let i = 0; i < 5000; i++) ring.push(i, i % 7);
    const out = prepareSeries(ring, { start: 0, end: 1e9 }, 0);
    expect(out.t[0]).toBe(4000);
    expect(out.t[out.t.length - 1]).toBe(4999);
    expect(out.t.length).toBeLessThanOrEqual(32);
    expect(prepareSeries(ring, { start: 0, end: 1e9 }, Number.NaN).t.length).toBeGreaterThan(2);
  });

  it('pre-reduces to the first, lowest, highest and last point of each time slice', () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const v = [5, 9, 1, 5, 5, 5, 0, 5, 5, 6];
    // Two slices, [0, 4.5) and [4.5, 9]: each keeps first, min, max, last in index order.
    expect(Array.from(minMaxIndexes(pointsFromArrays(t, v), 0, 10, 2))).toEqual([
      0, 1, 2, 4, 5, 6, 9,
    ]);
    // Fewer points than slices: every point, once.
    expect(Array.from(minMaxIndexes(pointsFromArrays(t, v), 2, 5, 10))).toEqual([2, 3, 4]);
    // All at one time: one slice.
    expect(Array.from(minMaxIndexes(pointsFromArrays([1, 1, 1], [3, 1, 2]), 0, 3, 4))).toEqual([
      0, 1, 2,
    ]);
  });

  it('finds the window start by binary search', () => {
    const source = pointsFromArrays([1, 2, 2, 3], [0, 0, 0, 0]);
    expect(lowerBound(source, 2)).toBe(1);
    expect(lowerBound(source, 0)).toBe(0);
    expect(lowerBound(source, 9)).toBe(4);
  });
});

describe('gaps', () => {
  const HOUR = 3_600_000;
  /** A sensor every `every` ms over the hour before T0, silent from `quiet[0]` to `quiet[1]` ms ago. */
  function sensor(every: number, quiet?: [number, number], jitter = 0) {
    const t: number[] = [];
    const v: number[] = [];
    for (let at = T0 - HOUR, i = 0; at <= T0; at += every, i++) {
      const ago = T0 - at;
      if (quiet && ago < quiet[0] && ago > quiet[1]) continue;
      t.push(at + (i % 2 ? jitter : -jitter));
      v.push(20 + Math.sin(i / 20));
    }
    return pointsFromArrays(t, v);
  }
  const window = { start: T0 - HOUR, end: T0 };
  const markers = (out: { v: Float64Array }) => Array.from(out.v).filter(Number.isNaN).length;

  it('puts a gap marker halfway through a 10-minute outage, keeping the points beside it', () => {
    const source = sensor(10_000, [35 * 60_000, 25 * 60_000]);
    const out = prepareSeries(source, window, 600);
    expect(markers(out)).toBe(1);
    const i = Array.from(out.v).findIndex(Number.isNaN);
    // The last point before the outage and the first after it are both drawn.
    expect(out.t[i - 1]).toBe(T0 - 35 * 60_000);
    expect(out.t[i + 1]).toBe(T0 - 25 * 60_000);
    expect(out.t[i]).toBe(T0 - 30 * 60_000);
  });

  it('keeps the gap and its edges when LTTB reduces the points', () => {
    // 3,600 points at 1 s on a 300 px plot, out from 40 to 30 min ago.
    const source = sensor(1000, [40 * 60_000, 30 * 60_000]);
    const out = prepareSeries(source, window, 300);
    expect(out.t.length).toBeLessThan(400);
    expect(markers(out)).toBe(1);
    const i = Array.from(out.v).findIndex(Number.isNaN);
    expect(out.t[i - 1]).toBe(T0 - 40 * 60_000);
    expect(out.t[i + 1]).toBe(T0 - 30 * 60_000);
    for (let k = 1; k < out.t.length; k++) expect(out.t[k]!).toBeGreaterThan(out.t[k - 1]!);
  });

  it('keeps a gap in a flood of 100,000 points (the pre-pass path)', () => {
    const t: number[] = [];
    for (let i = 0; i < 100_000; i++) t.push(T0 - HOUR + i * 36 + (i >= 50_000 ? 600_000 : 0));
    const out = prepareSeries(
      pointsFromArrays(t, t.map(Math.sin)),
      { start: t[0]!, end: T0 + HOUR },
      600,
    );
    expect(markers(out)).toBe(1);
    expect(out.t.length).toBeLessThanOrEqual(1300);
  });

  it('does not break a line for jitter, a short pause, or a slow sensor', () => {
    // Every 10 s ± 4 s.
    expect(markers(prepareSeries(sensor(10_000, undefined, 4000), window, 600))).toBe(0);
    // A 1 s sensor out for 20 s: more than 3 intervals, but under the 30 s floor.
    expect(
      markers(prepareSeries(sensor(1000, [30 * 60_000, 29 * 60_000 + 40_000]), window, 600)),
    ).toBe(0);
    // Every 5 min, regular: its usual interval, not an outage.
    expect(markers(prepareSeries(sensor(300_000), window, 600))).toBe(0);
    // Two points are too few to know what is usual.
    expect(markers(prepareSeries(pointsFromArrays([0, HOUR], [1, 2]), window, 600))).toBe(0);
  });

  it('is at least 30 s and 3 × the median interval, and visible on the plot', () => {
    const every = (ms: number, n = 100) =>
      pointsFromArrays(
        Array.from({ length: n }, (_, i) => i * ms),
        Array.from({ length: n }, () => 1),
      );
    expect(gapThreshold(every(1000), 0, 100, window, 600)).toBe(MIN_GAP_MS);
    expect(gapThreshold(every(60_000), 0, 100, window, 600)).toBe(180_000);
    // A 24-h window on 300 px: a pixel is almost 5 min, so a gap must be 4 px wide.
    const day = { start: T0 - 24 * HOUR, end: T0 };
    expect(gapThreshold(every(10_000), 0, 100, day, 300)).toBe((4 * 24 * HOUR) / 300);
    expect(gapThreshold(every(1000, 2), 0, 2, window, 600)).toBe(Infinity);
  });

  it('leaves the line whole when asked to (a step line)', () => {
    const source = sensor(10_000, [35 * 60_000, 25 * 60_000]);
    expect(markers(prepareSeries(source, window, 600, { gaps: false }))).toBe(0);
  });

  it('becomes a null in the merged rows, for one line and for several', () => {
    const a = { t: Float64Array.of(1, 2, 3), v: Float64Array.of(10, NaN, 30) };
    const b = { t: Float64Array.of(2, 4), v: Float64Array.of(20, 40) };
    expect(mergeRows([{ key: 's0', data: a }])).toEqual([
      { t: 1, s0: 10 },
      { t: 2, s0: null },
      { t: 3, s0: 30 },
    ]);
    expect(
      mergeRows([
        { key: 's0', data: a },
        { key: 's1', data: b },
      ]),
    ).toEqual([
      { t: 1, s0: 10 },
      { t: 2, s0: null, s1: 20 },
      { t: 3, s0: 30 },
      { t: 4, s1: 40 },
    ]);
  });
});

describe('valueExtent', () => {
  const data = { t: Float64Array.of(0, 10, 20, 30), v: Float64Array.of(100, 20, 24, 22) };

  it('spans the values shown, and where the line enters at the left edge', () => {
    expect(valueExtent(data, 0)).toEqual({ min: 20, max: 100 });
    // From 5 on: 100 → 20 crosses the edge at 60; a step line holds 100 there.
    expect(valueExtent(data, 5)).toEqual({ min: 20, max: 60 });
    expect(valueExtent(data, 5, true)).toEqual({ min: 20, max: 100 });
    // From 10 on, the point before the window is off the plot.
    expect(valueExtent(data, 10)).toEqual({ min: 20, max: 24 });
    expect(valueExtent(data, 31)).toBeNull();
    expect(valueExtent({ t: new Float64Array(), v: new Float64Array() }, 0)).toBeNull();
  });

  it('counts gap markers for nothing, and a line does not enter across one', () => {
    const gap = { t: Float64Array.of(0, 5, 10), v: Float64Array.of(100, NaN, 20) };
    expect(valueExtent(gap, 0)).toEqual({ min: 20, max: 100 });
    expect(valueExtent(gap, 7)).toEqual({ min: 20, max: 20 });
  });
});

describe('mergeRows', () => {
  it('puts lines on one time axis, each with its own key', () => {
    const a = { t: Float64Array.of(1, 3), v: Float64Array.of(10, 30) };
    const b = { t: Float64Array.of(2, 3), v: Float64Array.of(20, 31) };
    expect(
      mergeRows([
        { key: 's0', data: a },
        { key: 's1', data: b },
      ]),
    ).toEqual([
      { t: 1, s0: 10 },
      { t: 2, s1: 20 },
      { t: 3, s0: 30, s1: 31 },
    ]);
    expect(mergeRows([{ key: 's0', data: a }])).toEqual([
      { t: 1, s0: 10 },
      { t: 3, s0: 30 },
    ]);
    expect(mergeRows([])).toEqual([]);
  });
});

describe('time axis', () => {
  const hm = /^\d\d:\d\d$/;

  it('labels round local times as HH:MM within a day', () => {
    const ticks = timeTicks({ start: T0 - 3_600_000, end: T0 }, 400, { left: 40, right: 20 });
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(7);
    for (const t of ticks) {
      expect(t.label).toMatch(hm);
      expect(new Date(t.t).getMinutes() % 10).toBe(0);
      expect(new Date(t.t).getSeconds()).toBe(0);
    }
    expect(ticks.at(-1)!.label).toBe('12:00');
  });

  it('dates midnight where a window spans days', () => {
    const ticks = timeTicks({ start: T0 - 86_400_000, end: T0 }, 600);
    expect(ticks[0]!.label).toBe('15:00');
    // "15 Jan" or "Jan 15", as the locale says.
    const midnight = ticks.find((t) => new Date(t.t).getHours() === 0);
    expect(midnight?.label).toMatch(/15/);
    expect(midnight?.label).not.toMatch(/:/);
    expect(ticks.filter((t) => !hm.test(t.label))).toEqual([midnight]);
  });

  const MIN = 60_000;
  const HOUR = 3_600_000;
  /** Where each label sits on an axis `width` px wide, and how far it reaches. */
  const layout = (ticks: TimeTick[], window: { start: number; end: number }, width: number) =>
    ticks.map((t) => {
      const x = ((t.t - window.start) / (window.end - window.start)) * width;
      const half = labelWidth(t.label) / 2;
      return { x, from: x - half, to: x + half, step: 0 };
    });

  it.each([
    // window, axis width (a phone, a narrow tablet widget, tablet portrait and landscape)
    [HOUR, 250, 15 * MIN],
    [HOUR, 300, 15 * MIN],
    [HOUR, 690, 10 * MIN],
    [HOUR, 1000, 5 * MIN],
    [10 * MIN, 300, 2 * MIN],
    // A chart that just began: seconds.
    [10_000, 600, 2000],
    [10 * MIN, 1000, MIN],
    [6 * HOUR, 690, HOUR],
    [24 * HOUR, 690, 3 * HOUR],
    [24 * HOUR, 300, 6 * HOUR],
    [24 * HOUR, 260, 6 * HOUR],
  ])('puts as many labels as fit on a %d ms window %d px wide (every %d ms)', (span, w, step) => {
    // Not on a round time, as a real window is not.
    const window = { start: T0 - span + 12_345, end: T0 + 12_345 };
    const ticks = timeTicks(window, w, { left: 40, right: 12 });
    expect(ticks.length).toBeGreaterThanOrEqual(Math.floor(w / 120) - 1);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.t - ticks[i - 1]!.t).toBe(step);
    const placed = layout(ticks, window, w);
    for (let i = 1; i < placed.length; i++) {
      // At least 60 px apart and never overlapping.
      expect(placed[i]!.x - placed[i - 1]!.x).toBeGreaterThanOrEqual(59.5);
      expect(placed[i]!.from).toBeGreaterThan(placed[i - 1]!.to);
    }
    for (const p of placed) {
      expect(p.from).toBeGreaterThanOrEqual(-40);
      expect(p.to).toBeLessThanOrEqual(w + 12);
    }
  });

  it('gives a narrow tablet widget more than two labels for an hour', () => {
    const ticks = timeTicks({ start: T0 - HOUR + 120_000, end: T0 + 120_000 }, 250, {
      left: 40,
      right: 12,
    });
    expect(ticks.map((t) => t.label)).toEqual(['11:15', '11:30', '11:45', '12:00']);
  });

  it('labels seconds on a chart that spans under a few minutes', () => {
    const ticks = timeTicks({ start: T0 - 60_000 + 5000, end: T0 + 5000 }, 600, {
      left: 40,
      right: 12,
    });
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) expect(t.label).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(ticks.at(-1)!.label).toBe('12:00:00');
  });

  it('leaves out a label that would run off the end of the axis', () => {
    // 12:00 is the very end: half its label would be cut off.
    const end = timeTicks({ start: T0 - HOUR, end: T0 }, 690, { left: 40, right: 0 });
    expect(end.at(-1)!.label).toBe('11:50');
    expect(
      timeTicks({ start: T0 - HOUR, end: T0 }, 690, { left: 40, right: 30 }).at(-1)!.label,
    ).toBe('12:00');
  });

  it('uses fewer ticks on a narrow chart', () => {
    const wide = timeTicks({ start: T0 - 21_600_000, end: T0 }, 900);
    const narrow = timeTicks({ start: T0 - 21_600_000, end: T0 }, 250);
    expect(narrow.length).toBeLessThan(wide.length);
    expect(narrow.length).toBeGreaterThanOrEqual(2);
    expect(timeTicks({ start: T0, end: T0 }, 300)).toEqual([]);
  });
});
