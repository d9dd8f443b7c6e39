import { t } from '@/i18n/i18n';
import { firstIssue } from '@/components/zod-issues';
import { migrate } from './migrations';
import { dashboardDocumentSchema, type DashboardDocument } from './schema';

export const STORAGE_KEY = 'tafel.dashboards';
/** The last document that loaded cleanly: the fallback when the main copy is damaged. */
export const LAST_GOOD_KEY = 'tafel.dashboards.last-good';
/** Damaged copies are kept under this prefix plus a timestamp, never deleted by Tafel. */
export const BACKUP_PREFIX = 'tafel.dashboards.damaged.';

export interface LoadProblem {
  /** What was wrong, for people. */
  reason: string;
  /** Where the damaged copy was kept; null when the storage had no room for it. */
  backupKey: string | null;
  /** The damaged copy itself, to offer as a download. */
  text: string;
  /** What Tafel continued from. */
  recoveredFrom: 'last good copy' | 'nothing';
}

export interface LoadResult {
  /** null: nothing stored (first visit) or nothing recoverable. */
  document: DashboardDocument | null;
  problem?: LoadProblem;
  /**
   * The storage refused a read or a write while loading (full, or not allowed): the first such
   * error. Loading went on without it: it never depends on a write.
   */
  storageError?: Error;
  /**
   * false: saving could destroy what is stored (it could not be read, or a damaged copy could
   * not be set aside), so nothing may be saved during this visit.
   */
  saveAllowed: boolean;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'> &
  Partial<Pick<Storage, 'removeItem'>>;

/** An Error, keeping the name of a DOMException-like object that is not one (old engines). */
function asError(e: unknown): Error {
  if (e instanceof Error) return e;
  const like = (typeof e === 'object' && e !== null ? e : {}) as {
    name?: unknown;
    message?: unknown;
  };
  const error = new Error(typeof like.message === 'string' ? like.message : String(e));
  if (typeof like.name === 'string') error.name = like.name;
  return error;
}

/** A write that may fail: the error, or null. setItem either stores all or throws, keeping the old value. */
function tryWrite(storage: StorageLike, key: string, value: string): Error | null {
  try {
    storage.setItem(key, value);
    return null;
  } catch (e) {
    return asError(e);
  }
}

function tryRead(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** Whether a storage error says "full" (browsers name and number it differently). */
export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  return (
    e.name === 'QuotaExceededError' ||
    e.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    code === 22 ||
    code === 1014
  );
}

/** Why the storage refused, for people: "its storage is full", "… does not allow …". */
export function describeStorageError(e: Error): string {
  if (isQuotaError(e)) return t('app:storage.full');
  if (e.name === 'SecurityError') return t('app:storage.blocked');
  return t('app:storage.refused', { why: e.message || e.name });
}

/** "340 kB", "2.3 MB": a document's size, for messages. */
export function formatSize(chars: number): string {
  return chars < 1_000_000
    ? `${Math.max(1, Math.round(chars / 1000))} kB`
    : `${Math.round(chars / 100_000) / 10} MB`;
}

/** Parse, migrate and validate a stored document; a reason in words when it cannot be used. */
export function parseDocument(
  text: string,
): { ok: true; document: DashboardDocument } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: t('app:storage.notJson', { why: (e as Error).message }) };
  }
  const migrated = migrate(raw);
  if (!migrated.ok) return migrated;
  const parsed = dashboardDocumentSchema.safeParse(migrated.document);
  if (!parsed.success) {
    return { ok: false, reason: firstIssue(parsed.error) };
  }
  return { ok: true, document: parsed.data };
}

/**
 * Load the saved dashboards. A damaged copy is never thrown away: it is kept under a backup
 * key, the user is told, and Tafel continues from the last copy that loaded cleanly.
 *
 * Never throws, and never depends on a write: a full or refused storage still gives what could
 * be read (see {@link LoadResult.storageError} and {@link LoadResult.saveAllowed}).
 */
