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
  describeDbError,
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
      db.db.transaction(() => {
        db.write({
          num: num.map((r) => ({ series: db.seriesId(r.topic, r.path), t: r.t, v: r.v })),
          text,
          last,
        });
      })();
    } catch (error) {
      this.fail(error, 'write');
      return;
    }
    this.lastWriteMs = performance.now() - started;
    if (this.error) this.log('Recorder: writing history again.');
    this.error = null;
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
      for (let i = 0; i < tables.length; i++) {
        const table = tables[(this.cursor.table + i) % tables.length]!;
        if (cutoffs[table] === -Infinity) continue;
        const step = db.pruneStep(table, cutoffs[table], this.cursor.at);
        deleted += step.deleted;
        this.cursor =
          step.cursor === 0
            ? { table: (this.cursor.table + 1) % tables.length, at: 0 }
            : { table: this.cursor.table, at: step.cursor };
        if (deleted > 0) break;
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
          columns = db.query(id, from, to, resolution) ?? db.query(id, from, to, '1m');
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

function withPending(
  columns: Columns | null,
  resolution: Resolution,
  pending: readonly PendingNum[],
  topic: string,
  path: string,
  from: number,
  to: number,
): Columns {
  const after = columns && columns.t.length > 0 ? columns.t[columns.t.length - 1]! : -Infinity;
  const extra = pending.filter(
    (r) => r.topic === topic && r.path === path && r.t >= from && r.t <= to && r.t > after,
  );
  if (extra.length === 0 && columns) return columns;
  const n0 = columns?.t.length ?? 0;
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
  if (!columns?.min) return { resolution, t, v };
  const min = new Float64Array(t.length);
  const max = new Float64Array(t.length);
  min.set(columns.min);
  max.set(columns.max!);
  extra.forEach((r, i) => {
    min[n0 + i] = r.v;
    max[n0 + i] = r.v;
  });
  return { resolution, t, v, min, max };
}

/** At most `points` points per line, by LTTB (the chart's own method). */
function reduce(topic: string, path: string, c: Columns, points: number): HistorySeries {
  let indexes: ArrayLike<number>;
  if (c.t.length <= points) {
    indexes = Array.from({ length: c.t.length }, (_, i) => i);
  } else {
    const lttb = createLTTB<number>({ x: (i: number) => c.t[i]!, y: (i: number) => c.v[i]! });
    indexes = lttb(
      Array.from({ length: c.t.length }, (_, i) => i),
      points,
    );
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
