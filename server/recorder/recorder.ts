/**
 * The recorder: hears messages (from the embedded broker, or as a client of the user's
 * broker: source.ts), keeps the ones on recorded topics in memory for at most a second, and
 * writes them to the history database in one transaction. It answers the HTTP API's
 * questions (api.ts) from the database plus what is not written yet, prunes old data in
 * small steps off the hot path, and never lets a failing disk reach the broker: a write that
 * fails is retried later, with the pending rows bounded.
 */
import { createLTTB } from 'downsample/methods/LTTB.js';
import { decode, numberAt } from './decode.ts';
import {
  DashboardTopics,
  isWildcard,
  topicMatches,
  type RecordedFilter,
} from './dashboard-topics.ts';
import {
  DAY,
  HOUR,
  HistoryDb,
  MINUTE,
  bucketTime,
  dbErrorCode,
  describeDbError,
  type DbErrorCode,
  type Columns,
  type LastRow,
  type Resolution,
  type TextRow,
} from './database.ts';

export interface Retention {
  /** Raw samples and text payloads are kept this long. */
  readonly rawDays: number;
  /** 1-minute rollups are kept this long; hourly ones forever. */
  readonly minuteDays: number;
  /** Past this the oldest data is pruned first (raw, then text, then rollups). */
  readonly maxBytes: number;
}

export const DEFAULT_RETENTION: Retention = {
  rawDays: 10,
  minuteDays: 90,
  maxBytes: 1024 * 1024 * 1024,
};

/** A last payload larger than this is not kept (a camera still is no dashboard value). */
export const MAX_LAST_BYTES = 64 * 1024;
/** Text and JSON payloads larger than this are not kept in the history. */
export const MAX_TEXT_BYTES = 16 * 1024;
/** Topics whose last value is kept; past this new topics are not (a topic flood). */
export const MAX_TOPICS = 50_000;
/** Rows held while the database cannot be written; past this the oldest are dropped. */
export const MAX_PENDING_ROWS = 500_000;
/** Lines one wildcard series answers with (the chart draws at most this many too). */
export const MAX_LINES = 12;
/** A failed write is tried again after this long. */
const RETRY_MS = 30_000;

export interface RecorderOptions {
  /** `<DATA_DIR>/history.db`, or ':memory:' (tests). */
  readonly file: string;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly retention?: Partial<Retention>;
  /** The dashboards' sync prefix (the app's default: tafel/dashboards/). */
  readonly syncPrefix?: string;
  /** RECORD_TOPICS: filters recorded besides the dashboards' own. */
  readonly extraTopics?: readonly string[];
  /** Run the flush and prune timers (off in tests, which call them). Default true. */
  readonly timers?: boolean;
}

export interface SourceStatus {
  /** 'embedded': in this process; 'mqtt': a client of RECORD_FROM. */
  readonly kind: 'embedded' | 'mqtt';
  /** The broker's URL without credentials; null for the embedded one. */
  readonly url: string | null;
  readonly connected: boolean;
  readonly error: string | null;
}

export interface LastValue {
  /** The filter asked for. */
  readonly filter: string;
  readonly topic: string;
  readonly time: number;
  readonly retained: boolean;
  readonly payload: Buffer;
}

export interface HistorySeries {
  readonly topic: string;
  readonly path: string;
  readonly resolution: Resolution;
  readonly t: number[];
  readonly v: number[];
  readonly min?: number[];
  readonly max?: number[];
}

interface PendingNum {
  readonly topic: string;
  readonly path: string;
  readonly t: number;
  readonly v: number;
}

type Listener = () => void;

export class Recorder {
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  readonly retention: Retention;
  readonly dashboards: DashboardTopics;
  private exact = new Map<string, ReadonlySet<string>>();
  private wildcards: RecordedFilter[] = [];
  private readonly listeners = new Set<Listener>();

  private pendingNum: PendingNum[] = [];
  private pendingText: TextRow[] = [];
  private readonly pendingLast = new Map<string, LastRow>();
  private readonly lastValues = new Map<string, LastRow>();
  /** The last time written per series key, so two samples in one ms keep their order. */
  private readonly lastTime = new Map<string, number>();
  private readonly lastText = new Map<string, Buffer>();

  private db: HistoryDb | null = null;
  private error: string | null = null;
  private errorCode: DbErrorCode | null = null;
  private retryAt = 0;
  private lastWrite: number | null = null;
  private lastWriteMs = 0;
  private written = 0;
  private dropped = 0;
  private received = 0;
  private cursor = { table: 0, at: 0 };
  private countsCache: { at: number; value: ReturnType<HistoryDb['counts']> } | null = null;
  private timers: NodeJS.Timeout[] = [];
  private source: () => SourceStatus = () => ({
    kind: 'embedded',
    url: null,
    connected: true,
    error: null,
  });

