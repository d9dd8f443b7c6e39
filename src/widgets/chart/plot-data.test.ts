import { describe, expect, it } from 'vitest';
import type { ChartRow } from './downsample';
import { lineDots, ownPoints, valueNear } from './plot-data';

const rows = (values: Array<number | null | undefined>): ChartRow[] =>
  values.map((v, i) => (v === undefined ? { t: i, other: 1 } : { t: i, s0: v }) as ChartRow);

describe('lineDots', () => {
  it('marks a point alone between gaps, or alone altogether', () => {
    const dense = (n: number) => Array.from({ length: n }, () => 1);
    // Many points (not sparse): only the isolated ones.
    const a = lineDots(rows([...dense(50), null, 7, null, ...dense(50)]), 's0', 0, 300);
    expect(a.all).toBe(false);
    expect([...a.isolated]).toEqual([51]);
    // Other lines' rows in between do not make a neighbour.
    const b = lineDots(
      rows([...dense(50), null, undefined, 7, undefined, null, ...dense(50)]),
      's0',
      0,
      300,
    );
    expect([...b.isolated]).toEqual([52]);
    // At the ends of the line.
    expect([...lineDots(rows([5, null, ...dense(50), null, 6]), 's0', 0, 300).isolated]).toEqual([
      0, 53,
    ]);
    expect([...lineDots(rows([4]), 's0', 0, 300).isolated]).toEqual([0]);
    expect([...lineDots(rows([4, 5, null, 6, 7]), 's0', 0, 300).isolated]).toEqual([]);
  });

  it('gives every point a dot when there are few for the width', () => {
    expect(lineDots(rows([1, 2]), 's0', 0, 300).all).toBe(true);
    expect(lineDots(rows(Array.from({ length: 15 }, () => 1)), 's0', 0, 300).all).toBe(true);
    expect(lineDots(rows(Array.from({ length: 16 }, () => 1)), 's0', 0, 300).all).toBe(false);
    // Only the points shown count: those before the start are off the plot.
    expect(lineDots(rows(Array.from({ length: 30 }, () => 1)), 's0', 20, 300).all).toBe(true);
    expect(lineDots(rows([undefined, undefined]), 's0', 0, 300).all).toBe(false);
  });
});

describe('valueNear', () => {
  const line = ownPoints(rows([10, 20, undefined, 30, null, 40]), 's0');

  it('reads the line where it is', () => {
    expect(line).toEqual({ t: [0, 1, 3, 4, 5], v: [10, 20, 30, NaN, 40] });
    expect(valueNear(line, 0.4, 0)).toEqual({ t: 0, v: 10 });
    expect(valueNear(line, 0.6, 0)).toEqual({ t: 1, v: 20 });
    // Across another line's row: still the line.
    expect(valueNear(line, 2.2, 0)).toEqual({ t: 3, v: 30 });
    expect(valueNear(line, 3, 0)).toEqual({ t: 3, v: 30 });
  });

  it('has no value in a gap, or beyond its ends by more than the slack', () => {
    expect(valueNear(line, 4, 0)).toBeNull();
    expect(valueNear(line, 4.5, 0)).toBeNull();
    expect(valueNear(line, 4.5, 0.6)).toEqual({ t: 5, v: 40 });
    expect(valueNear(line, 6, 0.5)).toBeNull();
    expect(valueNear(line, 5.4, 0.5)).toEqual({ t: 5, v: 40 });
    expect(valueNear(line, -1, 0.5)).toBeNull();
    expect(valueNear(ownPoints([], 's0'), 1, 10)).toBeNull();
  });
});
