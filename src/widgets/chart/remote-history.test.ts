// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIngest } from '@/mqtt/ingest';
import { createMemoryStore, seriesKey } from './persistence';
import {
  createHistoryHub,
  REMOTE_POINTS,
  type RemoteHistory,
  type SeriesHistory,
} from './series-history';

// A chart's history from the server's recorder (issue 12): what the recorder has goes before
// what the page holds, with no gap and no point twice; without an answer, IndexedDB.

const T0 = Date.UTC(2026, 11, 3, 6, 0, 0);
const HOUR = 3_600_000;

function fakeLive() {
  let clock = T0;
  const feed = createIngest({ sink: { write: () => {} }, now: () => clock, schedule: () => {} });
  feed.keepHistory('#');
  return {
    feed,
    send(topic: string, payload: string, t: number) {
      clock = t;
      feed.handle(topic, new TextEncoder().encode(payload), false);
    },
  };
}

const points = (s: SeriesHistory, topic?: string) => {
  const line = topic ? s.lines.find((l) => l.topic === topic) : s.lines[0];
  if (!line) return [];
  const { t, v } = line.points.toArrays();
  return Array.from(t, (time, i) => [time - T0, v[i]]);
};

function remote(answer: RemoteHistory['history']) {
  const history = vi.fn(answer);
  return { history, source: { history } satisfies RemoteHistory };
}

beforeEach(() => vi.useFakeTimers({ now: T0 }));
afterEach(() => vi.useRealTimers());

describe('chart history from the recorder', () => {
  it('puts the recorded points before the live ones: no gap, no duplicate at the seam', async () => {
    const live = fakeLive();
    live.send('haus/temp', '20', T0 - 2000);
    live.send('haus/temp', '21', T0 - 1000);
    const r = remote(async (topic, _path, from, to) => [
      {
        topic,
        // The recorder's range is inclusive: it has the live path's first point too.
        t: Float64Array.of(from + 10, T0 - 3000, T0 - 2000),
        v: Float64Array.of(17, 19, 20),
      },
      { topic: 'other/topic', t: Float64Array.of(to - 1), v: Float64Array.of(99) },
    ]);
    const hub = createHistoryHub({ store: createMemoryStore(), remote: () => r.source });
    const { series } = hub.acquire({ topic: 'haus/temp', valuePath: '' }, 1000, live.feed, HOUR);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.history).toHaveBeenCalledWith('haus/temp', '', T0 - HOUR, T0 - 2000, REMOTE_POINTS);
    expect(points(series)).toEqual([
      [-HOUR + 10, 17],
      [-3000, 19],
      [-2000, 20],
      [-1000, 21],
    ]);
    expect(series.lines).toHaveLength(1); // another topic's line is not this series'
    // The live tail goes on after it.
    live.send('haus/temp', '22', T0 + 500);
    expect(points(series).at(-1)).toEqual([500, 22]);
  });

  it('a wildcard chart gets one line per recorded topic', async () => {
    const live = fakeLive();
    const r = remote(async () => [
      { topic: 'haus/bad/temp', t: Float64Array.of(T0 - 5000), v: Float64Array.of(23) },
      { topic: 'haus/flur/temp', t: Float64Array.of(T0 - 4000), v: Float64Array.of(18) },
    ]);
    const hub = createHistoryHub({ store: createMemoryStore(), remote: () => r.source });
    const { series } = hub.acquire({ topic: 'haus/+/temp', valuePath: '' }, 1000, live.feed, HOUR);
    await vi.advanceTimersByTimeAsync(0);
    expect(series.lines.map((l) => l.topic).sort()).toEqual(['haus/bad/temp', 'haus/flur/temp']);
  });

  it.each([
    ['answers null (no recorder for this broker)', async () => null],
    ['fails', () => Promise.reject(new Error('offline'))],
  ])('a recorder that %s: the browser’s own store is read instead', async (_, answer) => {
    const store = createMemoryStore();
    const key = seriesKey('haus/temp', '');
    store.data.set(key, {
      version: 1,
      savedAt: T0 - 60_000,
      lines: [{ topic: 'haus/temp', t: Float64Array.of(T0 - 120_000), v: Float64Array.of(19.5) }],
    });
    const live = fakeLive();
    const hub = createHistoryHub({ store, remote: () => remote(answer).source });
    const { series } = hub.acquire({ topic: 'haus/temp', valuePath: '' }, 1000, live.feed, HOUR);
    await vi.advanceTimersByTimeAsync(0);
    expect(points(series)).toEqual([[-120_000, 19.5]]);
  });

  it('a wider window asks only for the older part; a narrower one asks nothing', async () => {
    const live = fakeLive();
    const r = remote(async (topic, _path, from) => [
      { topic, t: Float64Array.of(from + 1000), v: Float64Array.of(from === T0 - HOUR ? 1 : 2) },
    ]);
    const hub = createHistoryHub({ store: createMemoryStore(), remote: () => r.source });
    const spec = { topic: 'haus/temp', valuePath: '' };
    const a = hub.acquire(spec, 1000, live.feed, HOUR);
    await vi.advanceTimersByTimeAsync(0);
    // A second chart on the same series, same window: nothing asked again.
    const b = hub.acquire(spec, 1000, live.feed, HOUR);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.history).toHaveBeenCalledTimes(1);
    // A chart showing 24 h: the day before the hour held.
    hub.acquire(spec, 1000, live.feed, 24 * HOUR);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.history).toHaveBeenCalledTimes(2);
    expect(r.history.mock.calls[1]!.slice(2, 4)).toEqual([T0 - 24 * HOUR, T0 - HOUR + 1000]);
    expect(points(a.series).map(([, v]) => v)).toEqual([2, 1]);
    hub.acquire(spec, 1000, live.feed, 600_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.history).toHaveBeenCalledTimes(2);
    b.release();
  });
});

