import type { LiveEntry, LiveFeed } from '@/mqtt/ingest';
import { readNumber } from '../kit/value';
import { isWildcard, topicMatches } from '@/mqtt/topic-filter';
import {
  readStoredSeries,
  seriesKey,
  touchIndex,
  type KeyValueStore,
  type StoredSeries,
} from './persistence';
import { PointRing } from './point-ring';
import { MAX_LINES_PER_SERIES, MAX_WINDOW_MS } from './schema';

/** What a series collects: a topic or a wildcard filter, and the value path of its number. */
export interface SeriesSpec {
  readonly topic: string;
  readonly valuePath: string;
}

/** One drawn line: a concrete topic's numeric points. */
export interface SeriesLine {
  readonly topic: string;
  readonly points: PointRing;
}

/**
 * The numeric history of one configured series, in memory: one bounded line per concrete
 * topic (a wildcard filter splits into several), points older than the largest window
 * pruned. Fed every message of its topics, in order, by the live feed (`take`), so a flood
 * that the live store coalesces into one entry per frame still gives every point.
 */
export class SeriesHistory {
  readonly key: string;
  readonly wildcard: boolean;
  /** Payloads that had no number at the value path, since this series was created. */
  skipped = 0;
  /** Matching topics not drawn because the series already has its maximum of lines. */
  droppedTopics = 0;
  /** Increases on every change, for memoisation by readers. */
  revision = 0;
  /** True once storage was read (or there is none). */
  loaded = false;
  /** True when points changed since the last save. */
  dirty = false;

  private readonly lineMap = new Map<string, SeriesLine>();
  private readonly refused = new Set<string>();
  private cap: number;

  constructor(
    readonly spec: SeriesSpec,
    cap: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = seriesKey(spec.topic, spec.valuePath);
    this.wildcard = isWildcard(spec.topic);
    this.cap = cap;
    if (!this.wildcard) this.line(spec.topic);
  }

  /** Lines in the order their topics were first seen. */
  get lines(): readonly SeriesLine[] {
    return [...this.lineMap.values()];
  }

  get capacity(): number {
    return this.cap;
  }

  setCapacity(cap: number): void {
    if (cap === this.cap) return;
    this.cap = cap;
    for (const l of this.lineMap.values()) l.points.setCapacity(cap);
    this.revision++;
  }

  /** One message on one of the series' topics, in arrival order. */
  take(entry: LiveEntry): void {
    const line = this.line(entry.topic);
    if (!line) return;
    const reading = readNumber(entry.payload, this.spec.valuePath);
    if (reading.ok && Number.isFinite(reading.value)) {
      line.points.push(entry.receivedAt, reading.value);
      // Cheap when nothing is old: it looks at the oldest point only.
      line.points.pruneBefore(this.now() - MAX_WINDOW_MS);
      this.dirty = true;
    } else {
      this.skipped++;
    }
    this.revision++;
  }

  /** Drop points older than the largest window. */
  prune(): void {
    const cutoff = this.now() - MAX_WINDOW_MS;
    for (const l of this.lineMap.values()) {
      const n = l.points.length;
      l.points.pruneBefore(cutoff);
      if (l.points.length !== n) this.revision++;
    }
  }

  /**
   * Merge a stored (or recorded) record under what is in memory: stored points older than a line's first
   * point in memory go before it (memory came from the live feed, which is complete for its
   * own span).
   */
  restore(stored: StoredSeries | null): void {
    this.loaded = true;
    if (stored) {
      const cutoff = this.now() - MAX_WINDOW_MS;
      for (const s of stored.lines) {
        if (this.wildcard ? !topicMatches(this.spec.topic, s.topic) : s.topic !== this.spec.topic)
          continue;
        const line = this.line(s.topic);
        if (!line || s.t.length === 0) continue;
        const first = line.points.length > 0 ? line.points.time(0) : Infinity;
        const mem = line.points.toArrays();
        let end = 0;
        while (end < s.t.length && s.t[end]! < first) end++;
        let start = 0;
        while (start < end && s.t[start]! < cutoff) start++;
        const t = new Float64Array(end - start + mem.t.length);
        const v = new Float64Array(t.length);
        t.set(s.t.subarray(start, end));
        v.set(s.v.subarray(start, end));
        t.set(mem.t, end - start);
        v.set(mem.v, end - start);
        line.points.replace(t, v);
      }
    }
    this.revision++;
  }

  /** The record to store: every line's points. */
  toStored(): StoredSeries {
    return {
      version: 1,
      savedAt: this.now(),
      lines: this.lines.map((l) => ({ topic: l.topic, ...l.points.toArrays() })),
    };
  }

  /** Points over all lines. */
  get size(): number {
    let n = 0;
    for (const l of this.lineMap.values()) n += l.points.length;
    return n;
  }