export function loadDocument(storage: StorageLike, now = new Date()): LoadResult {
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch (e) {
    // Something may be stored that cannot be read now: never save over it.
    return { document: null, storageError: asError(e), saveAllowed: false };
  }
  if (text === null) return { document: null, saveAllowed: true };
  const result = parseDocument(text);
  if (result.ok) {
    // The fallback for a damaged copy later. Written only when it changed, so a full storage
    // costs nothing here; when it cannot be written, the older good copy stays.
    const failed =
      tryRead(storage, LAST_GOOD_KEY) === text ? null : tryWrite(storage, LAST_GOOD_KEY, text);
    return {
      document: result.document,
      saveAllowed: true,
      ...(failed ? { storageError: failed } : {}),
    };
  }
  const backupKey = BACKUP_PREFIX + now.toISOString();
  const backupFailed = tryWrite(storage, backupKey, text);
  const lastGood = tryRead(storage, LAST_GOOD_KEY);
  const fallback = lastGood === null ? null : parseDocument(lastGood);
  let storageError = backupFailed;
  // Once the damaged copy is kept aside, the main copy may be the good one again. Without room
  // for the backup, the damaged copy stays where it is, and nothing is saved over it.
  if (fallback?.ok && !backupFailed) storageError = tryWrite(storage, STORAGE_KEY, lastGood!);
  return {
    document: fallback?.ok ? fallback.document : null,
    problem: {
      reason: result.reason,
      backupKey: backupFailed ? null : backupKey,
      text,
      recoveredFrom: fallback?.ok ? 'last good copy' : 'nothing',
    },
    ...(storageError ? { storageError } : {}),
    saveAllowed: !backupFailed,
  };
}

/** Why a save failed: a clear message; the copy saved before is still there. */
export class SaveError extends Error {
  constructor(
    /** The size of the document that was refused, in characters. */
    readonly size: number,
    readonly cause: Error,
  ) {
    super(
      isQuotaError(cause)
        ? t('app:storage.tooBig', { size: formatSize(size) })
        : t('app:storage.notSaved', { why: describeStorageError(cause) }),
    );
    this.name = 'SaveError';
  }
}

/**
 * Store the document as the main copy. Throws a {@link SaveError} when the browser refuses;
 * the main copy is then the one saved before (a write stores all of it or nothing).
 */
export function saveDocument(storage: StorageLike, document: DashboardDocument): void {
  const text = JSON.stringify(document);
  try {
    storage.setItem(STORAGE_KEY, text);
  } catch (e) {
    throw new SaveError(text.length, asError(e));
  }
}

const PROBE_KEY = 'tafel.storage-check';

/**
 * Whether the storage takes a small write now: null when it does, else why not. A full
 * storage refuses it, so Tafel can say at startup that it cannot save, not at the first edit.
 */
export function checkWritable(storage: StorageLike): Error | null {
  const failed = tryWrite(storage, PROBE_KEY, `${Date.now()}`.padEnd(64, '.'));
  try {
    storage.removeItem?.(PROBE_KEY);
  } catch {
    // the probe stays: 64 characters
  }
  return failed;
}

/**
 * The browser's localStorage, or, where merely touching it throws (a SecurityError in some
 * privacy modes, or with site data blocked), a stand-in in memory for this visit, with why.
 */
export function openBrowserStorage(): { storage: StorageLike; refused: Error | null } {
  try {
    const storage = window.localStorage;
    if (storage) return { storage, refused: null };
    throw new Error('this browser has no localStorage');
  } catch (e) {
    const map = new Map<string, string>();
    return {
      storage: {
        getItem: (key) => map.get(key) ?? null,
        setItem: (key, value) => void map.set(key, String(value)),
        removeItem: (key) => void map.delete(key),
      },
      refused: asError(e),
    };
  }
}

/**
 * Save `get()` at most `delayMs` after each change (debounced), and at once when the page
 * is being hidden or closed. Returns `changed` to call on every change, and `flush`.
 */
export function createSaver(
  storage: StorageLike,
  get: () => DashboardDocument,
  delayMs = 300,
  onError: (e: Error) => void = () => {},
  onSaved: () => void = () => {},
): { changed(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    try {
      saveDocument(storage, get());
    } catch (e) {
      onError(e as Error); // quota exceeded, private mode: say so, keep working in memory
      return;
    }
    onSaved();
  };
  return {
    changed() {
      if (timer === null) timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}
