// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIngest, type Ingest } from '@/mqtt/ingest';
import { liveStoreSink, useLiveStore } from '@/stores/live-store';
import { LiveFeedContext } from '../kit/live-feed';
import type { ChartPlotProps } from './chart-view';
import { ChartView } from './chart-view';
import { ChartHistoryContext } from './history-context';
import { chartWidget } from './index';
import { chartAriaLabel, differingLevels } from './lines';
import { createMemoryStore } from './persistence';
import { chartSchema, type ChartConfig } from './schema';
import { createHistoryHub, type HistoryHub } from './series-history';

// recharts is not what is tested here: the plot is replaced by a probe that keeps its props.
const plots: ChartPlotProps[] = [];
vi.mock('./chart-plot', () => ({
  ChartPlot: (props: ChartPlotProps) => {
    plots.push(props);
    return <div data-testid="plot" />;
  },
}));

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const publish = () => Promise.resolve();
const config = (over: Partial<Record<keyof ChartConfig, unknown>> = {}): ChartConfig =>
  chartSchema.parse({ title: 'Temperatur', unit: '°C', series: [{ topic: 'h/t' }], ...over });

let hub: HistoryHub;
let ingest: Ingest;
let frames: Array<() => void>;
let clock = T0;

/** The app's live path, with its clock and frames run by the test. */
function newIngest() {
  frames = [];
  ingest = createIngest({
    sink: liveStoreSink(),
    now: () => clock,
    schedule: (f) => frames.push(f),
  });
  // What binding a dashboard with this chart does: its topics keep a history.
  ingest.keepHistory('h/t');
  ingest.keepHistory('house/+/temp');
}

beforeEach(() => {
  vi.useFakeTimers({
    now: T0,
    toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'],
  });
  hub = createHistoryHub({ store: createMemoryStore() });
  newIngest();
  plots.length = 0;
});

afterEach(() => {
  cleanup();
  useLiveStore.setState({ entries: {} });
  vi.useRealTimers();
});

/** Messages through the live path, then the frame that hands them to the store. */
function deliver(
  messages: Array<[topic: string, payload: string | Uint8Array, t: number]>,
  filters: string[] = [],
) {
  if (filters.length > 0) ingest.setFilters(filters);
  for (const [topic, payload, t] of messages) {
    clock = t;
    ingest.handle(
      topic,
      typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
      false,
    );
  }
  act(() => frames.splice(0).forEach((f) => f()));
}

function show(c: ChartConfig) {
  const wrap = ({ children }: { children: ReactNode }) => (
    <ChartHistoryContext value={hub}>
      <LiveFeedContext value={ingest}>{children}</LiveFeedContext>
    </ChartHistoryContext>
  );
  return render(<ChartView config={c} value={undefined} publish={publish} labelId="l" />, {
    wrapper: wrap,
  });
}

const lastPlot = () => plots[plots.length - 1]!;

/** Let the throttled redraw and the lazy plot happen (timers are fake; testing-library's
 * findBy polling would wait on them forever). */
async function settle() {
  for (let i = 0; i < 3; i++) await act(() => vi.advanceTimersByTimeAsync(300));
}
const chart = () => screen.getByRole('img');

