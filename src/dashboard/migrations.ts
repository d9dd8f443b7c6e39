import { t } from '@/i18n/i18n';
import { SCHEMA_VERSION } from './schema';

/** Brings a document from version n to n+1. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * One step per schema version: `migrations[n]` turns a version-n document into n+1. Version 1
 * is the first, so the table is empty; a change to the document's shape adds a step here and
 * bumps SCHEMA_VERSION.
 */
export const migrations: Readonly<Record<number, Migration>> = {};

export type MigrationResult =
  { ok: true; document: unknown; from: number } | { ok: false; reason: string };

/** Run every step from the document's version up to `target`. Pure: the input is not changed. */
export function migrate(
  raw: unknown,
  target: number = SCHEMA_VERSION,
  steps: Readonly<Record<number, Migration>> = migrations,
): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: t('app:storage.notDocument') };
  }
  let doc = raw as Record<string, unknown>;
  const from = doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, reason: t('app:storage.noVersion') };
  }
  if (from > target) {
    return {
      ok: false,
      reason: t('app:storage.newer', { from, target }),
    };
  }
  // Steps are written as plain object edits; a copy keeps one that mutates from reaching the
  // caller's data (the damaged-copy backup and the import preview still hold the original).
  if (from < target) doc = structuredClone(doc);
  for (let v = from; v < target; v++) {
    const step = steps[v];
    if (!step) return { ok: false, reason: t('app:storage.noMigration', { from: v, to: v + 1 }) };
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  return { ok: true, document: doc, from };
}
