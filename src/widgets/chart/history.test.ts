// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIngest, type LiveEntry } from '@/mqtt/ingest';
import { decodePayload } from '@/mqtt/payload';
import {
  createMemoryStore,
  INDEX_KEY,
  readStoredSeries,
  seriesKey,
  touchIndex,
} from './persistence';
import { PointRing } from './point-ring';
import { MAX_LINES_PER_SERIES, MAX_WINDOW_MS } from './schema';
import { createHistoryHub, saveDelay, SeriesHistory } from './series-history';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

/**
 * The real live path, driven by hand: `send` is messages arriving (each with its time), and
 * `history` filters are what the dashboard binding keeps a history for.
 */
function fakeLive(historyFilters: string[] = ['#']) {
  let clock = T0;
  const feed = createIngest({
    sink: { write: () => {} },
    now: () => clock,
    schedule: () => {},
  });
  for (const f of historyFilters) feed.keepHistory(f);
  function send(messages: Array<[topic: string, payload: string, t: number]>) {
    for (const [topic, payload, t] of messages) {
      clock = t;
      feed.handle(topic, new TextEncoder().encode(payload), false);
    }
  }
  return { feed, send };
}

/** A message as the feed hands it over. */
const msg = (topic: string, payload: string, t: number): LiveEntry => ({
  topic,
  payload: decodePayload(new TextEncoder().encode(payload)),
  receivedAt: t,
  retained: false,
});

/** Let the hub's once-per-task notification run. */
const tick = () => new Promise<void>((r) => queueMicrotask(r));

const values = (s: SeriesHistory, topic?: string) => {
  const line = topic ? s.lines.find((l) => l.topic === topic) : s.lines[0];
  if (!line) return [];
  return Array.from(line.points.toArrays().v);
};

describe('point ring', () => {
  it('keeps the newest points up to its cap, growing as needed', () => {
    const r = new PointRing(100);
    for (let i = 0; i < 250; i++) r.push(i, i * 2);
    expect(r.length).toBe(100);
    expect(r.time(0)).toBe(150);
    expect(r.value(99)).toBe(498);
    expect(Array.from(r.toArrays().t)).toEqual(Array.from({ length: 100 }, (_, i) => 150 + i));
  });

  it('prunes by time and never lets time run backwards', () => {
    const r = new PointRing(10);
    r.push(10, 1);
    r.push(5, 2); // a clock set back
    r.push(20, 3);
    expect(Array.from(r.toArrays().t)).toEqual([10, 10, 20]);
    r.pruneBefore(11);
    expect(Array.from(r.toArrays().v)).toEqual([3]);
  });

  it('shrinks keeping the newest, and grows again', () => {
    const r = new PointRing(10);
    for (let i = 0; i < 10; i++) r.push(i, i);
    r.setCapacity(4);
    expect(Array.from(r.toArrays().v)).toEqual([6, 7, 8, 9]);
    r.setCapacity(6);
    r.push(10, 10);
    r.push(11, 11);
    r.push(12, 12);
    expect(Array.from(r.toArrays().v)).toEqual([7, 8, 9, 10, 11, 12]);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new PointRing(0)).toThrow(RangeError);
  });
});

