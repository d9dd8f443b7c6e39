import { describe, expect, it } from 'vitest';
import { formatNumber } from '@/i18n/format';
import { valueAxis } from './value-axis';

const auto = { min: null, max: null };

/** The step between ticks is 1, 2, 2.5 or 5 × 10ⁿ, and every tick is a multiple of it. */
function expectNice(ticks: readonly number[]) {
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  const step = ticks[1]! - ticks[0]!;
  const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
  expect([1, 2, 2.5, 5]).toContainEqual(Number((step / power).toPrecision(6)));
  for (let i = 1; i < ticks.length; i++) {
    expect(ticks[i]! - ticks[i - 1]!).toBeCloseTo(step, 9);
    expect(Math.abs(ticks[i]! / step - Math.round(ticks[i]! / step))).toBeLessThan(1e-6);
  }
}

describe('value axis', () => {
  it.each([
    [20.25, 21.75],
    [20.525, 20.575],
    [18.13, 23.97],
    [-3.2, 7.9],
    [990.4, 1031.7],
    [0.0012, 0.0047],
  ])('labels %s … %s with nice ticks, the range widened to them', (min, max) => {
    const axis = valueAxis({ min, max }, auto, 200);
    expectNice(axis.ticks);
    // The range ends 5 px beyond the outer ticks, so a point on them is drawn whole.
    const px = (axis.domain[1] - axis.domain[0]) / 200;
    expect((axis.ticks[0]! - axis.domain[0]) / px).toBeCloseTo(5, 0);
    expect((axis.domain[1] - axis.ticks.at(-1)!) / px).toBeCloseTo(5, 0);
    expect(axis.domain[0]).toBeLessThanOrEqual(min);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(max);
    // A sensible count for 200 px: not two, not one every few pixels.
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
    expect(axis.ticks.length).toBeLessThanOrEqual(7);
  });

  it('reads 20.0, 20.5, 21.0: every label with the decimals of the step', () => {
    const axis = valueAxis({ min: 20.1, max: 21.9 }, auto, 250);
    expect(axis.ticks).toEqual([20, 20.5, 21, 21.5, 22]);
    expect(axis.decimals).toBe(1);
    expect(axis.ticks.map((t) => formatNumber(t, axis.decimals))).toEqual(
      [20, 20.5, 21, 21.5, 22].map((t) => formatNumber(t, 1)),
    );
    expect(valueAxis({ min: 0, max: 100 }, auto, 250).decimals).toBe(0);
    expect(valueAxis({ min: 20.525, max: 20.575 }, auto, 200).decimals).toBe(2);
  });

  it('gives a taller plot more ticks, never closer than about 32 px', () => {
    const short = valueAxis({ min: 0, max: 87 }, auto, 120);
    const tall = valueAxis({ min: 0, max: 87 }, auto, 600);
    expect(tall.ticks.length).toBeGreaterThan(short.ticks.length);
    for (const [min, max, h] of [
      [0, 87, 120],
      [20.525, 20.575, 100],
      [1, 9, 64],
    ] as const) {
      const n = valueAxis({ min, max }, auto, h).ticks.length;
      expect(n - 1).toBeLessThanOrEqual(Math.max(1, h / 32));
    }
  });

  it('keeps a fixed y min and y max exactly', () => {
    const both = valueAxis({ min: 2.3, max: 7.7 }, { min: 0.5, max: 37 }, 200);
    expect(both.domain).toEqual([0.5, 37]);
    expectNice(both.ticks);
    expect(both.ticks[0]).toBeGreaterThanOrEqual(0.5);
    expect(both.ticks.at(-1)).toBeLessThanOrEqual(37);

    const min = valueAxis({ min: 18.2, max: 23.4 }, { min: 0, max: null }, 200);
    expect(min.domain[0]).toBe(0);
    expect(min.ticks[0]).toBe(0);
    expect(min.domain[1]).toBeGreaterThan(min.ticks.at(-1)!);
    expect(min.ticks.at(-1)).toBeGreaterThanOrEqual(23.4);

    const max = valueAxis({ min: 18.2, max: 23.4 }, { min: null, max: 30 }, 200);
    expect(max.domain[1]).toBe(30);
    expect(max.domain[0]).toBeLessThan(max.ticks[0]!);
    expect(max.ticks[0]).toBeLessThanOrEqual(18.2);

    // Data beyond a fixed end is cut there, and the other end stays on its side.
    const above = valueAxis({ min: -5, max: -1 }, { min: 0, max: null }, 200);
    expect(above.domain[0]).toBe(0);
    expect(above.domain[1]).toBeGreaterThan(0);
  });

  it('draws a flat line in a band around its value, and has a range with no data', () => {
    const flat = valueAxis({ min: 20, max: 20 }, auto, 200);
    expect(flat.domain[0]).toBeLessThan(20);
    expect(flat.domain[1]).toBeGreaterThan(20);
    expectNice(flat.ticks);
    const zero = valueAxis({ min: 0, max: 0 }, auto, 200);
    expect(zero.domain[0]).toBeLessThan(0);
    expect(zero.domain[1]).toBeGreaterThan(0);
    const none = valueAxis(null, auto, 200);
    expect(none.domain[1]).toBeGreaterThan(none.domain[0]);
    expect(valueAxis(null, { min: 5, max: null }, 200).domain[0]).toBe(5);
  });

  it('is as wide as its longest label', () => {
    const narrow = valueAxis({ min: 1, max: 9 }, auto, 200);
    const wide = valueAxis({ min: 101_320.25, max: 101_325.75 }, auto, 200);
    expect(wide.width).toBeGreaterThan(narrow.width);
    const longest = Math.max(...wide.ticks.map((t) => formatNumber(t, wide.decimals).length));
    expect(wide.width).toBeGreaterThanOrEqual(longest * 6);
  });
});
