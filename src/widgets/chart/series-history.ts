import type { HistoryPoint } from '@/mqtt/ingest';
import { readNumber, type DecodedPayload } from '@/mqtt/payload';
import { isWildcard, topicMatches } from '@/mqtt/topic-filter';
import { useLiveStore, type LiveEntry, type LiveState } from '@/stores/live-store';
import type { LiveHistory } from '@/widgets/kit/live-history';
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

interface LineState extends SeriesLine {
  /** The live entry last read for this topic: a different object means new messages. */
  lastEntry: LiveEntry | undefined;
  /** The newest history point already taken, found again by identity. */
  lastPoint: HistoryPoint | undefined;
}

/** Where a series reads live values; the app's store by default. */
export interface LiveSource {
  getState(): LiveState;
  subscribe(listener: (state: LiveState, previous: LiveState) => void): () => void;
}

const NO_HISTORY: LiveHistory = { history: () => [] };

/**
 * The numeric history of one configured series, in memory: one bounded line per concrete
 * topic (a wildcard filter splits into several), points older than the largest window
 * pruned. It reads the live path's history for every message, so a flood that the live
 * store coalesces into one entry per frame still gives every point.
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

  private readonly lineMap = new Map<string, LineState>();
  private readonly refused = new Set<string>();
  private lastFilterEntry: LiveEntry | undefined;
  private cap: number;

  constructor(
    readonly spec: SeriesSpec,
    cap: number,
    private history: LiveHistory = NO_HISTORY,
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

  setHistory(history: LiveHistory): void {
    this.history = history;
  }

  setCapacity(cap: number): void {
    if (cap === this.cap) return;
    this.cap = cap;
    for (const l of this.lineMap.values()) l.points.setCapacity(cap);
    this.revision++;
  }

  /**
   * Take what the live path has for this series: every topic already in the store that
   * matches (at creation), then, on each store update, each of its topics whose entry is a
   * new object. Returns true when anything changed.
   */
  collect(entries: LiveState['entries'], scanAll = false): boolean {
    const before = this.revision;
    if (this.wildcard) {
      if (scanAll) {
        for (const topic of Object.keys(entries)) {
          if (topic !== this.spec.topic && topicMatches(this.spec.topic, topic)) this.line(topic);
        }
      }
      const latest = entries[this.spec.topic];
      if (latest && latest !== this.lastFilterEntry) {
        this.lastFilterEntry = latest;
        const line = this.line(latest.topic);
        // The store keeps concrete topics too; read the filter's entry only if it does not.
        if (line && entries[latest.topic] === undefined && latest !== line.lastEntry) {
          line.lastEntry = latest;
          this.pull(line, latest);
        }
      }
    }
    for (const line of this.lineMap.values()) {
      const entry = entries[line.topic];
      if (entry !== undefined && entry !== line.lastEntry) {
        line.lastEntry = entry;
        this.pull(line, entry);
      }
    }
    return this.revision !== before;
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
   * Merge a stored record under what is in memory: stored points older than a line's first
   * point in memory go before it (memory came from the live history, which is complete for
   * its own span).
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

  private line(topic: string): LineState | undefined {
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
    const line: LineState = {
      topic,
      points: new PointRing(this.cap),
      lastEntry: undefined,
      lastPoint: undefined,
    };
    this.lineMap.set(topic, line);
    this.revision++;
    return line;
  }

  /** New messages on a line's topic: from the live history when it has them, else the entry. */
  private pull(line: LineState, entry: LiveEntry) {
    const hist = this.history.history(line.topic);
    if (hist.length === 0) {
      this.add(line, entry.receivedAt, entry.payload);
      return;
    }
    let start: number;
    if (line.lastPoint) {
      // Found by identity from the end: usually only a few points are new.
      let i = hist.length - 1;
      while (i >= 0 && hist[i] !== line.lastPoint) i--;
      // Not found: it was pushed out of the live history, so everything there is new.
      start = i + 1;
    } else {
      const after = line.points.lastTime;
      start = 0;
      while (start < hist.length && hist[start]!.t <= after) start++;
    }
    for (let i = start; i < hist.length; i++) this.add(line, hist[i]!.t, hist[i]!.payload);
    line.lastPoint = hist[hist.length - 1];
  }

  private add(line: LineState, t: number, payload: DecodedPayload) {
    const reading = readNumber(payload, this.spec.valuePath);
    if (reading.ok && Number.isFinite(reading.value)) {
      line.points.push(t, reading.value);
      // Cheap when nothing is old: it looks at the oldest point only.
      line.points.pruneBefore(this.now() - MAX_WINDOW_MS);
      this.dirty = true;
    } else {
      this.skipped++;
    }
    this.revision++;
  }
}