describe('series history', () => {
  it('takes every message it is fed, in order', () => {
    const s = new SeriesHistory({ topic: 'a', valuePath: '' }, 10_000, () => T0);
    for (let i = 0; i < 500; i++) s.take(msg('a', String(i), T0 - 500 + i));
    expect(values(s)).toHaveLength(500);
    expect(values(s).slice(-2)).toEqual([498, 499]);
  });

  it('reads numbers through its value path', () => {
    const s = new SeriesHistory({ topic: 'a', valuePath: 'temp' }, 100, () => T0);
    s.take(msg('a', '{"temp": 21.5}', T0));
    s.take(msg('a', '{"temp": 22}', T0 + 1));
    expect(values(s)).toEqual([21.5, 22]);
  });

  it('keeps at most its cap, the newest', () => {
    const s = new SeriesHistory({ topic: 'a', valuePath: '' }, 50, () => T0);
    for (let i = 0; i < 120; i++) s.take(msg('a', String(i), T0 - 1000 + i));
    expect(values(s)).toEqual(Array.from({ length: 50 }, (_, i) => 70 + i));
  });

  it('drops points older than 24 h', () => {
    let now = T0;
    const s = new SeriesHistory({ topic: 'a', valuePath: '' }, 100, () => now);
    s.take(msg('a', '1', T0 - MAX_WINDOW_MS - 1));
    s.take(msg('a', '2', T0 - 1000));
    expect(values(s)).toEqual([2]);
    now = T0 - 1000 + MAX_WINDOW_MS;
    s.take(msg('a', '3', now));
    expect(values(s)).toEqual([2, 3]);
    now += 1;
    s.prune();
    expect(values(s)).toEqual([3]);
  });

  it('skips and counts payloads without a number', () => {
    const s = new SeriesHistory({ topic: 'a', valuePath: 'temp' }, 100, () => T0);
    for (const p of [
      '{"temp": 1}',
      'abc',
      '{"temp": "x"}',
      '{"hum": 3}',
      '{"temp": "1e999"}',
      '{"temp": 2}',
    ])
      s.take(msg('a', p, T0));
    expect(values(s)).toEqual([1, 2]);
    expect(s.skipped).toBe(4);
  });

  it('gets, through the hub, what the live path kept before it existed, then every new message', async () => {
    const { feed, send } = fakeLive(['house/+/temp']);
    send([['house/kitchen/temp', '20', T0 - 10]]);
    const hub = createHistoryHub({ store: null, now: () => T0 });
    const changes = vi.fn();
    hub.subscribe(changes);
    const s = hub.acquire({ topic: 'house/+/temp', valuePath: '' }, 100, feed).series;
    expect(s.lines.map((l) => l.topic)).toEqual(['house/kitchen/temp']);
    // Two new topics in one frame: each gets its line at once.
    send([
      ['house/hall/temp', '18', T0 - 5],
      ['house/attic/temp', '30', T0 - 5],
      ['house/kitchen/temp', '21', T0 - 4],
    ]);
    expect(s.lines.map((l) => l.topic)).toEqual([
      'house/kitchen/temp',
      'house/hall/temp',
      'house/attic/temp',
    ]);
    send([
      ['house/hall/temp', '19', T0 - 3],
      ['house/other/hum', '50', T0 - 2],
    ]);
    expect(s.lines).toHaveLength(3);
    expect(values(s, 'house/kitchen/temp')).toEqual([20, 21]);
    expect(values(s, 'house/hall/temp')).toEqual([18, 19]);
    expect(values(s, 'house/attic/temp')).toEqual([30]);
    // Readers hear of a burst once, not once per point.
    await tick();
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('splits into at most a bounded number of lines, counting the rest', () => {
    const s = new SeriesHistory({ topic: 'x/+', valuePath: '' }, 100, () => T0);
    for (let i = 0; i < MAX_LINES_PER_SERIES + 3; i++) s.take(msg(`x/${i}`, '1', T0));
    expect(s.lines).toHaveLength(MAX_LINES_PER_SERIES);
    expect(s.droppedTopics).toBe(3);
  });

  it('restores stored points under those in memory, without duplicates', () => {
    const s = new SeriesHistory({ topic: 'a', valuePath: '' }, 100, () => T0);
    s.take(msg('a', '3', T0 - 2000));
    s.take(msg('a', '4', T0 - 1000));
    s.restore({
      version: 1,
      savedAt: T0 - 1500,
      lines: [
        {
          topic: 'a',
          t: Float64Array.of(T0 - 4000, T0 - 3000, T0 - 2000),
          v: Float64Array.of(1, 2, 3),
        },
        { topic: 'b', t: Float64Array.of(T0), v: Float64Array.of(9) },
      ],
    });
    expect(values(s)).toEqual([1, 2, 3, 4]);
    expect(s.lines).toHaveLength(1);
  });
});

describe('persistence', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('round-trips a wildcard series through the store: a reload shows the last window', async () => {
    const store = createMemoryStore();
    const first = fakeLive();
    const hub = createHistoryHub({ store });
    const handle = hub.acquire({ topic: 's/+', valuePath: 'v' }, 1000, first.feed);
    await vi.advanceTimersByTimeAsync(0); // storage read (empty)
    first.send([
      ['s/a', '{"v":1}', T0 - 3000],
      ['s/b', '{"v":2}', T0 - 2000],
    ]);
    first.send([['s/a', '{"v":3}', T0 - 1000]]);
    expect(store.data.has(seriesKey('s/+', 'v'))).toBe(false);
    await vi.advanceTimersByTimeAsync(2000); // the debounced save
    expect(store.data.has(seriesKey('s/+', 'v'))).toBe(true);
    handle.release();

    // "Reload": a new hub and an empty live path.
    const second = fakeLive();
    const hub2 = createHistoryHub({ store });
    const again = hub2.acquire({ topic: 's/+', valuePath: 'v' }, 1000, second.feed);
    expect(again.series.lines).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(again.series.lines.map((l) => l.topic).sort()).toEqual(['s/a', 's/b']);
    expect(values(again.series, 's/a')).toEqual([1, 3]);
    expect(values(again.series, 's/b')).toEqual([2]);
    // New points after the reload follow the stored ones.
    second.send([['s/a', '{"v":4}', T0 + 10]]);
    expect(values(again.series, 's/a')).toEqual([1, 3, 4]);
  });

  it('writes at most every 2 s under a flood, and at once when the page is hidden', async () => {
    const store = createMemoryStore();
    const set = vi.spyOn(store, 'set');
    const { feed, send } = fakeLive();
    const hub = createHistoryHub({ store });
    hub.acquire({ topic: 'a', valuePath: '' }, 1000, feed);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 60; i++) {
      send([['a', String(i), T0 + i * 16]]);
      await vi.advanceTimersByTimeAsync(16);
    }
    // 60 frames in about 1 s: not written yet; then exactly one write.
    expect(set).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1100);
    expect(set).toHaveBeenCalledTimes(1);
    send([['a', '99', T0 + 5000]]);
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(set).toHaveBeenCalledTimes(2);
    const stored = readStoredSeries(store.data.get(seriesKey('a', '')));
    expect(stored?.lines[0]?.v.at(-1)).toBe(99);
  });

  it('never overwrites stored history before it was read', async () => {
    const store = createMemoryStore();
    await store.set(seriesKey('a', ''), {
      version: 1,
      savedAt: T0 - 10,
      lines: [{ topic: 'a', t: Float64Array.of(T0 - 10), v: Float64Array.of(7) }],
    });
    let resolve: () => void = () => {};
    const gate = new Promise<void>((r) => (resolve = r));
    const slow = { ...store, get: async (k: string) => (await gate, store.get(k)) };
    const { feed, send } = fakeLive();
    const hub = createHistoryHub({ store: slow });
    const h = hub.acquire({ topic: 'a', valuePath: '' }, 100, feed);
    send([['a', '8', T0]]);
    await hub.flush();
    expect(readStoredSeries(store.data.get(seriesKey('a', '')))?.lines[0]?.v).toEqual(
      Float64Array.of(7),
    );
    resolve();
    await vi.advanceTimersByTimeAsync(2000);
    expect(values(h.series)).toEqual([7, 8]);
    expect(readStoredSeries(store.data.get(seriesKey('a', '')))?.lines[0]?.v).toEqual(
      Float64Array.of(7, 8),
    );
  });

  it('ignores stored records that are damaged or older than 24 h', async () => {
    const store = createMemoryStore();
    await store.set(seriesKey('a', ''), {
      version: 1,
      savedAt: T0 - MAX_WINDOW_MS - 1,
      lines: [{ topic: 'a', t: [T0 - MAX_WINDOW_MS - 2], v: [1] }],
    });
    await store.set(seriesKey('b', ''), 'garbage');
    await store.set(seriesKey('c', ''), {
      version: 1,
      savedAt: T0,
      lines: [{ topic: 'c', t: [1, 2], v: [1] }, null, { topic: 'c', t: [T0 - 5], v: [5] }],
    });
    const { feed } = fakeLive();
    const hub = createHistoryHub({ store });
    const a = hub.acquire({ topic: 'a', valuePath: '' }, 100, feed).series;
    const b = hub.acquire({ topic: 'b', valuePath: '' }, 100, feed).series;
    const c = hub.acquire({ topic: 'c', valuePath: '' }, 100, feed).series;
    await vi.advanceTimersByTimeAsync(0);
    expect([a.loaded, b.loaded, c.loaded]).toEqual([true, true, true]);
    expect(values(a)).toEqual([]);
    expect(values(b)).toEqual([]);
    expect(values(c)).toEqual([5]);
  });

  it('bounds the database: stale and least recently written series are deleted', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 5; i++) await store.set(`k${i}`, i);
    await store.set(INDEX_KEY, { k0: T0 - MAX_WINDOW_MS - 1, k1: T0 - 4, k2: T0 - 3, k3: T0 - 2 });
    const evicted = await touchIndex(store, 'k4', T0, MAX_WINDOW_MS, 3);
    expect(evicted.sort()).toEqual(['k0', 'k1']);
    expect(Object.keys(store.data.get(INDEX_KEY) as object).sort()).toEqual(['k2', 'k3', 'k4']);
  });

  it('deletes evicted series when it saves', async () => {
    const store = createMemoryStore();
    await store.set('series:old', { version: 1, savedAt: 0, lines: [] });
    await store.set(INDEX_KEY, { 'series:old': 0 });
    const { feed, send } = fakeLive();
    const hub = createHistoryHub({ store });
    hub.acquire({ topic: 'a', valuePath: '' }, 100, feed);
    await vi.advanceTimersByTimeAsync(0);
    send([['a', '1', T0]]);
    await hub.flush();
    expect(store.data.has('series:old')).toBe(false);
    expect(store.data.has(seriesKey('a', ''))).toBe(true);
  });

  it('shares one series between charts, with the largest cap, and saves it when the last goes', async () => {
    const store = createMemoryStore();
    const { feed, send } = fakeLive();
    const hub = createHistoryHub({ store, keepAliveMs: 1000 });
    const h1 = hub.acquire({ topic: 'a', valuePath: '' }, 10, feed);
    const h2 = hub.acquire({ topic: 'a', valuePath: '' }, 50, feed);
    expect(h1.series).toBe(h2.series);
    expect(h1.series.capacity).toBe(50);
    h2.release();
    expect(h1.series.capacity).toBe(10);
    await vi.advanceTimersByTimeAsync(0);
    send([['a', '1', T0]]);
    h1.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.data.has(seriesKey('a', ''))).toBe(true);
    // Gone from memory, and its tap on the feed with it.
    expect(hub.acquire({ topic: 'a', valuePath: '' }, 10, feed).series).not.toBe(h1.series);
  });

  it('keeps working from memory when storage fails', async () => {
    const store = createMemoryStore();
    store.set = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const { feed, send } = fakeLive();
    const hub = createHistoryHub({ store });
    const h = hub.acquire({ topic: 'a', valuePath: '' }, 100, feed);
    await vi.advanceTimersByTimeAsync(0);
    send([['a', '1', T0]]);
    await expect(hub.flush()).resolves.toBeUndefined();
    expect(values(h.series)).toEqual([1]);
    expect(h.series.dirty).toBe(true);
  });

  it('saves large histories less often', () => {
    expect(saveDelay(1000)).toBe(2000);
    expect(saveDelay(200_000)).toBe(8000);
    expect(saveDelay(10_000_000)).toBe(30_000);
  });
});
