// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIngest, type Ingest } from '@/mqtt/ingest';
import { liveStoreSink, useLiveStore } from '@/stores/live-store';
import { LiveFeedContext } from '../kit/live-feed';
import { ChartView } from './chart-view';
import { ChartHistoryContext } from './history-context';
import { createMemoryStore } from './persistence';
import { chartSchema, type ChartConfig } from './schema';
import { createHistoryHub, type HistoryHub } from './series-history';

// The chart as drawn: the view with the real recharts plot, read back from the SVG. happy-dom
// has no layout, so the chart is drawn at the view's fallback size (300 × 180).

const T0 = new Date(2025, 0, 15, 12, 0, 0).getTime();
const publish = () => Promise.resolve();
const config = (over: Partial<Record<keyof ChartConfig, unknown>> = {}): ChartConfig =>
  chartSchema.parse({ title: 'T', unit: '°C', series: [{ topic: 'h/t' }], ...over });

let hub: HistoryHub;
let ingest: Ingest;
let frames: Array<() => void>;
let clock = T0;

// The plot is lazy: loaded here once, so the view's import of it resolves at once.
beforeAll(() => import('./chart-plot'));

beforeEach(() => {
  vi.useFakeTimers({
    now: T0,
    toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'],
  });
  hub = createHistoryHub({ store: createMemoryStore() });
  frames = [];
  ingest = createIngest({
    sink: liveStoreSink(),
    now: () => clock,
    schedule: (f) => frames.push(f),
    historySize: 5000,
  });
});

afterEach(() => {
  cleanup();
  useLiveStore.setState({ entries: {} });
  vi.useRealTimers();
});

/** Messages through the app's live path (each topic keeping a history), then one frame. */
function deliver(messages: Array<[topic: string, payload: string, t: number]>) {
  const kept = new Set<string>();
  for (const [topic, payload, t] of messages) {
    if (!kept.has(topic)) ingest.keepHistory(topic);
    kept.add(topic);
    clock = t;
    ingest.handle(topic, new TextEncoder().encode(payload), false);
  }
  act(() => frames.splice(0).forEach((f) => f()));
}

async function draw(c: ChartConfig) {
  const wrap = ({ children }: { children: ReactNode }) => (
    <ChartHistoryContext value={hub}>
      <LiveFeedContext value={ingest}>{children}</LiveFeedContext>
    </ChartHistoryContext>
  );
  const view = render(<ChartView config={c} value={undefined} publish={publish} labelId="l" />, {
    wrapper: wrap,
  });
  for (let i = 0; i < 4; i++) await act(() => vi.advanceTimersByTimeAsync(300));
  const svg = view.container.querySelector('svg.recharts-surface');
  if (!svg) throw new Error('no chart drawn');
  return svg;
}

/** The axes' labels: times have a colon, values do not. */
const labels = (svg: Element) =>
  [...svg.querySelectorAll('text.recharts-cartesian-axis-tick-value')].map(
    (e) => e.textContent ?? '',
  );
const valueLabels = (svg: Element) => labels(svg).filter((l) => !l.includes(':'));

describe('the y axis as drawn', () => {
  it('labels 20.525 … 20.575 at nice steps, with one number of decimals', async () => {
    deliver([
      ['h/t', '20.525', T0 - 180_000],
      ['h/t', '20.55', T0 - 120_000],
      ['h/t', '20.575', T0 - 60_000],
    ]);
    const svg = await draw(config());
    const values = valueLabels(svg);
    // 20.52, 20.54 … 20.58, not recharts' own 20.52, 20.535, 20.55 …
    expect(values.length).toBeGreaterThanOrEqual(3);
    const numbers = values.map(Number);
    const step = Number((numbers[1]! - numbers[0]!).toPrecision(6));
    expect([0.01, 0.02, 0.025, 0.05]).toContain(step);
    for (const v of values) expect(v).toMatch(/^20\.5\d$/);
    expect(numbers[0]).toBeLessThanOrEqual(20.525);
    expect(numbers.at(-1)).toBeGreaterThanOrEqual(20.575);
  });

  it('keeps a fixed range exactly', async () => {
    deliver([['h/t', '21.3', T0 - 60_000]]);
    const svg = await draw(config({ yMin: 0, yMax: 40 }));
    expect(valueLabels(svg)).toEqual(['0', '10', '20', '30', '40']);
  });
});

/** Each line's path (`d`), in line order, and how many pieces it is drawn in. */
const curves = (svg: Element) =>
  [...svg.querySelectorAll('path.recharts-line-curve, path.recharts-area-curve')].map(
    (p) => (p.getAttribute('d') ?? '').split('M').length - 1,
  );

/** A sensor every `every` ms from `from` to `to` ms before T0. */
function sensor(topic: string, every: number, from: number, to: number, base = 20) {
  const out: Array<[string, string, number]> = [];
  for (let ago = from; ago >= to; ago -= every) {
    out.push([topic, (base + Math.sin(ago / 300_000)).toFixed(2), T0 - ago]);
  }
  return out;
}

const MIN = 60_000;

