import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DashboardDocument } from './schema';
import { SCHEMA_VERSION } from './schema';
import {
  BACKUP_PREFIX,
  checkWritable,
  createSaver,
  describeStorageError,
  isQuotaError,
  LAST_GOOD_KEY,
  loadDocument,
  openBrowserStorage,
  parseDocument,
  SaveError,
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

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * A storage that holds at most `limit` characters (keys and values), like a browser's: a write
 * that does not fit throws QuotaExceededError and changes nothing.
 */
function limitedStorage(limit: number, initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  const size = (k: string, v: string | undefined) => (v === undefined ? 0 : k.length + v.length);
  const used = () => [...map].reduce((n, [k, v]) => n + size(k, v), 0);
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: vi.fn((key: string, value: string) => {
      if (used() - size(key, map.get(key)) + size(key, value) > limit) throw quotaError();
      map.set(key, value);
    }),
    removeItem: (key: string) => void map.delete(key),
  };
}

/** A storage already full: every write that adds anything throws. */
const fullStorage = (initial: Record<string, string>) =>
  limitedStorage(
    Object.entries(initial).reduce((n, [k, v]) => n + k.length + v.length, 0),
    initial,
  );

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

  it('reads slugs leniently: a bad list is made anew, never a reason to refuse the document', () => {
    const result = parseDocument(
      JSON.stringify({
        schemaVersion: SCHEMA_VERSION,
        dashboards: [
          {
            id: 'd',
            title: 'Haus',
            slugs: 5,
            pages: [{ id: 'p', title: 'Stube', slugs: ['Not a slug', 'stube', 'wohnzimmer'] }],
          },
        ],
      }),
    );
    expect(result.ok && result.document.dashboards[0]).toMatchObject({
      slugs: ['haus'],
      pages: [{ slugs: ['stube', 'wohnzimmer'] }],
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
    expect(loadDocument(storage, now)).toEqual({ document: null, saveAllowed: true });
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
        text: damaged,
        recoveredFrom: 'last good copy',
      });
      expect(result.saveAllowed).toBe(true);
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

describe('loadDocument with a full or refused storage (#17)', () => {
  it('loads a good copy when the last good copy cannot be written, and says so', () => {
    const storage = fullStorage({ [STORAGE_KEY]: good });
    let result: ReturnType<typeof loadDocument> | undefined;
    expect(() => (result = loadDocument(storage, now))).not.toThrow();
    expect(result!.document?.dashboards[0]?.title).toBe('Good');
    expect(result!.saveAllowed).toBe(true);
    expect(isQuotaError(result!.storageError)).toBe(true);
    expect(storage.map.get(STORAGE_KEY)).toBe(good);
  });

  it('writes nothing when the last good copy is the same already', () => {
    const storage = fullStorage({ [STORAGE_KEY]: good, [LAST_GOOD_KEY]: good });
    const result = loadDocument(storage, now);
    expect(result).toMatchObject({
      saveAllowed: true,
      document: { dashboards: [{ title: 'Good' }] },
    });
    expect(result.storageError).toBeUndefined();
    expect(storage.setItem).not.toHaveBeenCalled();
  });

  it('keeps a damaged copy where it is when there is no room to set it aside, and saves nothing over it', () => {
    const storage = fullStorage({ [STORAGE_KEY]: 'garbage', [LAST_GOOD_KEY]: good });
    const result = loadDocument(storage, now);
    expect(result.document?.dashboards[0]?.title).toBe('Good');
    expect(result.problem).toMatchObject({
      backupKey: null,
      text: 'garbage',
      recoveredFrom: 'last good copy',
    });
    expect(result.saveAllowed).toBe(false);
    expect(storage.map.get(STORAGE_KEY)).toBe('garbage');
  });

  it('starts with nothing, and allows no saving, when reading throws (SecurityError)', () => {
    const refused = new DOMException('Access is denied for this document.', 'SecurityError');
    const storage = {
      getItem: () => {
        throw refused;
      },
      setItem: vi.fn(),
    };
    const result = loadDocument(storage, now);
    expect(result).toEqual({ document: null, storageError: refused, saveAllowed: false });
    expect(storage.setItem).not.toHaveBeenCalled();
    expect(describeStorageError(refused)).toMatch(/does not let this site use its storage/);
  });
});

describe('checkWritable', () => {
  it('is null where a small write works, and leaves nothing behind', () => {
    const storage = limitedStorage(10_000, { [STORAGE_KEY]: good });
    expect(checkWritable(storage)).toBeNull();
    expect([...storage.map.keys()]).toEqual([STORAGE_KEY]);
  });

  it('gives the quota error where the storage is full', () => {
    const error = checkWritable(fullStorage({ [STORAGE_KEY]: good }));
    expect(isQuotaError(error)).toBe(true);
    expect(describeStorageError(error!)).toBe('its storage for this site is full');
  });
});

describe('openBrowserStorage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives a stand-in in memory, and why, where touching localStorage throws', () => {
    const refused = new DOMException('Access is denied for this document.', 'SecurityError');
    vi.stubGlobal('window', {
      get localStorage() {
        throw refused;
      },
    });
    const { storage, refused: why } = openBrowserStorage();
    expect(why).toBe(refused);
    storage.setItem('k', 'v');
    expect(storage.getItem('k')).toBe('v');
  });

  it('gives localStorage where it can be had', () => {
    const localStorage = { getItem: () => null, setItem: () => {} };
    vi.stubGlobal('window', { localStorage });
    expect(openBrowserStorage()).toEqual({ storage: localStorage, refused: null });
  });
});

