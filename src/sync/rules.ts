import { t } from '@/i18n/i18n';
import { z } from 'zod';
import { firstIssue } from '@/components/zod-issues';
import { migrate } from '@/dashboard/migrations';
import { dashboardSchema, SCHEMA_VERSION, type Dashboard } from '@/dashboard/schema';

/**
 * The broker sync's rules, as pure functions: what a dashboard message on the broker means,
 * and what a browser does about it. No MQTT, no store, no clock: the engine
 * (src/app/broker-sync.ts) gathers the facts and carries out the decision. Every browser runs
 * the same rules, so two browsers looking at the same two copies reach the same outcome.
 */

/** The `format` of a dashboard message, so a stray message under the prefix is not mistaken for one. */
export const SYNC_FORMAT = 'tafel-dashboard';

/** What sits on the broker at `<prefix><id>/deleted` after a dashboard was deleted. */
export interface Tombstone {
  /** The deleted dashboard's revision: copies at or below it are the deleted one or older. */
  readonly revision: number;
  readonly deletedAt: string;
}

/** What a message at `<prefix><id>` says about the broker's copy. */
export type BrokerCopy =
  | { readonly kind: 'dashboard'; readonly dashboard: Dashboard }
  /** Empty payload: the retained copy was cleared. */
  | { readonly kind: 'empty' }
  /** Something that is not a valid dashboard: never applied. */
  | { readonly kind: 'invalid'; readonly reason: string };

export type TombstoneMessage =
  | { readonly kind: 'tombstone'; readonly tombstone: Tombstone }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** A newer copy (or a deletion) from another device, kept for the person to decide. */
export type OfferContent =
  | { readonly kind: 'newer'; readonly dashboard: Dashboard }
  | { readonly kind: 'deleted'; readonly tombstone: Tombstone };

/** A deletion this browser knows of: its own, or one seen on the broker. */
export interface KnownDeletion {
  readonly tombstone: Tombstone;
  /** Seen on the broker since the last (re)connect; false = it still has to be published. */
  readonly onBroker: boolean;
}

/** Everything the rules look at for one dashboard id. */
export interface SyncSituation {
  /** This browser's copy; undefined when it has none. */
  readonly local: Dashboard | undefined;
  /** The broker's copy as last heard since the (re)connect; undefined = nothing heard. */
  readonly broker: BrokerCopy | undefined;
  readonly deletion: KnownDeletion | undefined;
  /** The retained messages have arrived: a copy not heard of by now is missing on the broker. */
  readonly settled: boolean;
  /** The local copy was changed by a person and that change is not published yet. */
  readonly localChange: boolean;
  /** The person is in edit mode on this dashboard: remote copies must not replace it. */
  readonly editing: boolean;
  /** An offer already waiting for the person's choice. */
  readonly offer: OfferContent | undefined;
}

export type SyncDecision =
  | {
      readonly action: 'none';
      /**
       * in-sync: the broker holds this copy; held: an offer waits for the person; deleted: only
       * a deletion is known; waiting: the broker's copy is not known yet; unreadable: the
       * broker's copy is invalid and nothing here changed; nothing: no copy anywhere.
       */
      readonly why: 'in-sync' | 'held' | 'deleted' | 'waiting' | 'unreadable' | 'nothing';
    }
  /** Take the broker's copy (through applyRemote, so undo brings the local one back). */
  | { readonly action: 'apply'; readonly dashboard: Dashboard }
  /** Deleted on another device: remove the local copy (through applyRemote). */
  | { readonly action: 'remove' }
  /** Keep it for the person: "a newer version was saved on another device". */
  | { readonly action: 'offer'; readonly offer: OfferContent }
  /** The broker's copy is missing or stale: publish the local one. */
  | { readonly action: 'publish' }
  /** Publish the known deletion (tombstone, then clear the copy). */
  | { readonly action: 'publish-deletion' };

// Wire format