describe('an outage as drawn', () => {
  it('leaves a gap in the line where no data came for 10 minutes', async () => {
    deliver([...sensor('h/t', 10_000, 60 * MIN, 36 * MIN), ...sensor('h/t', 10_000, 25 * MIN, 0)]);
    const svg = await draw(config());
    expect(curves(svg)).toEqual([2]);
  });

  it('breaks only the line that went quiet, among several', async () => {
    deliver([
      ...sensor('h/a/t', 10_000, 60 * MIN, 36 * MIN),
      ...sensor('h/a/t', 10_000, 25 * MIN, 0),
      // Another line, at other times: it stays one piece across the first one's rows.
      ...sensor('h/b/t', 7_000, 59 * MIN, 0, 25),
    ]);
    const svg = await draw(config({ series: [{ topic: 'h/a/t' }, { topic: 'h/b/t' }] }));
    expect(curves(svg)).toEqual([2, 1]);
  });

  it('draws a dot for a point alone between two gaps, and a gap in an area too', async () => {
    deliver([
      ...sensor('h/t', 10_000, 60 * MIN, 40 * MIN),
      ['h/t', '21', T0 - 30 * MIN],
      ...sensor('h/t', 10_000, 20 * MIN, 0),
    ]);
    const svg = await draw(config({ kind: 'area' }));
    expect(svg.querySelectorAll('circle.chart__dot')).toHaveLength(1);
    // Three pieces: before, the lone point (which only its dot makes visible), after.
    expect(curves(svg)).toEqual([3]);
  });

  it('holds a step line across a silence: there, it means nothing changed', async () => {
    deliver([...sensor('h/t', 10_000, 60 * MIN, 36 * MIN), ...sensor('h/t', 10_000, 25 * MIN, 0)]);
    const svg = await draw(config({ kind: 'step' }));
    expect(curves(svg)).toEqual([1]);
  });
});

describe('a fresh chart as drawn', () => {
  it('shows its first two points as dots across the plot, not a line at the right edge', async () => {
    deliver([
      ['h/t', '21.3', T0 - 8000],
      ['h/t', '21.6', T0 - 1000],
    ]);
    const svg = await draw(config());
    const dots = [...svg.querySelectorAll('circle.chart__dot')].map((c) =>
      Number(c.getAttribute('cx')),
    );
    expect(dots).toHaveLength(2);
    // The data area runs from the y axis to the right margin of a 300 px chart.
    const left = Number(svg.querySelector('.recharts-yAxis line')?.getAttribute('x1'));
    const right = 300 - 18;
    expect(left).toBeGreaterThan(20);
    expect(dots[0]! - left).toBeLessThan((right - left) * 0.2);
    expect(dots[1]! - dots[0]!).toBeGreaterThan((right - left) * 0.5);
  });

  it('draws no dots on a dense line', async () => {
    deliver(sensor('h/t', 10_000, 60 * MIN, 0));
    const svg = await draw(config());
    expect(svg.querySelectorAll('circle.chart__dot')).toHaveLength(0);
  });
});

describe('the tooltip as drawn', () => {
  /** Hover the plot `fraction` of the way across (happy-dom: the chart sits at 0, 0). */
  async function hover(svg: Element, fraction: number) {
    const wrapper = svg.closest('.recharts-wrapper')!;
    await act(async () => {
      fireEvent.mouseMove(wrapper, { clientX: 40 + (300 - 58) * fraction, clientY: 60 });
      await vi.advanceTimersByTimeAsync(100);
    });
    return wrapper.querySelector('.recharts-tooltip-wrapper');
  }

  it('reads "Temperatur 20.7 °C" under the time in 24 h', async () => {
    deliver([
      ['h/t', '20.5', T0 - 50 * MIN],
      ['h/t', '20.7', T0 - 30 * MIN],
      ['h/t', '20.9', T0 - 10 * MIN],
    ]);
    const svg = await draw(config({ series: [{ topic: 'h/t', label: 'Temperatur' }] }));
    const tip = await hover(svg, 0.4);
    expect(tip?.textContent).not.toContain(' : ');
    const line = tip?.querySelector('li');
    expect(line?.textContent).toBe('Temperatur20.7 °C');
    expect(line?.querySelector('.chart__tooltip-label')?.textContent).toBe('Temperatur');
    expect(line?.querySelector('.chart__tooltip-value')?.textContent).toBe('20.7 °C');
    expect(tip?.querySelector('.chart__tooltip-time')?.textContent).toBe(
      new Intl.DateTimeFormat(undefined, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }).format(T0 - 30 * MIN),
    );
  });

  it('lists every line at its own nearest point, and none in its gap', async () => {
    deliver([
      ...sensor('h/a/t', 10_000, 60 * MIN, 36 * MIN),
      ...sensor('h/a/t', 10_000, 25 * MIN, 0),
      ...sensor('h/b/t', 7_000, 59 * MIN, 0, 25),
    ]);
    const svg = await draw(
      config({
        series: [
          { topic: 'h/a/t', label: 'Küche' },
          { topic: 'h/b/t', label: 'Flur' },
        ],
      }),
    );
    const names = (tip: Element | null | undefined) =>
      [...(tip?.querySelectorAll('.chart__tooltip-label') ?? [])].map((e) => e.textContent);
    // 15 minutes in: both lines.
    expect(names(await hover(svg, 0.25))).toEqual(['Küche', 'Flur']);
    // 30 minutes in, in Küche's outage: only Flur.
    expect(names(await hover(svg, 0.5))).toEqual(['Flur']);
  });
});