/** A chart's hold on a shared series; `release` when the chart goes away. */
export interface SeriesHandle {
  readonly series: SeriesHistory;
  release(): void;
}

export interface HistoryHubOptions {
  /** Where series are persisted; null = memory only. */
  store: KeyValueStore | null;
  live?: LiveSource;
  now?: () => number;
  /** Shortest time between two saves of the same data; larger histories save less often. */
  saveIntervalMs?: number;
  /** How long a series stays in memory after its last chart went (a remount keeps it). */
  keepAliveMs?: number;
}

/**
 * Shares series between the charts that show them (two charts on one topic collect, hold and
 * store it once), subscribes to the live store while any series is held, and saves changed
 * series at most every few seconds and when the page is hidden or left.
 */
export interface HistoryHub {
  /**
   * The series for `spec`, made if new; safe to call while rendering (idempotent). A series
   * nobody acquires is dropped after the keep-alive time.
   */
  get(spec: SeriesSpec, cap: number, history: LiveHistory): SeriesHistory;
  /** Hold the series for `spec` until `release`; the largest cap of its holders applies. */
  acquire(spec: SeriesSpec, cap: number, history: LiveHistory): SeriesHandle;
  /** Calls `listener` after any held series changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Save every changed series now. */
  flush(): Promise<void>;
}

interface Held {
  series: SeriesHistory;
  caps: number[];
  expiry: ReturnType<typeof setTimeout> | null;
}

/** Save cadence: 2 s for small histories, up to 30 s for millions of points. */
export function saveDelay(points: number, base = 2000): number {
  return Math.min(30_000, Math.max(base, points / 25));
}

export function createHistoryHub(options: HistoryHubOptions): HistoryHub {
  const { store } = options;
  const live = options.live ?? useLiveStore;
  const now = options.now ?? Date.now;
  const base = options.saveIntervalMs ?? 2000;
  const keepAlive = options.keepAliveMs ?? 5000;
  const held = new Map<string, Held>();
  const listeners = new Set<() => void>();
  let unsubscribeLive: (() => void) | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let pageListeners = false;

  const notify = () => {
    for (const l of listeners) l();
  };

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

  let keyCount = 0;

  function onLive(state: LiveState, previous: LiveState) {
    if (state.entries === previous.entries) return;
    // A wildcard's entry is only the frame's last match; a topic first seen in the same frame
    // as another would wait for a frame of its own. New keys mean new topics: look then.
    let scan = false;
    if ([...held.values()].some((h) => h.series.wildcard)) {
      const n = Object.keys(state.entries).length;
      scan = n > keyCount;
      keyCount = n;
    }
    let changed = false;
    for (const h of held.values()) if (h.series.collect(state.entries, scan)) changed = true;
    if (changed) {
      scheduleSave();
      notify();
    }
  }

  // Browsers may kill a hidden page without another event: save when it is hidden or left.
  const onHide = () => void flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void flush();
  };

  function start() {
    if (unsubscribeLive) return;
    unsubscribeLive = live.subscribe(onLive);
    if (!pageListeners && typeof window !== 'undefined') {
      pageListeners = true;
      window.addEventListener('pagehide', onHide);
      document.addEventListener('visibilitychange', onVisibility);
    }
  }

  function stopIfIdle() {
    if (held.size > 0 || !unsubscribeLive) return;
    unsubscribeLive();
    unsubscribeLive = null;
    if (pageListeners) {
      pageListeners = false;
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    }
  }

  function load(series: SeriesHistory) {
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

  function expire(key: string, entry: Held) {
    entry.expiry = setTimeout(() => {
      if (held.get(key) !== entry || entry.caps.length > 0) return;
      held.delete(key);
      void save(entry.series);
      stopIfIdle();
    }, keepAlive);
  }

  /** The held series for `spec`, made (and read from the live path and storage) if new. */
  function ensure(spec: SeriesSpec, cap: number, history: LiveHistory): Held {
    start();
    const key = seriesKey(spec.topic, spec.valuePath);
    const existing = held.get(key);
    if (existing) {
      existing.series.setHistory(history);
      return existing;
    }
    const series = new SeriesHistory(spec, cap, history, now);
    const entry: Held = { series, caps: [], expiry: null };
    held.set(key, entry);
    series.collect(live.getState().entries, true);
    load(series);
    // Nobody holds it yet: it goes unless acquired soon (a render that is never committed).
    expire(key, entry);
    return entry;
  }

  return {
    get: (spec, cap, history) => ensure(spec, cap, history).series,
    acquire(spec, cap, history) {
      const entry = ensure(spec, cap, history);
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
