import { createStore, del, get, set, update } from 'idb-keyval';

/**
 * The little a chart needs from storage, so tests can use a Map and the browser IndexedDB.
 * Values must survive a structured clone (typed arrays do).
 */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Read-modify-write in one step (one IndexedDB transaction), so tabs do not interleave. */
  update(key: string, fn: (old: unknown) => unknown): Promise<void>;
}

/** A Map-backed store that clones like IndexedDB does; for tests and browsers without it. */
export function createMemoryStore(): KeyValueStore & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
    update: async (key, fn) => void data.set(key, structuredClone(fn(data.get(key)))),
  };
}

/**
 * The chart's IndexedDB database (`tafel-chart`, object store `series`), through idb-keyval.
 * Its own database, so clearing it never touches anything else.
 */
export function createIdbStore(): KeyValueStore {
  const store = createStore('tafel-chart', 'series');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    update: (key, fn) => update(key, fn, store),
  };
}

/** IndexedDB where the browser has it; otherwise nothing is stored (memory only). */
export function defaultStore(): KeyValueStore | null {
  return typeof indexedDB === 'undefined' ? null : createIdbStore();
}

/** One stored line: a concrete topic and its points in time order. */
export interface StoredLine {
  readonly topic: string;
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/** What is stored per series (topic or filter, plus value path). */
export interface StoredSeries {
  readonly version: 1;
  readonly savedAt: number;
  readonly lines: readonly StoredLine[];
}

/** The storage key of a series: its topic or filter and its value path. */
export function seriesKey(topic: string, valuePath: string): string {
  return `series:${JSON.stringify([topic, valuePath.trim()])}`;
}

/** Key of the list of stored series and when each was written: what bounds the database. */
export const INDEX_KEY = 'index';

/** Series kept in storage at most; the least recently written go first. */
export const MAX_STORED_SERIES = 64;

function toNumbers(a: unknown): Float64Array | null {
  if (a instanceof Float64Array) return a;
  if (Array.isArray(a) && a.every((x) => typeof x === 'number')) return Float64Array.from(a);
  return null;
}

/**
 * A stored record as read back, or null when it is missing or not ours: storage can hold
 * anything (an older version, a hand edit, a half write), and a bad record must cost only
 * the history, never the chart.
 */
export function readStoredSeries(raw: unknown): StoredSeries | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1 || typeof r.savedAt !== 'number' || !Array.isArray(r.lines)) return null;
  const lines: StoredLine[] = [];
  for (const l of r.lines as unknown[]) {
    if (l === null || typeof l !== 'object') continue;
    const line = l as Record<string, unknown>;
    const t = toNumbers(line.t);
    const v = toNumbers(line.v);
    if (typeof line.topic !== 'string' || !t || !v || t.length !== v.length) continue;
    lines.push({ topic: line.topic, t, v });
  }
  return { version: 1, savedAt: r.savedAt, lines };
}

/**
 * Note that `key` was written at `now`, and drop what is beyond the bounds: entries older
 * than `maxAgeMs` (all their points would be pruned anyway) and, beyond `maxEntries`, the
 * least recently written. Returns the keys to delete.
 */
export async function touchIndex(
  store: KeyValueStore,
  key: string,
  now: number,
  maxAgeMs: number,
  maxEntries = MAX_STORED_SERIES,
): Promise<string[]> {
  let evicted: string[] = [];
  await store.update(INDEX_KEY, (old) => {
    const index: Record<string, number> = {};
    if (old !== null && typeof old === 'object') {
      for (const [k, at] of Object.entries(old as Record<string, unknown>)) {
        if (typeof at === 'number') index[k] = at;
      }
    }
    index[key] = now;
    const byAge = Object.entries(index).sort((a, b) => b[1] - a[1]);
    const keep = byAge.filter(
      ([k, at], i) => k === key || (at >= now - maxAgeMs && i < maxEntries),
    );
    evicted = byAge.filter((e) => !keep.includes(e)).map(([k]) => k);
    return Object.fromEntries(keep);
  });
  return evicted;
}