describe('chart schema and definition', () => {
  it('has defaults: one empty series, 1 h window, 10,000 points, auto range, legend', () => {
    const c = chartSchema.parse({});
    expect(c).toEqual({
      title: 'Chart',
      series: [{ topic: '', valuePath: '', label: '', color: '#1f6feb' }],
      kind: 'line',
      windowSeconds: 3600,
      maxPoints: 10_000,
      yMin: null,
      yMax: null,
      unit: '',
      showLegend: true,
      qos: 0,
      staleAfter: null,
    });
    // Defaults are fresh objects, not one shared array.
    expect(chartSchema.parse({}).series).not.toBe(c.series);
  });

  it('refuses what it cannot draw', () => {
    expect(chartSchema.safeParse({ windowSeconds: 1234 }).success).toBe(false);
    expect(chartSchema.safeParse({ maxPoints: 200_001 }).success).toBe(false);
    expect(chartSchema.safeParse({ maxPoints: 200_000 }).success).toBe(true);
    expect(chartSchema.safeParse({ yMin: 10, yMax: 5 }).success).toBe(false);
    expect(chartSchema.safeParse({ yMin: 10, yMax: null }).success).toBe(true);
    expect(chartSchema.safeParse({ series: [{ topic: 'a/#/b' }] }).success).toBe(false);
    expect(chartSchema.safeParse({ series: [{ color: 'red' }] }).success).toBe(false);
    expect(chartSchema.safeParse({ kind: 'pie' }).success).toBe(false);
  });

  it('subscribes to each series topic once with the widget QoS, keeping history; none when empty', () => {
    const c = config({
      qos: 1,
      series: [{ topic: 'a/+/t' }, { topic: 'b' }, { topic: 'b', valuePath: 'x' }, { topic: '' }],
    });
    expect(chartWidget.subscriptions(c)).toEqual([
      { topic: 'a/+/t', qos: 1, history: true },
      { topic: 'b', qos: 1, history: true },
    ]);
    expect(chartWidget.stateTopic?.(c)).toBe('a/+/t');
    expect(chartWidget.subscriptions(chartSchema.parse({}))).toEqual([]);
    expect(chartWidget.stateTopic?.(chartSchema.parse({}))).toBeUndefined();
    expect(chartWidget.staleAfter?.(config({ staleAfter: 60 }))).toBe(60);
  });

  it('imports a Node-RED ui_chart', () => {
    const c = chartSchema.parse(
      chartWidget.nodeRed!.convert({
        node: {
          type: 'ui_chart',
          label: 'Verlauf',
          interpolate: 'step',
          removeOlder: '2',
          removeOlderUnit: '3600',
          removeOlderPoints: '500',
          ymin: '0',
          ymax: '40',
          legend: 'true',
          colors: ['#ff7f0e', '#aec7e8'],
        },
        subscribeTo: { topic: 'haus/+/temp', qos: 1, valuePath: '', decimals: null, label: '' },
      }),
    );
    expect(c).toMatchObject({
      title: 'Verlauf',
      kind: 'step',
      windowSeconds: 21_600,
      maxPoints: 500,
      yMin: 0,
      yMax: 40,
      showLegend: true,
      qos: 1,
      series: [{ topic: 'haus/+/temp', color: '#ff7f0e' }],
    });
    // Node-RED's defaults (1 h, no point limit, automatic y); a y range the wrong way round
    // is the importer's to repair (and report).
    const raw = chartWidget.nodeRed!.convert({
      node: { type: 'ui_chart', removeOlder: 1, removeOlderUnit: '86400', ymin: '9', ymax: '1' },
    });
    expect(chartSchema.safeParse(raw).success).toBe(false);
    expect(chartSchema.parse({ ...(raw as object), yMin: 1, yMax: 9 })).toMatchObject({
      title: 'Chart',
      windowSeconds: 86_400,
      maxPoints: 10_000,
      showLegend: false,
    });
  });
});

describe('chart labels', () => {
  it('names wildcard lines by the levels that differ', () => {
    expect(differingLevels('house/+/temp', 'house/kitchen/temp')).toBe('kitchen');
    expect(differingLevels('+/+/temp', 'house/kitchen/temp')).toBe('house/kitchen');
    expect(differingLevels('house/#', 'house/a/b')).toBe('a/b');
    expect(differingLevels('house/#', 'house')).toBe('house');
  });

  it('builds the accessible name', () => {
    expect(chartAriaLabel('T', [{ label: 'a', last: 21.5 }], '°C')).toBe(
      'T: chart of a, last value 21.5 °C',
    );
    expect(
      chartAriaLabel(
        'T',
        [
          { label: 'a', last: 1 },
          { label: 'b', last: null },
        ],
        '',
      ),
    ).toBe('T: chart of a, b, last value a 1');
    expect(chartAriaLabel('T', [{ label: 'a', last: null }], '')).toBe(
      'T: chart of a, waiting for data',
    );
  });
});

