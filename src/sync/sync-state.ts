/**
 * What the person is shown of the sync, derived from the engine's facts: one status for the
 * header and one per dashboard. Pure: the engine decides, this only describes.
 */
import { msg, sameText, type Message } from '@/i18n/message';
import type { DashboardSync, SyncOffer, SyncStatus } from './sync-store';

export interface SyncFacts {
  readonly connected: boolean;
  readonly subscription: 'waiting' | 'granted' | 'refused';
  readonly settled: boolean;
  /** The filter the sync subscribes to, for the refusal's reason. */
  readonly filter: string;
  /** Every dashboard here. */
  readonly ids: readonly string[];
  readonly offers: Readonly<Record<string, SyncOffer>>;
  /** Dashboards with a publish being debounced or on its way. */
  readonly busy: ReadonlySet<string>;
  /** Dashboards whose last publish failed, with why. */
  readonly errors: ReadonlyMap<string, Message>;
  /** Dashboards a person changed since they were last published. */
  readonly localChanges: ReadonlySet<string>;
}

export interface DerivedSyncState {
  readonly status: SyncStatus;
  readonly reason: Message | null;
  readonly dashboards: Record<string, DashboardSync>;
}

function dashboardState(id: string, f: SyncFacts): DashboardSync {
  const offer = f.offers[id];
  if (offer) {
    return {
      status: 'conflict',
      reason:
        offer.kind === 'newer' ? msg('sync:reason.offerNewer') : msg('sync:reason.offerDeleted'),
    };
  }
  if (f.busy.has(id)) return { status: 'pending', reason: null };
  const error = f.errors.get(id);
  if (error) return { status: 'error', reason: error };
  if (f.localChanges.has(id)) return { status: 'pending', reason: null };
  return { status: 'synced', reason: null };
}

export function deriveSyncState(f: SyncFacts): DerivedSyncState {
  const ids = new Set([...f.ids, ...f.errors.keys(), ...f.busy, ...Object.keys(f.offers)]);
  const dashboards: Record<string, DashboardSync> = {};
  for (const id of ids) dashboards[id] = dashboardState(id, f);

  const failed = Object.values(dashboards).find((d) => d.status === 'error');
  if (!f.connected) return { status: 'local', reason: msg('sync:reason.notConnected'), dashboards };
  if (f.subscription === 'refused') {
    return {
      status: 'error',
      reason: msg('sync:reason.subscriptionRefused', { filter: f.filter }),
      dashboards,
    };
  }
  if (failed) return { status: 'error', reason: failed.reason, dashboards };
  const busy =
    f.subscription !== 'granted' ||
    !f.settled ||
    Object.values(dashboards).some((d) => d.status === 'pending');
  return { status: busy ? 'syncing' : 'synced', reason: null, dashboards };
}

/** Same statuses and reasons, per dashboard: nothing to write. */
export function sameDashboards(
  a: Readonly<Record<string, DashboardSync>>,
  b: Readonly<Record<string, DashboardSync>>,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (k) =>
      k in b &&
      a[k]?.status === b[k]?.status &&
      sameText(a[k]?.reason ?? null, b[k]?.reason ?? null),
  );
}