  constructor(readonly options: RecorderOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.dashboards = new DashboardTopics(
      options.syncPrefix ?? 'tafel/dashboards/',
      options.extraTopics ?? [],
    );
    this.rebuild();
    this.open();
    if (options.timers !== false) {
      this.timers.push(setInterval(() => this.flush(), 1000).unref());
      this.timers.push(setInterval(() => this.pruneStep(), 5000).unref());
    }
  }

  private open(): void {
    try {
      this.db = new HistoryDb(this.options.file);
      for (const row of this.db.lastRows()) this.lastValues.set(row.topic, row);
      if (this.error) this.log(`Recorder: the history database is usable again.`);
      this.error = null;
      this.errorCode = null;
    } catch (error) {
      this.db = null;
      this.fail(error, 'open');
    }
  }

  private fail(error: unknown, doing: 'open' | 'write' | 'prune'): void {
    const reason = describeDbError(error);
    if (this.error !== reason) {
      const what =
        doing === 'open' ? `cannot open ${this.options.file}` : `cannot write ${this.options.file}`;
      this.log(
        `Recorder: ${what}: ${reason}. Recording is stopped; the broker and the app keep ` +
          `running. Trying again every ${RETRY_MS / 1000} s.`,
      );
    }
    this.error = reason;
    this.errorCode = dbErrorCode(error);
    this.retryAt = this.now() + RETRY_MS;
  }

  /** Who feeds the recorder, for the status (set by the source). */
  setSource(status: () => SourceStatus): void {
    this.source = status;
  }

  /** The filters recorded now (dashboards' widgets and RECORD_TOPICS). */
  filters(): readonly RecordedFilter[] {
    return this.dashboards.filters();
  }

