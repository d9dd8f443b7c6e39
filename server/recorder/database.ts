/**
 * The history database: SQLite (better-sqlite3) in WAL mode, written in one transaction per
 * batch. Numbers go to a compact table keyed by (series, time), where a series is a topic and
 * the value path read from it; 1-minute and 1-hour rollups (min, max, sum, count, last) are
 * kept up to date in the same transaction. Text and JSON payloads have their own table, and
 * every topic's last payload its own row. Times are integer milliseconds since the epoch.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type Resolution = 'raw' | '1m' | '1h';

/** One numeric sample. */
export interface NumRow {
  readonly series: number;
  readonly t: number;
  readonly v: number;
}

export interface TextRow {
  readonly topic: string;
  readonly t: number;
  readonly payload: Buffer;
}

export interface LastRow {
  readonly topic: string;
  readonly t: number;
  readonly retained: boolean;
  readonly payload: Buffer;
}

export interface Batch {
  readonly num: readonly NumRow[];
  readonly text: readonly TextRow[];
  readonly last: readonly LastRow[];
}

/** Columns of a query's answer; min/max/count only for rollups. */
export interface Columns {
  readonly resolution: Resolution;
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly min?: Float64Array;
  readonly max?: Float64Array;
  /** Samples per bucket, to merge samples not written yet into the newest bucket. */
  readonly count?: Float64Array;
}

export interface SeriesInfo {
  readonly id: number;
  readonly topic: string;
  readonly path: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY, topic TEXT NOT NULL, path TEXT NOT NULL, UNIQUE (topic, path));
CREATE TABLE IF NOT EXISTS num (
  series INTEGER NOT NULL, t INTEGER NOT NULL, v REAL NOT NULL, PRIMARY KEY (series, t))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS num_1m (
  series INTEGER NOT NULL, t INTEGER NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
  sum REAL NOT NULL, count INTEGER NOT NULL, last REAL NOT NULL, PRIMARY KEY (series, t))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS num_1h (
  series INTEGER NOT NULL, t INTEGER NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
  sum REAL NOT NULL, count INTEGER NOT NULL, last REAL NOT NULL, PRIMARY KEY (series, t))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS txt (
  topic TEXT NOT NULL, t INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (topic, t))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS last (
  topic TEXT PRIMARY KEY, t INTEGER NOT NULL, retained INTEGER NOT NULL, payload BLOB NOT NULL)
  WITHOUT ROWID;
