import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DashboardDocument } from './schema';
import { SCHEMA_VERSION } from './schema';
import {
  BACKUP_PREFIX,
  createSaver,
  LAST_GOOD_KEY,
  loadDocument,
  parseDocument,
  saveDocument,
  STORAGE_KEY,
} from './storage';

/** localStorage does not exist in Node: a Map behind the two methods storage.ts uses. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: vi.fn((key: string, value: string) => void map.set(key, String(value))),
  };
}

const doc = (title = 'Home'): DashboardDocument => ({
  schemaVersion: SCHEMA_VERSION,
  dashboards: [
    {
      id: 'd1',
      title,
      slugs: [title.toLowerCase()],
      revision: 2,
      updatedAt: '2026-01-01T00:00:00.000Z',
      pages: [{ id: 'p1', title: 'Home', slugs: ['home'], groups: [] }],
    },
  ],
});
const good = JSON.stringify(doc('Good'));
const now = new Date('2026-11-25T10:00:00.000Z');
const backupKey = BACKUP_PREFIX + now.toISOString();

afterEach(() => {
  vi.useRealTimers();
});

describe('parseDocument', () => {
  it('fills defaults from the schema', () => {
    const result = parseDocument(
      JSON.stringify({
        schemaVersion: SCHEMA_VERSION,
        dashboards: [{ id: 'd', title: 'D', pages: [{ id: 'p', title: 'P' }] }],
      }),
    );
    expect(result.ok && result.document.dashboards[0]).toMatchObject({
      revision: 0,
      // A document from before slugs gets them from the titles.
      slugs: ['d'],
      pages: [{ groups: [], slugs: ['p'] }],
    });
  });

  it('says where a wrong type is', () => {
    const result = parseDocument(
      JSON.stringify({ schemaVersion: SCHEMA_VERSION, dashboards: [{ id: 'd', title: 5 }] }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/dashboards\.0\./);
  });
});

describe('loadDocument', () => {
  it('gives null and writes nothing on a first visit', () => {
    const storage = memoryStorage();
    expect(loadDocument(storage, now)).toEqual({ document: null });
    expect(storage.setItem).not.toHaveBeenCalled();
  });

  it('loads a good copy and keeps it as the last good one', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: good });
    const result = loadDocument(storage, now);
    expect(result.problem).toBeUndefined();
    expect(result.document?.dashboards[0]?.title).toBe('Good');
    expect(storage.map.get(LAST_GOOD_KEY)).toBe(good);
  });

  it.each([
    ['invalid JSON', '{"schemaVersion": 1, "dashboards": [', /not valid JSON/],
    [
      'wrong types',
      JSON.stringify({ schemaVersion: SCHEMA_VERSION, dashboards: [{ id: 7, title: 'x' }] }),
      /dashboards\.0\.id/,
    ],
    [
      'a newer schema',
      JSON.stringify({ ...doc(), schemaVersion: SCHEMA_VERSION + 1 }),
      /newer Tafel/,
    ],
    ['not an object', '[]', /expected an object/],
  ])(
    'keeps a damaged copy (%s) under a backup key and goes on from the last good one',
    (_what, damaged, reason) => {
      const storage = memoryStorage({ [STORAGE_KEY]: damaged, [LAST_GOOD_KEY]: good });
      const result = loadDocument(storage, now);
      expect(result.document?.dashboards[0]?.title).toBe('Good');
      expect(result.problem).toEqual({
        reason: expect.stringMatching(reason),
        backupKey,
        recoveredFrom: 'last good copy',
      });
      expect(storage.map.get(backupKey)).toBe(damaged);
      // The main copy is the good one again, so the next visit loads cleanly.
      expect(storage.map.get(STORAGE_KEY)).toBe(good);
      expect(loadDocument(storage, now).problem).toBeUndefined();
    },
  );

  it('keeps a damaged copy and recovers nothing when there is no last good copy', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'garbage' });
    const result = loadDocument(storage, now);
    expect(result.document).toBeNull();
    expect(result.problem).toMatchObject({ backupKey, recoveredFrom: 'nothing' });
    expect(storage.map.get(backupKey)).toBe('garbage');
    // The damaged copy itself is not deleted either.
    expect(storage.map.get(STORAGE_KEY)).toBe('garbage');
  });

  it('recovers nothing when the last good copy is damaged too', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'garbage', [LAST_GOOD_KEY]: '{' });
    const result = loadDocument(storage, now);
    expect(result.document).toBeNull();
    expect(result.problem?.recoveredFrom).toBe('nothing');
  });
});

describe('saveDocument', () => {
  it('writes JSON that loads again', () => {
    const storage = memoryStorage();
    saveDocument(storage, doc('Saved'));
    expect(loadDocument(storage, now).document).toEqual(doc('Saved'));
  });
});

describe('createSaver', () => {
  it('saves once, delayMs after the first of several changes', () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    let current = doc('v1');
    const saver = createSaver(storage, () => current, 300);
    saver.changed();
    vi.advanceTimersByTime(100);
    current = doc('v2');
    saver.changed();
    vi.advanceTimersByTime(199);
    expect(storage.setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(storage.setItem).toHaveBeenCalledTimes(1);
    // What is saved is the document at save time, not at the first change.
    expect(JSON.parse(storage.map.get(STORAGE_KEY)!).dashboards[0].title).toBe('v2');
    vi.advanceTimersByTime(1000);
    expect(storage.setItem).toHaveBeenCalledTimes(1);

    saver.changed();
    vi.advanceTimersByTime(300);
    expect(storage.setItem).toHaveBeenCalledTimes(2);
  });

  it('flush saves a pending change at once, and only once', () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const saver = createSaver(storage, () => doc('now'), 300);
    saver.flush();
    expect(storage.setItem).not.toHaveBeenCalled(); // nothing pending
    saver.changed();
    saver.flush();
    expect(storage.setItem).toHaveBeenCalledTimes(1);
    expect(storage.map.has(STORAGE_KEY)).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(storage.setItem).toHaveBeenCalledTimes(1);
  });

  it('reports a failed save and keeps working', () => {
    vi.useFakeTimers();
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const storage = {
      getItem: () => null,
      setItem: vi.fn(() => {
        throw quota;
      }),
    };
    const onError = vi.fn();
    const saver = createSaver(storage, () => doc(), 300, onError);
    saver.changed();
    expect(() => vi.advanceTimersByTime(300)).not.toThrow();
    expect(onError).toHaveBeenCalledWith(quota);
    expect((onError.mock.calls[0]![0] as Error).name).toBe('QuotaExceededError');

    // A later change tries again.
    saver.changed();
    expect(() => saver.flush()).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(2);
  });
});