  private line(topic: string): SeriesLine | undefined {
    const existing = this.lineMap.get(topic);
    if (existing) return existing;
    if (this.lineMap.size >= MAX_LINES_PER_SERIES) {
      if (!this.refused.has(topic) && this.refused.size < 10_000) {
        this.refused.add(topic);
        this.droppedTopics++;
        this.revision++;
      }
      return undefined;
    }
    const line: SeriesLine = { topic, points: new PointRing(this.cap) };
    this.lineMap.set(topic, line);
    this.revision++;
    return line;
  }
}

/** A chart's hold on a shared series; `release` when the chart goes away. */
export interface SeriesHandle {
  readonly series: SeriesHistory;
  release(): void;
}

/**
 * A server that recorded the history (Tafel's recorder): asked first, for the span a chart
 * shows; null (no recorder, an error) falls back to the browser's own store.
 */
export interface RemoteHistory {
  history(
    topic: string,
    valuePath: string,
    from: number,
    to: number,
    points: number,
  ): Promise<ReadonlyArray<{ topic: string; t: Float64Array; v: Float64Array }> | null>;
}

/** Points asked of the recorder per line: up to a day stays raw on the server (< 1 min each). */
export const REMOTE_POINTS = 5000;

export interface HistoryHubOptions {
  /** Where series are persisted; null = memory only. */
  store: KeyValueStore | null;
  /** The recorder, read when a series first loads (the app sets it up at start). */
  remote?: () => RemoteHistory | null;
  now?: () => number;
  /** Shortest time between two saves of the same data; larger histories save less often. */
  saveIntervalMs?: number;
  /** How long a series stays in memory after its last chart went (a remount keeps it). */
  keepAliveMs?: number;
}

/**
 * Shares series between the charts that show them (two charts on one topic collect, hold and
 * store it once), taps the live feed for each series while it is held, and saves changed
 * series at most every few seconds and when the page is hidden or left.
 */
export interface HistoryHub {
  /**
   * The series for `spec`, made if new; safe to call while rendering (idempotent). A series
   * nobody acquires is dropped after the keep-alive time.
   */
  get(spec: SeriesSpec, cap: number, feed: LiveFeed, windowMs?: number): SeriesHistory;
  /**
   * Hold the series for `spec` until `release`; the largest cap of its holders applies, and
   * the recorder is asked for the largest window (`windowMs`, default a day) they show.
   */
  acquire(spec: SeriesSpec, cap: number, feed: LiveFeed, windowMs?: number): SeriesHandle;
  /** Calls `listener` after held series changed (at most once per task); returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Save every changed series now. */
  flush(): Promise<void>;
}

interface Held {
  series: SeriesHistory;
  caps: number[];
  expiry: ReturnType<typeof setTimeout> | null;
  untap: () => void;
  /** The span asked of the recorder so far (0: not yet), and whether it answered. */
  span: number;
  remote: boolean | null;
  /** A request to the recorder is on its way; `wanted` is the widest window asked meanwhile. */
  loading: boolean;
  wanted: number;
}

/** Save cadence: 2 s for small histories, up to 30 s for millions of points. */
export function saveDelay(points: number, base = 2000): number {
  return Math.min(30_000, Math.max(base, points / 25));
}