`;

const ROLLUPS = [
  { table: 'num_1m', size: MINUTE },
  { table: 'num_1h', size: HOUR },
] as const;

/**
 * How long a write waits for another program's lock. better-sqlite3 waits synchronously, so
 * this long the broker and the app stand still; a lock held longer is a failed write, tried
 * again 30 s later with the rows kept (5 s froze the server for 5 s every 30 s).
 */
const BUSY_TIMEOUT_MS = 200;

/** Raw rows one query reads at most; past this the 1-minute rollup answers. */
export const MAX_RAW_ROWS = 200_000;

/** Why the database cannot be used, in words for the log and /api/recorder. */
/**
 * Why the database cannot be used, for `/api/recorder`: a code the app says in the page's
 * language, and an English sentence for the log.
 */
export type DbErrorCode = 'disk-full' | 'damaged' | 'locked' | 'read-only' | 'io' | 'other';

export function dbErrorCode(error: unknown): DbErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'SQLITE_FULL':
      return 'disk-full';
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return 'damaged';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'locked';
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return 'read-only';
    default:
      return typeof code === 'string' && code.startsWith('SQLITE_IOERR') ? 'io' : 'other';
  }
}

export function describeDbError(error: unknown): string {
  switch (dbErrorCode(error)) {
    case 'disk-full':
      return 'the disk is full';
    case 'damaged':
      return 'the history database is damaged (not a SQLite database, or corrupt)';
    case 'locked':
      return 'the history database is locked by another program';
    case 'read-only':
      return 'the history database cannot be written (permissions or a read-only disk)';
    case 'io':
      return 'the disk failed to write';
    case 'other': {
      const e = error as { message?: string } | null;
      return e?.message ?? String(error);
    }
  }
}

/** Where a rollup bucket starting at `start` is drawn: its middle, or `to` if that is sooner. */
export const bucketTime = (start: number, size: number, to: number): number =>
  Math.min(start + size / 2, to);

export class HistoryDb {
  readonly db: Database.Database;
  private readonly seriesIds = new Map<string, number>();
  private madeInTransaction: string[] = [];
  private readonly statements;

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    try {
      // Before the first table: only a new database takes it. Pruned pages go back to the disk.
      this.db.pragma('auto_vacuum = INCREMENTAL');
      this.db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a power cut can lose the last second's batch, never corrupt the file.
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
      // Touch the file's first page: a file that is not SQLite fails here, not later.
      this.db.prepare('SELECT count(*) FROM series').get();
    } catch (error) {
      this.db.close();
      throw error;
    }
    const db = this.db;
    this.statements = {
      insertSeries: db.prepare('INSERT OR IGNORE INTO series (topic, path) VALUES (?, ?)'),
      seriesId: db.prepare<[string, string], { id: number }>(
        'SELECT id FROM series WHERE topic = ? AND path = ?',
      ),
      allSeries: db.prepare<[], SeriesInfo>('SELECT id, topic, path FROM series'),
      insertNum: db.prepare('INSERT OR REPLACE INTO num (series, t, v) VALUES (?, ?, ?)'),
      upsertRollup: ROLLUPS.map(({ table }) =>
        db.prepare(
          `INSERT INTO ${table} (series, t, min, max, sum, count, last) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (series, t) DO UPDATE SET min = min(min, excluded.min),
             max = max(max, excluded.max), sum = sum + excluded.sum,
             count = count + excluded.count, last = excluded.last`,
        ),
      ),
      insertText: db.prepare('INSERT OR REPLACE INTO txt (topic, t, payload) VALUES (?, ?, ?)'),
      upsertLast: db.prepare(
        `INSERT INTO last (topic, t, retained, payload) VALUES (?, ?, ?, ?)
         ON CONFLICT (topic) DO UPDATE SET t = excluded.t, retained = excluded.retained,
           payload = excluded.payload WHERE excluded.t >= last.t`,
      ),
      allLast: db.prepare<[], { topic: string; t: number; retained: number; payload: Buffer }>(
        'SELECT topic, t, retained, payload FROM last',
      ),
      raw: db
        .prepare<[number, number, number, number], [number, number]>(
          'SELECT t, v FROM num WHERE series = ? AND t >= ? AND t <= ? ORDER BY t LIMIT ?',
        )
        .raw(),
      rawCount: db
        .prepare<[number, number, number], number>(
          'SELECT count(*) FROM num WHERE series = ? AND t >= ? AND t <= ?',
        )
        .pluck(),
      // With one min() or max() in a query, SQLite gives the other columns of that very row:
      // each bucket's lowest (highest) sample with its own time.
      rawBucketMin: db
        .prepare<[number, number, number, number, number], [number, number]>(
          `SELECT t, min(v) FROM num WHERE series = ? AND t >= ? AND t <= ?
           GROUP BY CAST((t - ?) / ? AS INTEGER)`,
        )
        .raw(),
      rawBucketMax: db
        .prepare<[number, number, number, number, number], [number, number]>(
          `SELECT t, max(v) FROM num WHERE series = ? AND t >= ? AND t <= ?
           GROUP BY CAST((t - ?) / ? AS INTEGER)`,
        )
        .raw(),
      rawEnds: db
        .prepare<[number, number, number, number, number, number], [number, number]>(
          `SELECT * FROM (SELECT t, v FROM num WHERE series = ? AND t >= ? AND t <= ?
             ORDER BY t LIMIT 1)
           UNION ALL
           SELECT * FROM (SELECT t, v FROM num WHERE series = ? AND t >= ? AND t <= ?
             ORDER BY t DESC LIMIT 1)`,
        )
        .raw(),
      rollupCount: ROLLUPS.map(({ table }) =>
        db
          .prepare<[number, number, number], number>(
            `SELECT count(*) FROM ${table} WHERE series = ? AND t >= ? AND t <= ?`,
          )
          .pluck(),
      ),
      // Rollup buckets merged into wider ones: the mean over all their samples, the extremes.
      rollupMerged: ROLLUPS.map(({ table }) =>
        db
          .prepare<
            [number, number, number, number, number],
            [number, number, number, number, number, number]
          >(
            `SELECT min(t), sum(sum) / sum(count), min(min), max(max), sum(count), max(t)
             FROM ${table} WHERE series = ? AND t >= ? AND t <= ?
             GROUP BY CAST((t - ?) / ? AS INTEGER) ORDER BY 1`,
          )
          .raw(),
      ),
      rollup: ROLLUPS.map(({ table }) =>
        db
          .prepare<[number, number, number], [number, number, number, number, number]>(
            `SELECT t, sum / count, min, max, count FROM ${table}
             WHERE series = ? AND t >= ? AND t <= ? ORDER BY t`,
          )
          .raw(),
      ),
      text: db
        .prepare<[string, number, number, number], [number, Buffer]>(
          'SELECT t, payload FROM txt WHERE topic = ? AND t >= ? AND t <= ? ORDER BY t LIMIT ?',
        )
        .raw(),
      pruneSeries: (['num', 'num_1m', 'num_1h'] as const).map((table) =>
        db.prepare<{ s: number; cutoff: number; n: number }>(
          `DELETE FROM ${table} WHERE series = :s AND t < min(:cutoff, coalesce(
             (SELECT t FROM ${table} WHERE series = :s ORDER BY t LIMIT 1 OFFSET :n), :cutoff))`,
        ),
      ),
      oldest: (['num', 'num_1m', 'num_1h'] as const).map((table) =>
        db.prepare<[], { t: number | null }>(
          `SELECT min(m) AS t FROM (SELECT min(t) AS m FROM ${table} GROUP BY series)`,
        ),
      ),
      textTopics: db.prepare<[], { topic: string }>('SELECT DISTINCT topic FROM txt'),
      pruneText: db.prepare<{ topic: string; cutoff: number; n: number }>(
        `DELETE FROM txt WHERE topic = :topic AND t < min(:cutoff, coalesce(
           (SELECT t FROM txt WHERE topic = :topic ORDER BY t LIMIT 1 OFFSET :n), :cutoff))`,
      ),
      oldestText: db.prepare<[], { t: number | null }>(
        'SELECT min(m) AS t FROM (SELECT min(t) AS m FROM txt GROUP BY topic)',
      ),
      count: (['num', 'num_1m', 'num_1h', 'txt', 'series', 'last'] as const).map((table) =>
        db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`),
      ),
    };
    for (const s of this.statements.allSeries.all()) {
      this.seriesIds.set(`${s.topic}\u0000${s.path}`, s.id);
    }
    this.writeBatch = db.transaction((batch: Batch) => this.writeInTransaction(batch));
  }

  /** The id of a series, made when new (inside the caller's transaction, if any). */
  seriesId(topic: string, valuePath: string): number {
    const key = `${topic}\u0000${valuePath}`;
    const known = this.seriesIds.get(key);
    if (known !== undefined) return known;
    this.statements.insertSeries.run(topic, valuePath);
    const id = this.statements.seriesId.get(topic, valuePath)!.id;
    this.seriesIds.set(key, id);
    if (this.db.inTransaction) this.madeInTransaction.push(key);
    return id;
  }

  /**
   * Runs `fn` in one transaction. When it fails (a full disk), the series it made are
   * forgotten with it: their rows were rolled back, and a remembered id would be written
   * later without its series row (lost at the next start, and given to another series).
   */
  transaction<T>(fn: () => T): T {
    this.madeInTransaction = [];
    try {
      return this.db.transaction(fn)();
    } catch (error) {
      for (const key of this.madeInTransaction) this.seriesIds.delete(key);
      throw error;
    } finally {
      this.madeInTransaction = [];
    }
  }

  /** Id of an existing series, or undefined. */
  findSeries(topic: string, valuePath: string): number | undefined {
    return this.seriesIds.get(`${topic}\u0000${valuePath}`);
  }

  /** Every series (topic and value path) the database has. */
  series(): SeriesInfo[] {
    return [...this.seriesIds].map(([key, id]) => {
      const [topic, valuePath] = key.split('\u0000') as [string, string];
      return { id, topic, path: valuePath };
    });
  }

  /** Writes a batch in one transaction; throws what SQLite throws (full disk …). */
  readonly write: (batch: Batch) => void = (batch) => this.writeBatch(batch);
  private readonly writeBatch: (batch: Batch) => void;

  private writeInTransaction(batch: Batch): void {
    const s = this.statements;
    for (const r of batch.num) s.insertNum.run(r.series, r.t, r.v);
    for (let i = 0; i < ROLLUPS.length; i++) {
      const size = ROLLUPS[i]!.size;
      // Aggregated here first: one upsert per series and bucket, not one per sample.
      const buckets = new Map<string, [number, number, number, number, number, number, number]>();
      for (const r of batch.num) {
        const bucket = r.t - (r.t % size);
        const key = `${r.series}:${bucket}`;
        const b = buckets.get(key);
        if (!b) buckets.set(key, [r.series, bucket, r.v, r.v, r.v, 1, r.v]);
        else {
          if (r.v < b[2]) b[2] = r.v;
          if (r.v > b[3]) b[3] = r.v;
          b[4] += r.v;
          b[5]++;
          b[6] = r.v;
        }
      }
      const upsert = s.upsertRollup[i]!;
      for (const b of buckets.values()) upsert.run(...b);
    }
    for (const r of batch.text) s.insertText.run(r.topic, r.t, r.payload);
    for (const r of batch.last) s.upsertLast.run(r.topic, r.t, r.retained ? 1 : 0, r.payload);
  }

  /** Every topic's last payload, for the recorder's memory at start. */
  lastRows(): LastRow[] {
    return this.statements.allLast
      .all()
      .map((r) => ({ topic: r.topic, t: r.t, retained: r.retained === 1, payload: r.payload }));
  }

  /**
   * A series' points in [from, to] at the given resolution (rollups: the mean per bucket).
   * Raw samples many times more than `points` come reduced by SQLite itself: reading 86,400
   * rows into JavaScript took 140 ms, where the lowest and highest sample of each of
   * points / 2 buckets (spikes stay), and the oldest and newest, take a third of that.
   */
  query(
    series: number,
    from: number,
    to: number,
    resolution: Resolution,
    points?: number,
  ): Columns | null {
    if (resolution === 'raw' && points !== undefined && points >= 4) {
      const s = this.statements;
      const n = s.rawCount.get(series, from, to) ?? 0;
      if (n > 2 * points) {
        const buckets = Math.floor((points - 2) / 2);
        const size = Math.max(1, Math.ceil((to - from + 1) / buckets));
        const byTime = new Map<number, number>();
        for (const [t, v] of s.rawBucketMin.all(series, from, to, from, size)) byTime.set(t, v);
        for (const [t, v] of s.rawBucketMax.all(series, from, to, from, size)) byTime.set(t, v);
        for (const [t, v] of s.rawEnds.all(series, from, to, series, from, to)) byTime.set(t, v);
        const times = [...byTime.keys()].sort((a, b) => a - b);
        const t = Float64Array.from(times);
        const v = Float64Array.from(times, (x) => byTime.get(x)!);
        return { resolution, t, v };
      }
    }
    if (resolution === 'raw') {
      const rows = this.statements.raw.all(series, from, to, MAX_RAW_ROWS + 1);
      if (rows.length > MAX_RAW_ROWS) return null; // too many: the caller asks a rollup
      const t = new Float64Array(rows.length);
      const v = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        t[i] = rows[i]![0];
        v[i] = rows[i]![1];
      }
      return { resolution, t, v };
    }
    const size = resolution === '1m' ? MINUTE : HOUR;
    const which = resolution === '1m' ? 0 : 1;
    // A bucket that began before `from` still holds points inside the range.
    const start = from - (from % size);
    if (points !== undefined && points >= 2) {
      const n = this.statements.rollupCount[which]!.get(series, start, to) ?? 0;
      if (n > 2 * points) {
        // Many more buckets than points (a year of hours): merged in SQLite, not read into
        // JavaScript one by one (8,760 rows took 18 ms there).
        // A bucket starting at `to` itself makes one more; reduce() then takes it to `points`.
        const wide = Math.max(1, Math.ceil((to - start) / points / size)) * size;
        const rows = this.statements.rollupMerged[which]!.all(series, start, to, start, wide);
        const m = rows.length;
        const t = new Float64Array(m);
        const v = new Float64Array(m);
        const min = new Float64Array(m);
        const max = new Float64Array(m);
        const count = new Float64Array(m);
        for (let i = 0; i < m; i++) {
          const r = rows[i]!;
          // Drawn in the middle of the buckets it merged.
          t[i] = Math.min((r[0] + r[5] + size) / 2, to);
          v[i] = r[1];
          min[i] = r[2];
          max[i] = r[3];
          count[i] = r[4];
        }
        return { resolution, t, v, min, max, count };
      }
    }
    const rows = this.statements.rollup[which]!.all(series, start, to);
    const n = rows.length;
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    const min = new Float64Array(n);
    const max = new Float64Array(n);
    const count = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      // A bucket is drawn at its middle: the mean of a minute is not the minute's start.
      t[i] = bucketTime(r[0], size, to);
      v[i] = r[1];
      min[i] = r[2];
      max[i] = r[3];
      count[i] = r[4];
    }
    return { resolution, t, v, min, max, count };
  }

  /** Text payloads of a topic in [from, to], at most `limit`. */
  texts(topic: string, from: number, to: number, limit: number): Array<[number, Buffer]> {
    return this.statements.text.all(topic, from, to, limit);
  }

  /**
   * One step of pruning: rows older than `cutoff` in one table, at most `n` per series for
   * the next `seriesPerStep` series from `cursor`. Returns rows deleted and the next cursor.
   */
  pruneStep(
    table: 'num' | 'num_1m' | 'num_1h' | 'txt',
    cutoff: number,
    cursor: number,
    n = 5000,
    seriesPerStep = 50,
  ): { deleted: number; cursor: number } {
    let deleted = 0;
    if (table === 'txt') {
      const topics = this.statements.textTopics.all();
      const end = Math.min(topics.length, cursor + seriesPerStep);
      for (let i = cursor; i < end; i++) {
        deleted += this.statements.pruneText.run({ topic: topics[i]!.topic, cutoff, n }).changes;
      }
      return { deleted, cursor: end >= topics.length ? 0 : end };
    }
    const ids = [...this.seriesIds.values()];
    const statement = this.statements.pruneSeries[['num', 'num_1m', 'num_1h'].indexOf(table)]!;
    const end = Math.min(ids.length, cursor + seriesPerStep);
    for (let i = cursor; i < end; i++) {
      deleted += statement.run({ s: ids[i]!, cutoff, n }).changes;
    }
    return { deleted, cursor: end >= ids.length ? 0 : end };
  }

  /** The oldest time in a table, or null when it is empty. */
  oldest(table: 'num' | 'num_1m' | 'num_1h' | 'txt'): number | null {
    if (table === 'txt') return this.statements.oldestText.get()?.t ?? null;
    return this.statements.oldest[['num', 'num_1m', 'num_1h'].indexOf(table)]!.get()?.t ?? null;
  }

  /** Bytes the data takes (pages in use; free pages are given back by `vacuumStep`). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /** Size of the database file and its write-ahead log on disk. */
  fileBytes(): number {
    if (this.file === ':memory:') return this.usedBytes();
    let total = 0;
    for (const f of [this.file, `${this.file}-wal`]) {
      try {
        total += fs.statSync(f).size;
      } catch {
        // no WAL yet
      }
    }
    return total;
  }

  /** Give up to `pages` free pages back to the file system. */
  vacuumStep(pages = 2000): void {
    this.db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
  }

  counts(): {
    raw: number;
    minute: number;
    hour: number;
    text: number;
    series: number;
    topics: number;
  } {
    const [raw, minute, hour, text, series, topics] = this.statements.count.map(
      (s) => s.get()!.n,
    ) as [number, number, number, number, number, number];
    return { raw, minute, hour, text, series, topics };
  }

  /** A consistent copy to `file`, while the server keeps writing (SQLite's online backup). */
  backup(file: string): Promise<unknown> {
    return this.db.backup(file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