describe('chart history from the recorder, more', () => {
  it('two charts of one series mounted together (1 h and 24 h): the 24 h one gets its day', async () => {
    const live = fakeLive();
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const r = remote(async (topic, _path, from, to) => {
      if (from === T0 - HOUR) await slow; // the first request is still on its way
      return [{ topic, t: Float64Array.of(from, to - 1), v: Float64Array.of(from, to - 1) }];
    });
    const hub = createHistoryHub({ store: createMemoryStore(), remote: () => r.source });
    const spec = { topic: 'haus/temp', valuePath: '' };
    // The same render: both ask before the recorder answered the first.
    hub.acquire(spec, 1000, live.feed, HOUR);
    const day = hub.acquire(spec, 1000, live.feed, 24 * HOUR);
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    const times = points(day.series).map(([t]) => t);
    expect(times[0]).toBe(-24 * HOUR); // not only the last hour
    // Still in order, with nothing twice.
    expect([...times].sort((a, b) => a! - b!)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
  });

  it('a recorder that has nothing of this series (a local dashboard’s topic): the browser’s store is read', async () => {
    const store = createMemoryStore();
    store.data.set(seriesKey('lokal/temp', ''), {
      version: 1,
      savedAt: T0 - 60_000,
      lines: [{ topic: 'lokal/temp', t: Float64Array.of(T0 - 120_000), v: Float64Array.of(19.5) }],
    });
    const live = fakeLive();
    const r = remote(async () => []);
    const hub = createHistoryHub({ store, remote: () => r.source, saveIntervalMs: 10 });
    const { series } = hub.acquire({ topic: 'lokal/temp', valuePath: '' }, 1000, live.feed, HOUR);
    await vi.advanceTimersByTimeAsync(0);
    expect(points(series)).toEqual([[-120_000, 19.5]]);
    // And what is saved keeps it.
    live.send('lokal/temp', '20', T0 + 1000);
    await hub.flush();
    const saved = store.data.get(seriesKey('lokal/temp', '')) as { lines: { t: Float64Array }[] };
    expect(Array.from(saved.lines[0]!.t, (t) => t - T0)).toEqual([-120_000, 1000]);
  });

  it('a point that arrived live while the recorder answered is there once', async () => {
    const live = fakeLive();
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const r = remote(async (topic) => {
      await slow;
      // The recorder had it too by the time it answered.
      return [{ topic, t: Float64Array.of(T0 - 5000, T0 + 100), v: Float64Array.of(18, 21) }];
    });
    const hub = createHistoryHub({ store: createMemoryStore(), remote: () => r.source });
    const { series } = hub.acquire({ topic: 'haus/temp', valuePath: '' }, 1000, live.feed, HOUR);
    live.send('haus/temp', '21', T0 + 100);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(points(series)).toEqual([
      [-5000, 18],
      [100, 21],
    ]);
  });
});