/** The retained message for one dashboard. */
export function encodeDashboard(dashboard: Dashboard): string {
  return JSON.stringify({ format: SYNC_FORMAT, schemaVersion: SCHEMA_VERSION, dashboard });
}

export function encodeTombstone(tombstone: Tombstone): string {
  return JSON.stringify({ revision: tombstone.revision, deletedAt: tombstone.deletedAt });
}

const envelopeSchema = z.object({
  format: z.literal(SYNC_FORMAT),
  schemaVersion: z.unknown(),
  dashboard: z.unknown(),
});

const tombstoneSchema = z.object({
  revision: z.number().int().min(0),
  deletedAt: z.string(),
});

const describe = firstIssue;

/**
 * Read a message at `<prefix><expectedId>`. A copy from an older Tafel goes through the same
 * migrations as a stored document; one from a newer Tafel, or anything malformed, is invalid.
 */
export function parseDashboardPayload(text: string, expectedId: string): BrokerCopy {
  if (text === '') return { kind: 'empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: t('sync:reason.notJson') };
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    return {
      kind: 'invalid',
      reason: t('sync:reason.notMessage', { why: describe(envelope.error) }),
    };
  }
  const migrated = migrate({
    schemaVersion: envelope.data.schemaVersion,
    dashboards: [envelope.data.dashboard],
  });
  if (!migrated.ok) return { kind: 'invalid', reason: migrated.reason };
  const [candidate] = (migrated.document as { dashboards: unknown[] }).dashboards;
  const parsed = dashboardSchema.safeParse(candidate);
  if (!parsed.success) return { kind: 'invalid', reason: describe(parsed.error) };
  if (parsed.data.id !== expectedId) {
    return {
      kind: 'invalid',
      reason: t('sync:reason.wrongId', { found: parsed.data.id, expected: expectedId }),
    };
  }
  return { kind: 'dashboard', dashboard: parsed.data };
}

/** Read a message at `<prefix><id>/deleted`. */
export function parseTombstonePayload(text: string): TombstoneMessage {
  if (text === '') return { kind: 'empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: t('sync:reason.notJson') };
  }
  const parsed = tombstoneSchema.safeParse(raw);
  return parsed.success
    ? { kind: 'tombstone', tombstone: parsed.data }
    : { kind: 'invalid', reason: t('sync:reason.notTombstone', { why: describe(parsed.error) }) };
}

// Topics

/** An id can be one topic level: no separators, no wildcards, no NUL. */
export function isSyncableId(id: string): boolean {
  return id !== '' && !/[/+#]/.test(id) && !id.includes('\u0000');
}

export const dashboardTopic = (prefix: string, id: string): string => prefix + id;
export const tombstoneTopic = (prefix: string, id: string): string => `${prefix}${id}/deleted`;

/** Which dashboard a topic under `prefix` is about; null for anything else under it. */
export function parseSyncTopic(
  prefix: string,
  topic: string,
): { id: string; kind: 'dashboard' | 'tombstone' } | null {
  if (!topic.startsWith(prefix)) return null;
  const rest = topic.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return isSyncableId(rest) ? { id: rest, kind: 'dashboard' } : null;
  const id = rest.slice(0, slash);
  return rest.slice(slash) === '/deleted' && isSyncableId(id) ? { id, kind: 'tombstone' } : null;
}

// Ordering

/**
 * JSON with object keys sorted, so equal content gives equal text whatever order the keys were
 * built in (a copy parsed from the wire and one built by an edit differ in key order).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/**
 * The content of a dashboard as both sides see it: normalised by the schema (defaults filled,
 * unknown keys dropped) so that the local copy and the same copy after a trip through the
 * broker compare equal. Without that, two browsers could each believe they won a tie and
 * publish back and forth for ever.
 */
export function fingerprint(dashboard: Dashboard): string {
  const parsed = dashboardSchema.safeParse(dashboard);
  return canonicalJson(parsed.success ? parsed.data : dashboard);
}

function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? -Infinity : t;
}