describe('chart view', () => {
  it('waits for data, saying so', () => {
    show(config());
    expect(screen.getByText('Waiting for data')).toBeTruthy();
    expect(chart().getAttribute('aria-label')).toBe('Temperatur: chart of h/t, waiting for data');
    expect(screen.queryByTestId('plot')).toBeNull();
  });

  it('says when no topic is set', () => {
    show(chartSchema.parse({ title: 'X' }));
    expect(screen.getByText('No topic set.')).toBeTruthy();
    expect(chart().getAttribute('aria-label')).toBe('X: chart, no series');
  });

  it('draws what the live history had before the chart existed, then new messages', async () => {
    deliver([
      ['h/t', '20', T0 - 120_000],
      ['h/t', '20.5', T0 - 60_000],
    ]);
    show(config({ series: [{ topic: 'h/t', label: 'Wohnzimmer' }] }));
    await settle();
    screen.getByTestId('plot');
    expect(lastPlot().rows).toEqual([
      { t: T0 - 120_000, s0: 20 },
      { t: T0 - 60_000, s0: 20.5 },
    ]);
    expect(lastPlot().lines).toMatchObject([
      { key: 's0', label: 'Wohnzimmer', color: '#1f6feb', last: 20.5 },
    ]);
    // Two minutes of data in a 1-h window: the axis spans them, from just before the first.
    const w = lastPlot().window;
    expect(w.start).toBeLessThan(T0 - 120_000);
    expect(w.start).toBeGreaterThan(T0 - 130_000);
    expect(w.end).toBeGreaterThanOrEqual(T0);
    expect(chart().getAttribute('aria-label')).toBe(
      'Temperatur: chart of Wohnzimmer, last value 20.5 °C',
    );
    // The legend, with the last value.
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(legend.textContent).toBe('Wohnzimmer20.5 °C');

    await act(() => vi.advanceTimersByTimeAsync(1000));
    deliver([['h/t', '21', T0 + 1000]]);
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(lastPlot().rows.at(-1)).toEqual({ t: T0 + 1000, s0: 21 });
    expect(chart().getAttribute('aria-label')).toMatch(/last value 21 °C$/);
  });

  it('draws one line per topic of a wildcard series, named by the differing level', async () => {
    const f = 'house/+/temp';
    deliver([['house/kitchen/temp', '{"v": 20}', T0 - 5000]], [f]);
    show(config({ series: [{ topic: f, valuePath: 'v' }] }));
    deliver(
      [
        ['house/hall/temp', '{"v": 18}', T0 - 4000],
        ['house/kitchen/temp', '{"v": 21}', T0 - 3000],
      ],
      [f],
    );
    await act(() => vi.advanceTimersByTimeAsync(300));
    await settle();
    screen.getByTestId('plot');
    const { lines, rows } = lastPlot();
    expect(lines.map((l) => [l.label, l.topic, l.last])).toEqual([
      ['kitchen', 'house/kitchen/temp', 21],
      ['hall', 'house/hall/temp', 18],
    ]);
    expect(lines[0]!.color).not.toBe(lines[1]!.color);
    expect(rows).toEqual([
      { t: T0 - 5000, s0: 20 },
      { t: T0 - 4000, s1: 18 },
      { t: T0 - 3000, s0: 21 },
    ]);
    expect(chart().getAttribute('aria-label')).toBe(
      'Temperatur: chart of kitchen, hall, last value kitchen 21 °C, hall 18 °C',
    );
  });

  it('passes the style, range and window on; hides the legend when asked', async () => {
    deliver([
      ['h/t', '4', T0 - 700_000],
      ['h/t', '5', T0 - 1000],
    ]);
    show(config({ kind: 'step', yMin: 0, yMax: 10, windowSeconds: 600, showLegend: false }));
    await settle();
    screen.getByTestId('plot');
    expect(lastPlot()).toMatchObject({ kind: 'step', yAxis: { domain: [0, 10] }, unit: '°C' });
    const w = lastPlot().window;
    expect(w.end - w.start).toBe(600_000);
    expect(w.end).toBeGreaterThanOrEqual(T0);
    expect(lastPlot().ticks.length).toBeGreaterThan(1);
    expect(screen.queryByRole('list', { name: 'Legend' })).toBeNull();
  });

  it('spans what a fresh chart has (at least 10 s), growing to the whole window', async () => {
    deliver([
      ['h/t', '21.3', T0 - 2000],
      ['h/t', '21.6', T0],
    ]);
    show(config());
    await settle();
    screen.getByTestId('plot');
    const span = () => lastPlot().window.end - lastPlot().window.start;
    expect(span()).toBe(10_000);
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    deliver([['h/t', '21.4', Date.now()]]);
    await act(() => vi.advanceTimersByTimeAsync(300));
    // 22 s of data, from just before the first point.
    expect(span()).toBeGreaterThan(22_000);
    expect(span()).toBeLessThan(24_000);
    expect(lastPlot().window.end).toBeGreaterThanOrEqual(T0);
    // A point a minute for half an hour: the axis spans the half hour.
    for (let i = 1; i <= 30; i++) {
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      deliver([['h/t', String(21 + i / 100), Date.now()]]);
    }
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(span()).toBeGreaterThan(30 * 60_000);
    expect(span()).toBeLessThan(33 * 60_000);
    expect(lastPlot().window.start).toBeLessThan(T0 - 2000);
    // Past the window: the window.
    for (let i = 1; i <= 40; i++) {
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      deliver([['h/t', String(21 - i / 100), Date.now()]]);
    }
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(span()).toBe(3_600_000);
  });

  it('shows only the window, yet keeps older points for a wider window', async () => {
    deliver([
      ['h/t', '1', T0 - 7_200_000],
      ['h/t', '2', T0 - 3_000_000],
      ['h/t', '3', T0 - 1000],
    ]);
    show(config({ windowSeconds: 600 }));
    await settle();
    screen.getByTestId('plot');
    // The point just before the window is drawn too, so the line enters from the edge.
    expect(lastPlot().rows.map((r) => r.s0)).toEqual([2, 3]);
  });

  it('draws 100,000 points as about one per pixel', async () => {
    const points: Array<[string, string, number]> = [];
    for (let i = 0; i < 100_000; i++)
      points.push(['h/t', String(i % 100), T0 - 3_500_000 + i * 35]);
    // Through the live path in chunks of 1000, as frames would deliver them.
    for (let i = 0; i < points.length; i += 1000) {
      deliver(points.slice(i, i + 1000));
      if (i === 0) show(config({ maxPoints: 200_000 }));
    }
    await act(() => vi.advanceTimersByTimeAsync(300));
    await settle();
    screen.getByTestId('plot');
    const p = lastPlot();
    expect(p.rows.length).toBeLessThanOrEqual(p.width * 2);
    expect(p.rows.length).toBeGreaterThan(p.width / 2);
    expect(p.rows[0]!.t).toBe(T0 - 3_500_000);
    expect(p.rows.at(-1)!.t).toBe(T0 - 3_500_000 + 99_999 * 35);
  });

  it('redraws a few times a second under a flood, not once per message', async () => {
    deliver([['h/t', '0', T0 - 1]]);
    show(config());
    await settle();
    screen.getByTestId('plot');
    const before = plots.length;
    for (let i = 1; i <= 120; i++) {
      deliver([['h/t', String(i), T0 + i * 16]]);
      await act(() => vi.advanceTimersByTimeAsync(16));
    }
    await act(() => vi.advanceTimersByTimeAsync(300));
    const redraws = plots.length - before;
    // 120 frames over about 2 s: at most 4 redraws a second, and the newest is drawn.
    expect(redraws).toBeGreaterThanOrEqual(4);
    expect(redraws).toBeLessThanOrEqual(11);
    expect(lastPlot().rows.at(-1)!.s0).toBe(120);
  });

  it('shows what it stored after a reload (new hub, same store, empty live path)', async () => {
    const store = createMemoryStore();
    hub = createHistoryHub({ store });
    deliver([['h/t', '7', T0 - 1000]]);
    const first = show(config());
    await settle();
    screen.getByTestId('plot');
    await act(() => vi.advanceTimersByTimeAsync(2500));
    first.unmount();
    useLiveStore.setState({ entries: {} });
    newIngest();
    hub = createHistoryHub({ store });
    plots.length = 0;
    show(config());
    await settle();
    screen.getByTestId('plot');
    expect(lastPlot().rows).toEqual([{ t: T0 - 1000, s0: 7 }]);
  });
});

