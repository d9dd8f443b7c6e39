/**
 * For tests: a recorder on a file of its own with a clock the test moves, and a second
 * connection to look into the file the way a backup or the sqlite3 shell would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RecorderConfig } from '../config.ts';
import { Recorder, type RecorderOptions } from './recorder.ts';

/** 2026-01-01T00:00:00Z: a whole hour, so buckets are easy to reason about. */
export const T0 = Date.UTC(2026, 0, 1);

export interface Clock {
  (): number;
  set(t: number): void;
  advance(ms: number): void;
}

export function clock(start = T0): Clock {
  let now = start;
  const c = (() => now) as Clock;
  c.set = (t) => void (now = t);
  c.advance = (ms) => void (now += ms);
  return c;
}

export function tempDir(prefix = 'tafel-recorder-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestRecorder {
  readonly recorder: Recorder;
  readonly now: Clock;
  readonly file: string;
  readonly logs: string[];
  /** Opens the same file again (after close), with the same clock and options. */
  reopen(extra?: Partial<RecorderOptions>): Recorder;
}

/** A recorder with timers off, on `<dir>/history.db`; the caller closes it. */
export function makeRecorder(
  dir: string,
  options: Partial<RecorderOptions> = {},
  now: Clock = clock(),
): TestRecorder {
  const file = options.file ?? path.join(dir, 'history.db');
  const logs: string[] = [];
  const make = (extra: Partial<RecorderOptions> = {}) =>
    new Recorder({
      now,
      log: (line) => logs.push(line),
      timers: false,
      ...options,
      ...extra,
      file,
    });
  return { recorder: make(), now, file, logs, reopen: make };
}

/** A read-only look into the database file from another connection. */
export function peek<T = Record<string, unknown>>(
  file: string,
  sql: string,
  ...params: unknown[]
): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export const count = (file: string, table: string): number =>
  peek<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

/**
 * Transactions committed to the write-ahead log since its last reset: the commit frames
 * (those that carry the database size) of the current WAL generation.
 */
export function walCommits(file: string): number {
  let wal: Buffer;
  try {
    wal = fs.readFileSync(`${file}-wal`);
  } catch {
    return 0;
  }
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    // A frame from an earlier generation (the log restarted over it) ends this one.
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}

export const text = (s: string) => Buffer.from(s);

/** The recorder's part of a ServerConfig, as parseConfig makes it by default. */
export function recorderConfig(overrides: Partial<RecorderConfig> = {}): RecorderConfig {
  return {
    enabled: true,
    from: null,
    username: null,
    password: null,
    topics: [],
    syncPrefix: 'tafel/dashboards/',
    rawDays: 10,
    minuteDays: 90,
    maxBytes: 1024 * 1024 * 1024,
    ...overrides,
  };
}