  /** Called when the recorded filters change (a client source re-subscribes). */
  onFiltersChanged(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private rebuild(): void {
    const exact = new Map<string, ReadonlySet<string>>();
    const wildcards: RecordedFilter[] = [];
    for (const f of this.dashboards.filters()) {
      if (isWildcard(f.filter)) wildcards.push(f);
      else exact.set(f.filter, f.paths);
    }
    this.exact = exact;
    this.wildcards = wildcards;
  }

  /**
   * One message. `replay`: a retained message the broker sent because the recorder just
   * subscribed (a client source): it is no new sample, only a last value where none is known.
   */
  take(topic: string, payload: Buffer, retained: boolean, replay = false): void {
    if (topic.startsWith(this.dashboards.prefix)) {
      if (this.dashboards.take(topic, payload)) {
        this.rebuild();
        for (const l of this.listeners) l();
      }
      return;
    }
    let paths = this.exact.get(topic);
    if (this.wildcards.length > 0) {
      let merged: Set<string> | null = null;
      for (const w of this.wildcards) {
        if (!topicMatches(w.filter, topic)) continue;
        merged ??= new Set(paths ?? []);
        for (const p of w.paths) merged.add(p);
      }
      if (merged) paths = merged;
    }
    if (!paths) return;
    const t = this.now();
    if (replay) {
      if (!this.lastValues.has(topic) && payload.length <= MAX_LAST_BYTES) {
        this.remember({ topic, t, retained: true, payload });
      }
      return;
    }
    this.received++;
    if (payload.length <= MAX_LAST_BYTES) this.remember({ topic, t, retained, payload });
    if (payload.length === 0) return; // a retained message cleared: no sample
    const decoded = decode(payload);
    let numeric = false;
    for (const path of paths) {
      const v = numberAt(decoded, path);
      if (v === null) continue;
      if (path === '') numeric = true;
      const key = `${topic}\u0000${path}`;
      const previous = this.lastTime.get(key) ?? -Infinity;
      const time = t > previous ? t : previous + 1;
      this.lastTime.set(key, time);
      this.pendingNum.push({ topic, path, t: time, v });
    }
    // Text and JSON: kept when they change (a state, an event), not every repeat of them.
    if (!numeric && decoded.text !== null && payload.length <= MAX_TEXT_BYTES) {
      const before = this.lastText.get(topic);
      if (!before || !before.equals(payload)) {
        if (before || this.lastText.size < MAX_TOPICS) this.lastText.set(topic, payload);
        this.pendingText.push({ topic, t, payload });
      }
    }
    this.bound();
  }

  private remember(row: LastRow): void {
    if (!this.lastValues.has(row.topic) && this.lastValues.size >= MAX_TOPICS) return;
    this.lastValues.set(row.topic, row);
    this.pendingLast.set(row.topic, row);
  }

  private bound(): void {
    const over = this.pendingNum.length + this.pendingText.length - MAX_PENDING_ROWS;
    if (over <= 0) return;
    // Only while the disk refuses: the oldest go, and the status says how many.
    const fromNum = Math.min(over, this.pendingNum.length);
    this.pendingNum.splice(0, fromNum);
    this.pendingText.splice(0, over - fromNum);
    this.dropped += over;
  }

  /** Write what is pending, in one transaction. Called every second. */
  flush(): void {
    if (this.pendingNum.length + this.pendingText.length + this.pendingLast.size === 0) return;
    if (!this.db) {
      if (this.now() < this.retryAt) return;
      this.open();
      if (!this.db) return;
    } else if (this.error && this.now() < this.retryAt) {
      return;
    }
    const db = this.db;
    const num = this.pendingNum;
    const text = this.pendingText;
    const last = [...this.pendingLast.values()];
    const started = performance.now();
    try {
      db.transaction(() => {
        db.write({
          num: num.map((r) => ({ series: db.seriesId(r.topic, r.path), t: r.t, v: r.v })),
          text,
          last,
        });
      });
    } catch (error) {
      this.fail(error, 'write');
      return;
    }
    this.lastWriteMs = performance.now() - started;
    if (this.error) this.log('Recorder: writing history again.');
    this.error = null;
    this.errorCode = null;
    this.pendingNum = this.pendingNum === num ? [] : this.pendingNum.slice(num.length);
    this.pendingText = this.pendingText === text ? [] : this.pendingText.slice(text.length);
    for (const r of last) if (this.pendingLast.get(r.topic) === r) this.pendingLast.delete(r.topic);
    this.written += num.length + text.length;
    this.lastWrite = this.now();
  }

  /**
   * One small step of pruning (called every 5 s): data past its retention, and the oldest
   * data while the database is larger than its cap. Bounded, so it never holds the broker.
   */
  pruneStep(): void {
    const db = this.db;
    if (!db) return;
    const now = this.now();
    const r = this.retention;
    try {
      const cutoffs: Record<'num' | 'txt' | 'num_1m' | 'num_1h', number> = {
        num: now - r.rawDays * DAY,
        txt: now - r.rawDays * DAY,
        num_1m: now - r.minuteDays * DAY,
        num_1h: -Infinity,
      };
      if (db.usedBytes() > r.maxBytes) {
        // Over the cap: the oldest hour of the first table that has data goes, raw first.
        for (const table of ['num', 'txt', 'num_1m', 'num_1h'] as const) {
          const oldest = db.oldest(table);
          if (oldest === null) continue;
          cutoffs[table] = Math.max(cutoffs[table], Math.min(now, oldest + HOUR));
          break;
        }
      }
      const tables = ['num', 'txt', 'num_1m', 'num_1h'] as const;
      let deleted = 0;
      // Round robin over the tables, a slice of series at a time; the cursor says where the
      // last step stopped (its `at` counts series of that one table).
      for (let i = 0; i < tables.length && deleted === 0; i++) {
        const index = this.cursor.table;
        const table = tables[index]!;
        const next = { table: (index + 1) % tables.length, at: 0 };
        if (cutoffs[table] === -Infinity) {
          this.cursor = next;
          continue;
        }
        const step = db.pruneStep(table, cutoffs[table], this.cursor.at);
        deleted += step.deleted;
        this.cursor = step.cursor === 0 ? next : { table: index, at: step.cursor };
        if (step.cursor !== 0) break; // more series of this table: the next step goes on
      }
      if (deleted > 0) db.vacuumStep();
    } catch (error) {
      this.fail(error, 'prune');
    }
  }

  /** The last value of each filter's topic (for a wildcard: its newest matching topic). */
  last(filters: readonly string[]): LastValue[] {
    const out: LastValue[] = [];
    for (const filter of filters) {
      let found: LastRow | undefined;
      if (isWildcard(filter)) {
        for (const row of this.lastValues.values()) {
          if ((!found || row.t > found.t) && topicMatches(filter, row.topic)) found = row;
        }
      } else {
        found = this.lastValues.get(filter);
      }
      if (found) {
        out.push({
          filter,
          topic: found.topic,
          time: found.t,
          retained: found.retained,
          payload: found.payload,
        });
      }
    }
    return out;
  }

  /**
   * A topic's (or a filter's lines') numbers in [from, to], at most `points` per line: raw
   * where the span is short enough, else the 1-minute or hourly rollup (also where the finer
   * data is past its retention), reduced by LTTB.
   */
  history(filter: string, path: string, from: number, to: number, points: number): HistorySeries[] {
    const db = this.db;
    const now = this.now();
    const span = Math.max(1, to - from);
    const bucket = span / points;
    let resolution: Resolution = bucket >= HOUR ? '1h' : bucket >= MINUTE ? '1m' : 'raw';
    if (resolution === 'raw' && from < now - this.retention.rawDays * DAY) resolution = '1m';
    if (resolution === '1m' && from < now - this.retention.minuteDays * DAY) resolution = '1h';

    const wildcard = isWildcard(filter);
    const topics = new Set<string>();
    for (const s of db?.series() ?? []) {
      if (s.path === path && (wildcard ? topicMatches(filter, s.topic) : s.topic === filter)) {
        topics.add(s.topic);
      }
    }
    for (const r of this.pendingNum) {
      if (r.path === path && (wildcard ? topicMatches(filter, r.topic) : r.topic === filter)) {
        topics.add(r.topic);
      }
    }
    const out: HistorySeries[] = [];
    for (const topic of [...topics].sort().slice(0, MAX_LINES)) {
      const id = db?.findSeries(topic, path);
      let columns: Columns | null = null;
      if (db && id !== undefined) {
        try {
          columns = db.query(id, from, to, resolution, points) ?? db.query(id, from, to, '1m');
        } catch (error) {
          this.fail(error, 'prune');
        }
      }
      out.push(
        reduce(
          topic,
          path,
          withPending(columns, resolution, this.pendingNum, topic, path, from, to),
          points,
        ),
      );
    }
    return out;
  }

  /** Text payloads of a topic in [from, to] (newest `limit`), for the CSV. */
  texts(topic: string, from: number, to: number, limit: number): Array<[number, Buffer]> {
    const rows = this.db?.texts(topic, from, to, limit) ?? [];
    for (const r of this.pendingText) {
      if (r.topic === topic && r.t >= from && r.t <= to && rows.length < limit)
        rows.push([r.t, r.payload]);
    }
    return rows;
  }

  status() {
    const db = this.db;
    let counts = this.countsCache?.value ?? null;
    let usedBytes: number | null = null;
    let fileBytes: number | null = null;
    if (db) {
      try {
        // count(*) walks the tables: at most every 10 s.
        if (!this.countsCache || this.now() - this.countsCache.at > 10_000) {
          this.countsCache = { at: this.now(), value: db.counts() };
        }
        counts = this.countsCache.value;
        usedBytes = db.usedBytes();
        fileBytes = db.fileBytes();
      } catch (error) {
        this.fail(error, 'prune');
      }
    }
    const filters = this.filters();
    return {
      recording: db !== null && this.error === null,
      file: this.options.file,
      source: this.source(),
      dashboards: this.dashboards.dashboards,
      filters: filters.length,
      topicsSample: filters.slice(0, 50).map((f) => f.filter),
      topicsWithLastValue: this.lastValues.size,
      rows: counts,
      databaseBytes: usedBytes,
      fileBytes,
      maxBytes: this.retention.maxBytes,
      retention: { rawDays: this.retention.rawDays, minuteDays: this.retention.minuteDays },
      received: this.received,
      written: this.written,
      pending: this.pendingNum.length + this.pendingText.length,
      dropped: this.dropped,
      lastWrite: this.lastWrite,
      lastWriteMs: Math.round(this.lastWriteMs * 10) / 10,
      error: this.error,
      /** What kind of failure `error` is, for the app to say in German or English. */
      errorCode: this.errorCode,
    };
  }

  /** A copy of the database to `file` (SQLite's online backup), while recording goes on. */
  async backup(file: string): Promise<void> {
    if (!this.db) throw new Error(this.error ?? 'the history database is not open');
    this.flush();
    await this.db.backup(file);
  }

  /** Writes what is pending and closes the database. */
  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.retryAt = 0;
    this.error = null;
    this.flush();
    this.db?.close();
    this.db = null;
  }
}