describe('chart view with bad input', () => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const bad: Record<string, string | Uint8Array> = {
    'non-numeric text': 'abc',
    'invalid JSON': '{"temp": ',
    'binary (not UTF-8)': new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28]),
    empty: '',
    '1 MB': 'x'.repeat(1024 * 1024),
    unicode: 'Grüße 🌡️ 温度 \u202e',
    'HTML and script': evil,
    'JSON with HTML inside': JSON.stringify({ temp: evil }),
  };

  it.each(Object.entries(bad))(
    'skips %s, counts it, and keeps drawing numbers',
    async (_name, payload) => {
      deliver([['h/t', '1', T0 - 3000]]);
      const { container } = show(config({ series: [{ topic: 'h/t', valuePath: '' }] }));
      deliver([['h/t', payload, T0 - 2000]]);
      deliver([['h/t', '2', T0 - 1000]]);
      await act(() => vi.advanceTimersByTimeAsync(300));
      expect(screen.getByText('1 value skipped')).toBeTruthy();
      expect(lastPlot().rows.map((r) => r.s0)).toEqual([1, 2]);
      expect(chart().getAttribute('aria-label')).toMatch(/last value 2 °C$/);
      expect(container.querySelector('img, script')).toBeNull();
      expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    },
  );

  it('survives a first message that is not a number', async () => {
    const { container } = show(config());
    deliver([['h/t', evil, T0]]);
    await settle();
    expect(screen.getByText('Waiting for data')).toBeTruthy();
    expect(screen.getByText('1 value skipped')).toBeTruthy();
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('shows label text from the config literally', async () => {
    deliver([['h/t', '1', T0 - 1000]]);
    const { container } = show(config({ series: [{ topic: 'h/t', label: evil }] }));
    await settle();
    screen.getByTestId('plot');
    expect(screen.getByText(evil)).toBeTruthy();
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('counts history payloads too large to keep as skipped', async () => {
    // A number, but padded past what the history keeps of a payload (4 kB).
    deliver([['h/t', `${' '.repeat(9999)}21`, T0 - 10]]);
    show(config());
    expect(screen.getByText('1 value skipped')).toBeTruthy();
  });
});

describe('chart view without providers', () => {
  it('runs on the app defaults (memory only where there is no IndexedDB, no feed)', async () => {
    expect(typeof indexedDB).toBe('undefined');
    render(<ChartView config={config()} value={undefined} publish={publish} labelId="l" />);
    deliver([['h/t', '4', T0 - 1000]]);
    await settle();
    // No live feed provided: nothing reaches it, and it says so instead of failing.
    expect(screen.getByText('Waiting for data')).toBeTruthy();
  });
});
