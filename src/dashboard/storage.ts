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
  /** Where the damaged copy was kept. */
  backupKey: string;
  /** What Tafel continued from. */
  recoveredFrom: 'last good copy' | 'nothing';
}

export interface LoadResult {
  /** null: nothing stored (first visit) or nothing recoverable. */
  document: DashboardDocument | null;
  problem?: LoadProblem;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Parse, migrate and validate a stored document; a reason in words when it cannot be used. */
export function parseDocument(
  text: string,
): { ok: true; document: DashboardDocument } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${(e as Error).message})` };
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
 */
export function loadDocument(storage: StorageLike, now = new Date()): LoadResult {
  const text = storage.getItem(STORAGE_KEY);
  if (text === null) return { document: null };
  const result = parseDocument(text);
  if (result.ok) {
    storage.setItem(LAST_GOOD_KEY, text);
    return { document: result.document };
  }
  const backupKey = BACKUP_PREFIX + now.toISOString();
  storage.setItem(backupKey, text);
  const lastGood = storage.getItem(LAST_GOOD_KEY);
  const fallback = lastGood === null ? null : parseDocument(lastGood);
  if (fallback?.ok) {
    storage.setItem(STORAGE_KEY, lastGood!);
    return {
      document: fallback.document,
      problem: { reason: result.reason, backupKey, recoveredFrom: 'last good copy' },
    };
  }
  return {
    document: null,
    problem: { reason: result.reason, backupKey, recoveredFrom: 'nothing' },
  };
}

export function saveDocument(storage: StorageLike, document: DashboardDocument): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(document));
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
    }
  };
  return {
    changed() {
      if (timer === null) timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}
