/**
 * The recorder when the database cannot be used: a damaged file, another program's lock, a
 * full disk. Recording stops and says why; the broker and the app go on; it resumes by itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../server.ts';
import { makeFakeDist, rawGet, testConfig } from '../test-helpers.ts';
import { HOUR } from './database.ts';
import { MAX_PENDING_ROWS, type Recorder } from './recorder.ts';
import { T0, clock, count, makeRecorder, recorderConfig, tempDir, text } from './test-support.ts';

const dirs: string[] = [];
const open: Recorder[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

function garbage(file: string): void {
  // Not SQLite's header, and more than a page of it.
  fs.writeFileSync(file, Buffer.alloc(16_384, 'this is not a database; '));
}

const range = (r: Recorder, topic: string) =>
  r.history(topic, '', T0 - HOUR, T0 + HOUR, 1000)[0]?.v ?? [];

describe('a damaged history.db', () => {
  it('is reported in status and the log; take and flush go on without throwing', () => {
    const d = dir();
    const file = path.join(d, 'history.db');
    garbage(file);
    const t = makeRecorder(d, { extraTopics: ['a'] });
    open.push(t.recorder);
    const status = t.recorder.status();
    expect(status.recording).toBe(false);
    expect(status.error).toBe(
      'the history database is damaged (not a SQLite database, or corrupt)',
    );
    expect(status.errorCode).toBe('damaged');
    expect(status.rows).toBeNull();
    expect(t.logs).toHaveLength(1);
    expect(t.logs[0]).toContain(`cannot open ${file}`);
    expect(t.logs[0]).toContain('damaged');
    expect(t.logs[0]).toContain('the broker and the app keep running');

    expect(() => {
      t.recorder.take('a', text('1'), false);
      t.recorder.flush();
      t.recorder.pruneStep();
      t.now.advance(30_000);
      t.recorder.take('a', text('2'), true);
      t.recorder.flush(); // tries to open again: still damaged
    }).not.toThrow();
    // Still answers from memory, and the file is left as it was for the user to look at.
    expect(range(t.recorder, 'a')).toEqual([1, 2]);
    expect(t.recorder.last(['a'])[0]?.payload).toEqual(text('2'));
    expect(t.recorder.status().pending).toBe(2);
    expect(t.logs).toHaveLength(1); // said once, not every 30 s
    expect(fs.readFileSync(file).subarray(0, 8).toString()).toBe('this is ');
    expect(() => t.recorder.close()).not.toThrow();
  });

  it('keeps at most MAX_PENDING_ROWS while nothing can be written, oldest dropped', () => {
    const d = dir();
    garbage(path.join(d, 'history.db'));
    const t = makeRecorder(d, { extraTopics: ['a'] });
    open.push(t.recorder);
    const payload = text('1');
    for (let i = 0; i < MAX_PENDING_ROWS + 250; i++) t.recorder.take('a', payload, false);
    expect(t.recorder.status()).toMatchObject({ pending: MAX_PENDING_ROWS, dropped: 250 });
    // The newest are kept: the first point answered is the 251st sample.
    const [line] = t.recorder.history('a', '', T0, T0 + HOUR, 10_000);
    expect(line!.t[0]).toBe(T0 + 250);
  });

  it('recording starts once the file is usable again', () => {
    const d = dir();
    const file = path.join(d, 'history.db');
    garbage(file);
    const t = makeRecorder(d, { extraTopics: ['a'] });
    open.push(t.recorder);
    t.recorder.take('a', text('1'), false);
    fs.rmSync(file); // the user moved the damaged file away
    t.recorder.flush();
    expect(t.recorder.status().recording).toBe(false); // not before the retry is due
    t.now.advance(30_000);
    t.recorder.flush();
    expect(t.recorder.status()).toMatchObject({ recording: true, error: null, pending: 0 });
    expect(count(file, 'num')).toBe(1);
    expect(t.logs.at(-1)).toContain('usable again');
  });

  it('does not keep the server from starting and brokering', async () => {
    const { root, dist } = await makeFakeDist();
    dirs.push(root);
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    garbage(path.join(dataDir, 'history.db'));
    const logs: string[] = [];
    const server = await startServer(
      testConfig({ distDir: dist, dataDir, recorder: recorderConfig({ topics: ['probe/#'] }) }),
      { log: (line) => logs.push(line) },
    );
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
    try {
      await client.subscribeAsync('probe/#');
      const received = new Promise<string>((resolve) =>
        client.once('message', (_topic, payload) => resolve(payload.toString())),
      );
      await client.publishAsync('probe/temp', '21.5');
      expect(await received).toBe('21.5');

      const status = JSON.parse((await rawGet(server.httpPort, '/api/recorder')).body.toString());
      expect(status).toMatchObject({ recording: false, error: expect.stringContaining('damaged') });
      const health = JSON.parse((await rawGet(server.httpPort, '/healthz')).body.toString());
      expect(health).toMatchObject({ status: 'ok', broker: true, recorder: { recording: false } });
      expect(logs.some((l) => l.includes('damaged'))).toBe(true);
      // The last value is still answered, from memory.
      const last = JSON.parse(
        (await rawGet(server.httpPort, '/api/last?topic=probe/temp')).body.toString(),
      );
      expect(last.values).toMatchObject([{ topic: 'probe/temp', payload: '21.5' }]);
    } finally {
      await client.endAsync(true);
      await server.close();
    }
  });
});

describe('a history.db locked by another program', () => {
  /** Another connection holding the write lock, as a long-running sqlite3 shell would. */
  function lock(file: string) {
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    return () => {
      other.exec('COMMIT');
      other.close();
    };
  }

  it('at start: says so, without holding the server for long, and starts when released', () => {
    const d = dir();
    const file = path.join(d, 'history.db');
    new Database(file).close(); // an empty database, not in WAL mode yet: opening needs the lock
    const release = lock(file);
    const started = performance.now();
    const t = makeRecorder(d, { extraTopics: ['a'] });
    open.push(t.recorder);
    // better-sqlite3 waits synchronously: the whole server stands still while it waits.
    expect(performance.now() - started).toBeLessThan(2500);
    expect(t.recorder.status()).toMatchObject({
      recording: false,
      error: 'the history database is locked by another program',
      errorCode: 'locked',
    });
    t.recorder.take('a', text('1'), false);
    release();
    t.now.advance(30_000);
    t.recorder.flush();
    expect(t.recorder.status()).toMatchObject({
      recording: true,
      pending: 0,
      error: null,
      errorCode: null,
    });
    expect(count(file, 'num')).toBe(1);
  });

  it('while recording: the write fails, the rows are kept, and written after the lock goes', () => {
    const d = dir();
    const t = makeRecorder(d, { extraTopics: ['a', 'b'] });
    open.push(t.recorder);
    t.recorder.take('a', text('1'), false);
    t.recorder.flush();
    const release = lock(t.file);
    t.now.advance(1000);
    t.recorder.take('a', text('2'), false);
    t.recorder.take('b', text('3'), false); // a new series, in the write that fails
    const started = performance.now();
    t.recorder.flush();
    expect(performance.now() - started).toBeLessThan(2500);
    expect(t.recorder.status()).toMatchObject({
      recording: false,
      error: 'the history database is locked by another program',
      errorCode: 'locked',
      pending: 2,
    });
    expect(t.logs.at(-1)).toContain('cannot write');
    expect(range(t.recorder, 'a')).toEqual([1, 2]);
    release();
    t.now.advance(29_000);
    t.recorder.flush();
    expect(t.recorder.status().pending).toBe(2); // the retry is 30 s after the failure
    t.now.advance(1000);
    t.recorder.flush();
    expect(t.recorder.status()).toMatchObject({ recording: true, error: null, pending: 0 });
    expect(t.logs.at(-1)).toBe('Recorder: writing history again.');
    t.recorder.close();
    const again = t.reopen();
    open.push(again);
    expect(range(again, 'a')).toEqual([1, 2]);
    expect(range(again, 'b')).toEqual([3]);
  });
});