export function createHistoryHub(options: HistoryHubOptions): HistoryHub {
  const { store } = options;
  const now = options.now ?? Date.now;
  const base = options.saveIntervalMs ?? 2000;
  const keepAlive = options.keepAliveMs ?? 5000;
  const held = new Map<string, Held>();
  const listeners = new Set<() => void>();
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let pageListeners = false;
  let notifyQueued = false;

  const notify = () => {
    notifyQueued = false;
    for (const l of listeners) l();
  };

  /** Points arrive one by one in a flood: readers hear of them once per task. */
  function changed() {
    scheduleSave();
    if (notifyQueued) return;
    notifyQueued = true;
    queueMicrotask(notify);
  }

  async function save(series: SeriesHistory) {
    if (!store || !series.dirty || !series.loaded) return;
    series.dirty = false;
    series.prune();
    try {
      await store.set(series.key, series.toStored());
      const evicted = await touchIndex(store, series.key, now(), MAX_WINDOW_MS);
      await Promise.all(evicted.map((k) => store.del(k)));
    } catch {
      // Quota exceeded or storage blocked (private mode): the chart keeps working from
      // memory; the next change tries again.
      series.dirty = true;
    }
  }

  async function flush() {
    if (saveTimer !== null) clearTimeout(saveTimer);
    saveTimer = null;
    await Promise.all([...held.values()].map((h) => save(h.series)));
  }

  function scheduleSave() {
    if (!store || saveTimer !== null) return;
    let points = 0;
    for (const h of held.values()) points += h.series.size;
    saveTimer = setTimeout(
      () => {
        saveTimer = null;
        void flush();
      },
      saveDelay(points, base),
    );
  }

  // Browsers may kill a hidden page without another event: save when it is hidden or left.
  const onHide = () => void flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void flush();
  };

  function watchPage(on: boolean) {
    if (on === pageListeners || typeof window === 'undefined') return;
    pageListeners = on;
    if (on) {
      window.addEventListener('pagehide', onHide);
      document.addEventListener('visibilitychange', onVisibility);
    } else {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    }
  }

  function loadLocal(series: SeriesHistory) {
    if (!store) {
      series.restore(null);
      return;
    }
    store.get(series.key).then(
      (raw) => {
        const stored = readStoredSeries(raw);
        series.restore(stored && stored.savedAt >= now() - MAX_WINDOW_MS ? stored : null);
        // Points that arrived while loading were held back from storage until now.
        if (series.dirty) scheduleSave();
        notify();
      },
      () => {
        series.restore(null);
        notify();
      },
    );
  }

  /**
   * The recorder's points for the span before what the series holds (the live feed's part is
   * complete from its first point on, so what comes back only goes before it: no gap, no
   * duplicate). A wider window later asks for the older part; one asked while a request is on
   * its way (two charts of one series mounted together) is asked when it answered. Without an
   * answer the first time, or with none of this series' points (a topic the recorder does not
   * record: a dashboard that is not shared), the browser's own store is read instead.
   */
  function load(entry: Held, windowMs: number) {
    entry.wanted = Math.max(entry.wanted, Math.min(MAX_WINDOW_MS, windowMs));
    if (entry.loading || entry.wanted <= entry.span || entry.remote === false) return;
    const first = entry.span === 0;
    const remote = options.remote?.() ?? null;
    entry.span = entry.wanted;
    if (!remote) {
      entry.remote = false;
      if (first) loadLocal(entry.series);
      return;
    }
    const { series } = entry;
    const to = now();
    const from = to - entry.span;
    // Up to the first point held; what the feed brings meanwhile goes after it anyway.
    let until = to;
    for (const l of series.lines)
      if (l.points.length > 0) until = Math.min(until, l.points.time(0));
    entry.loading = true;
    const answered = (lines: Awaited<ReturnType<RemoteHistory['history']>>) => {
      entry.loading = false;
      if (lines === null) {
        if (first) {
          entry.remote = false;
          loadLocal(series);
        }
        return;
      }
      entry.remote = true;
      if (first && !lines.some((l) => l.t.length > 0)) {
        loadLocal(series);
      } else {
        series.restore({
          version: 1,
          savedAt: now(),
          lines: lines.map((l) => ({ topic: l.topic, t: l.t, v: l.v })),
        });
        if (series.dirty) scheduleSave();
        notify();
      }
      // A wider window asked while this one travelled.
      load(entry, entry.wanted);
    };
    remote
      .history(series.spec.topic, series.spec.valuePath, from, until, REMOTE_POINTS)
      .then(answered, () => answered(null));
  }

  function expire(key: string, entry: Held) {
    entry.expiry = setTimeout(() => {
      if (held.get(key) !== entry || entry.caps.length > 0) return;
      held.delete(key);
      entry.untap();
      void save(entry.series);
      if (held.size === 0) watchPage(false);
    }, keepAlive);
  }

  /** The held series for `spec`, made (fed by the live feed and storage) if new. */
  function ensure(spec: SeriesSpec, cap: number, feed: LiveFeed, windowMs: number): Held {
    const key = seriesKey(spec.topic, spec.valuePath);
    const existing = held.get(key);
    if (existing) {
      load(existing, windowMs);
      return existing;
    }
    watchPage(true);
    const series = new SeriesHistory(spec, cap, now);
    // The tap first replays what the live path kept (oldest first), then every new message.
    const untap = feed.tap(spec.topic, (e) => {
      series.take(e);
      changed();
    });
    const entry: Held = {
      series,
      caps: [],
      expiry: null,
      untap,
      span: 0,
      remote: null,
      loading: false,
      wanted: 0,
    };
    held.set(key, entry);
    load(entry, windowMs);
    // Nobody holds it yet: it goes unless acquired soon (a render that is never committed).
    expire(key, entry);
    return entry;
  }

  return {
    get: (spec, cap, feed, windowMs = MAX_WINDOW_MS) => ensure(spec, cap, feed, windowMs).series,
    acquire(spec, cap, feed, windowMs = MAX_WINDOW_MS) {
      const entry = ensure(spec, cap, feed, windowMs);
      if (entry.expiry !== null) clearTimeout(entry.expiry);
      entry.expiry = null;
      entry.caps.push(cap);
      // Charts sharing a series may ask for different caps: the largest is kept.
      entry.series.setCapacity(Math.max(...entry.caps));
      let released = false;
      return {
        series: entry.series,
        release() {
          if (released) return;
          released = true;
          entry.caps.splice(entry.caps.indexOf(cap), 1);
          if (entry.caps.length > 0) entry.series.setCapacity(Math.max(...entry.caps));
          else expire(entry.series.key, entry);
        },
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
  };
}