/**
 * Which of two copies of one dashboard wins: > 0 when `a` does, < 0 when `b` does, 0 when they
 * are the same. Higher revision first; on equal revisions the later updatedAt, then the larger
 * fingerprint, so the order is total and every browser agrees on it.
 */
export function compareCopies(a: Dashboard, b: Dashboard): number {
  if (a.revision !== b.revision) return a.revision > b.revision ? 1 : -1;
  const ta = timeOf(a.updatedAt);
  const tb = timeOf(b.updatedAt);
  if (ta !== tb) return ta > tb ? 1 : -1;
  const fa = fingerprint(a);
  const fb = fingerprint(b);
  return fa === fb ? 0 : fa > fb ? 1 : -1;
}

function supersedesOffer(copy: Dashboard, offer: OfferContent): boolean {
  return offer.kind === 'newer'
    ? compareCopies(copy, offer.dashboard) > 0
    : copy.revision > offer.tombstone.revision;
}

// The rules

const none = (why: Extract<SyncDecision, { action: 'none' }>['why']): SyncDecision => ({
  action: 'none',
  why,
});

/**
 * What to do about one dashboard, given what this browser has and what the broker holds.
 *
 * - A newer broker copy is applied; while the person edits this dashboard it becomes an offer.
 * - An older broker copy is replaced: the local copy is published.
 * - Equal revisions and content: nothing. Equal revisions, different content: the winner of
 *   {@link compareCopies} stands; the loser adopts it and the winner publishes, since the
 *   broker may hold the loser's copy.
 * - No copy on the broker (once retained messages have settled, or after a local change):
 *   the local copy is published. An unreadable broker copy is overwritten only by a local
 *   change: it may come from a newer Tafel.
 * - A deletion at or above the local revision removes the local copy (or is offered while
 *   editing); a local copy edited after the deletion wins and is published. A broker copy at
 *   or below a known deletion is dead and never resurrects the dashboard.
 * - While an offer waits, nothing is published or applied for that dashboard; only a copy
 *   newer than the offer replaces it.
 */
export function decide(s: SyncSituation): SyncDecision {
  const { local, broker, deletion, offer } = s;
  const tomb = deletion?.tombstone;
  const heard = broker?.kind === 'dashboard' ? broker.dashboard : undefined;
  const copy = heard && !(tomb && heard.revision <= tomb.revision) ? heard : undefined;

  if (!local) {
    if (copy) return { action: 'apply', dashboard: copy };
    if (deletion && !deletion.onBroker && (s.settled || s.localChange)) {
      return { action: 'publish-deletion' };
    }
    return none(deletion ? 'deleted' : 'nothing');
  }

  // A live copy is above the deletion, so only without one was this revision deleted.
  if (tomb && local.revision <= tomb.revision && !copy) {
    // Deleted on another device at (or after) the revision held here.
    if (offer?.kind === 'newer' && offer.dashboard.revision > tomb.revision) return none('held');
    if (offer?.kind === 'deleted' && offer.tombstone.revision >= tomb.revision) {
      return none('held');
    }
    if (s.editing || offer) return { action: 'offer', offer: { kind: 'deleted', tombstone: tomb } };
    return { action: 'remove' };
  }

  if (offer) {
    return copy && supersedesOffer(copy, offer)
      ? { action: 'offer', offer: { kind: 'newer', dashboard: copy } }
      : none('held');
  }

  if (copy) {
    const order = compareCopies(copy, local);
    if (order === 0) return none('in-sync');
    if (order < 0) return { action: 'publish' };
    return s.editing
      ? { action: 'offer', offer: { kind: 'newer', dashboard: copy } }
      : { action: 'apply', dashboard: copy };
  }
  // The broker holds a copy the deletion made dead, and this one was edited after it.
  if (heard) return { action: 'publish' };
  if (broker?.kind === 'invalid') return s.localChange ? { action: 'publish' } : none('unreadable');
  // Missing, or cleared while we watched.
  return s.settled || s.localChange ? { action: 'publish' } : none('waiting');
}