describe('isQuotaError', () => {
  it('knows the names and codes browsers use for a full storage', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(
      isQuotaError(Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' })),
    ).toBe(true);
    expect(isQuotaError(Object.assign(new Error('full'), { code: 22 }))).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('saveDocument', () => {
  it('writes JSON that loads again', () => {
    const storage = memoryStorage();
    saveDocument(storage, doc('Saved'));
    expect(loadDocument(storage, now).document).toEqual(doc('Saved'));
  });
});

describe('saveDocument when the document does not fit (#17)', () => {
  it('refuses with a clear message and keeps the copy saved before, and the last good one', () => {
    const storage = limitedStorage(good.length * 2 + 200, {
      [STORAGE_KEY]: good,
      [LAST_GOOD_KEY]: good,
    });
    const big = doc('x'.repeat(150));
    big.dashboards[0]!.pages[0]!.groups = Array.from({ length: 50 }, (_, i) => ({
      id: `g${i}`,
      title: 'A group with a long title to make the document large',
      width: 6,
      showTitle: true,
      widgets: [],
    }));
    let thrown: unknown;
    try {
      saveDocument(storage, big);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SaveError);
    expect((thrown as SaveError).message).toMatch(
      /^the dashboards \(\d+ kB\) do not fit in this browser’s storage$/,
    );
    expect(isQuotaError((thrown as SaveError).cause)).toBe(true);
    expect(storage.map.get(STORAGE_KEY)).toBe(good);
    expect(storage.map.get(LAST_GOOD_KEY)).toBe(good);
    // And what is kept still loads.
    expect(loadDocument(storage, now).document?.dashboards[0]?.title).toBe('Good');
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
    const onSaved = vi.fn();
    const saver = createSaver(storage, () => doc(), 300, onError, onSaved);
    saver.changed();
    expect(() => vi.advanceTimersByTime(300)).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.any(SaveError));
    expect((onError.mock.calls[0]![0] as SaveError).cause).toBe(quota);
    expect(onSaved).not.toHaveBeenCalled();

    // A later change tries again.
    saver.changed();
    expect(() => saver.flush()).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('tells when a save worked, so a "cannot save" notice can go', () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const onSaved = vi.fn();
    const saver = createSaver(
      storage,
      () => doc(),
      300,
      () => {},
      onSaved,
    );
    saver.changed();
    vi.advanceTimersByTime(300);
    expect(onSaved).toHaveBeenCalledTimes(1);
  });
});