/**
 * A query's answer with the samples not written yet: after the last raw point, or, for a
 * rollup, merged into their buckets (the newest written bucket may hold the same minute).
 */
function withPending(
  columns: Columns | null,
  resolution: Resolution,
  pending: readonly PendingNum[],
  topic: string,
  path: string,
  from: number,
  to: number,
): Columns {
  // The database may have answered with a rollup where raw was asked (too many rows).
  const res = columns?.resolution ?? resolution;
  const mine = pending.filter(
    (r) => r.topic === topic && r.path === path && r.t >= from && r.t <= to,
  );
  const n0 = columns?.t.length ?? 0;
  if (res === 'raw') {
    const after = n0 > 0 ? columns!.t[n0 - 1]! : -Infinity;
    const extra = mine.filter((r) => r.t > after);
    if (extra.length === 0 && columns) return columns;
    const t = new Float64Array(n0 + extra.length);
    const v = new Float64Array(t.length);
    if (columns) {
      t.set(columns.t);
      v.set(columns.v);
    }
    extra.forEach((r, i) => {
      t[n0 + i] = r.t;
      v[n0 + i] = r.v;
    });
    return { resolution: res, t, v };
  }
  if (mine.length === 0 && columns) return columns;
  const size = res === '1m' ? MINUTE : HOUR;
  const buckets = new Map<number, { sum: number; count: number; min: number; max: number }>();
  for (const r of mine) {
    const start = r.t - (r.t % size);
    const b = buckets.get(start);
    if (!b) buckets.set(start, { sum: r.v, count: 1, min: r.v, max: r.v });
    else {
      b.sum += r.v;
      b.count++;
      if (r.v < b.min) b.min = r.v;
      if (r.v > b.max) b.max = r.v;
    }
  }
  const n = n0 + buckets.size;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const min = new Float64Array(n);
  const max = new Float64Array(n);
  const count = new Float64Array(n);
  if (columns) {
    t.set(columns.t);
    v.set(columns.v);
    min.set(columns.min ?? columns.v);
    max.set(columns.max ?? columns.v);
    if (columns.count) count.set(columns.count);
    else count.fill(1, 0, n0);
  }
  let earliest = Infinity;
  for (const start of buckets.keys()) if (start < earliest) earliest = start;
  // Pending samples are the newest: only the last written buckets can be theirs.
  for (let i = n0 - 1; i >= 0; i--) {
    const start = t[i]! - (t[i]! % size);
    if (start < earliest) break;
    const b = buckets.get(start);
    if (!b) continue;
    const c = count[i]!;
    v[i] = (v[i]! * c + b.sum) / (c + b.count);
    min[i] = Math.min(min[i]!, b.min);
    max[i] = Math.max(max[i]!, b.max);
    count[i] = c + b.count;
    buckets.delete(start);
  }
  let k = n0;
  for (const [start, b] of [...buckets].sort(([a], [c]) => a - c)) {
    t[k] = bucketTime(start, size, to);
    v[k] = b.sum / b.count;
    min[k] = b.min;
    max[k] = b.max;
    count[k] = b.count;
    k++;
  }
  const out = {
    resolution: res,
    t: t.subarray(0, k),
    v: v.subarray(0, k),
    min: min.subarray(0, k),
    max: max.subarray(0, k),
    count: count.subarray(0, k),
  };
  // A bucket older than the newest written one (the clock went back): put it in its place.
  if (k > n0 && n0 > 0 && out.t[n0]! < out.t[n0 - 1]!) {
    const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => out.t[a]! - out.t[b]!);
    const pick = (a: Float64Array) => Float64Array.from(order, (i) => a[i]!);
    return {
      resolution: res,
      t: pick(out.t),
      v: pick(out.v),
      min: pick(out.min),
      max: pick(out.max),
      count: pick(out.count),
    };
  }
  return out;
}

/** At most `points` points per line, by LTTB (the chart's own method). */
function reduce(topic: string, path: string, c: Columns, points: number): HistorySeries {
  const n = c.t.length;
  let indexes: number[];
  if (n <= points) {
    indexes = Array.from({ length: n }, (_, i) => i);
  } else if (points <= 2) {
    indexes = [0, n - 1];
  } else {
    const lttb = createLTTB<number>({ x: (i: number) => c.t[i]!, y: (i: number) => c.v[i]! });
    indexes = Array.from(
      lttb(
        Array.from({ length: n }, (_, i) => i),
        points,
      ),
    );
    // downsample's buckets can leave out the last point (float rounding in their sizes, or
    // two points asked for): the newest value is the one a chart must not lose.
    indexes[indexes.length - 1] = n - 1;
  }
  const pick = (a: Float64Array) => Array.from(indexes, (i) => a[i]!);
  return {
    topic,
    path,
    resolution: c.resolution,
    t: pick(c.t),
    v: pick(c.v),
    ...(c.min ? { min: pick(c.min), max: pick(c.max!) } : {}),
  };
}
