import { bench, describe } from 'vitest';
import { mergeRows, prepareSeries } from './downsample';
import { PointRing } from './point-ring';

// What one chart redraw costs: cutting the window and LTTB-downsampling the points to the
// chart's width. `npm run bench` prints the times; under a flood this runs ≤ 4 times a second.
const END = Date.UTC(2025, 0, 15, 12);

function ring(n: number, spanMs: number, cap = n): PointRing {
  const r = new PointRing(cap);
  for (let i = 0; i < n; i++) {
    r.push(END - spanMs + (i * spanMs) / n, 20 + Math.sin(i / 300) * 5 + ((i * 7919) % 17) / 17);
  }
  return r;
}

const hour = { start: END - 3_600_000, end: END };
const day = { start: END - 86_400_000, end: END };
const points100k = ring(100_000, 3_600_000);
const points200k = ring(200_000, 86_400_000);
const wrapped = ring(150_000, 3_600_000, 100_000); // a full ring that has wrapped
const four = [0, 1, 2, 3].map(() => ring(100_000, 3_600_000));

describe('prepareSeries, 100,000 points in the window', () => {
  bench('375 px (phone)', () => void prepareSeries(points100k, hour, 375));
  bench('1200 px (desktop)', () => void prepareSeries(points100k, hour, 1200));
  bench('wrapped ring, 1200 px', () => void prepareSeries(wrapped, hour, 1200));
});

describe('prepareSeries, other shapes', () => {
  bench(
    '200,000 points over 24 h, 1-h window, 1200 px',
    () => void prepareSeries(points200k, hour, 1200),
  );
  bench('200,000 points, 24-h window, 1200 px', () => void prepareSeries(points200k, day, 1200));
  bench(
    '4 lines × 100,000 points + merge into rows, 1200 px',
    () =>
      void mergeRows(four.map((r, i) => ({ key: `s${i}`, data: prepareSeries(r, hour, 1200) }))),
  );
});