/** A small file system of its own, to fill up; root only (CI and this machine are). */
function mountTmpfs(): { dir: string; unmount(): void } | { reason: string } {
  const d = tempDir('tafel-full-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', d], { stdio: 'pipe' });
  } catch (error) {
    fs.rmSync(d, { recursive: true, force: true });
    return { reason: `cannot mount a tmpfs (${String((error as Error).message).split('\n')[0]})` };
  }
  return {
    dir: d,
    unmount: () => {
      execFileSync('umount', [d]);
      fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

const tmpfs = mountTmpfs();
const mounted = 'dir' in tmpfs ? tmpfs : null;
afterAll(() => mounted?.unmount());

/** Writes a file until the disk refuses; returns its path. */
function fillDisk(d: string): string {
  const filler = path.join(d, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

describe('a full disk', () => {
  // Skipped only where mount is not allowed (not root); the reason is in the test's name.
  it.skipIf(!mounted)(
    `says the disk is full, keeps the pending rows bounded, and resumes when there is room${
      mounted ? '' : ` (skipped: ${'reason' in tmpfs ? tmpfs.reason : ''})`
    }`,
    { timeout: 60_000 },
    () => {
      const d = path.join(mounted!.dir, 'data');
      const t = makeRecorder(d, { extraTopics: ['a', 'b'] }, clock());
      open.push(t.recorder);
      t.recorder.take('a', text('1'), false);
      t.recorder.flush();
      expect(t.recorder.status().recording).toBe(true);

      const filler = fillDisk(mounted!.dir);
      const total = MAX_PENDING_ROWS + 100;
      for (let i = 0; i < total; i++) {
        t.now.advance(1);
        // A new series ('b') too, made in the writes that fail.
        t.recorder.take(i % 2 ? 'a' : 'b', text(String(i)), false);
      }
      t.recorder.flush();
      expect(t.recorder.status()).toMatchObject({
        recording: false,
        error: 'the disk is full',
        errorCode: 'disk-full',
        pending: MAX_PENDING_ROWS,
        dropped: 100,
      });
      expect(t.logs.at(-1)).toContain('the disk is full');
      // Pruning and status do not throw either.
      t.recorder.pruneStep();
      expect(t.recorder.status().error).toBe('the disk is full');

      fs.rmSync(filler);
      t.now.advance(29_999);
      t.recorder.flush();
      expect(t.recorder.status().recording).toBe(false);
      t.now.advance(30_001);
      t.recorder.flush();
      expect(t.recorder.status()).toMatchObject({ recording: true, error: null, pending: 0 });
      expect(t.logs.at(-1)).toBe('Recorder: writing history again.');

      // Everything kept was written, under the right series, and is there after a restart.
      t.recorder.close();
      expect(count(t.file, 'num')).toBe(1 + MAX_PENDING_ROWS);
      const again = t.reopen();
      open.push(again);
      const lines = again.history('+', '', T0, T0 + 2 * HOUR, 2);
      expect(lines.map((l) => l.topic)).toEqual(['a', 'b']);
      expect(again.status().rows).toMatchObject({ series: 2, raw: 1 + MAX_PENDING_ROWS });
      // The last 'b' was sample total - 2 (an even one), at T0 + total - 1.
      const end = T0 + total;
      const b = again.history('b', '', end - 1000, end, 10_000)[0]!;
      expect(b.resolution).toBe('raw');
      expect([b.t.at(-1), b.v.at(-1)]).toEqual([end - 1, total - 2]);
      // The first 100 were dropped: 'a' goes on with sample 101, at T0 + 102.
      expect(again.history('a', '', T0, T0 + 1000, 10_000)[0]!.t.slice(0, 2)).toEqual([
        T0,
        T0 + 102,
      ]);
    },
  );
});
