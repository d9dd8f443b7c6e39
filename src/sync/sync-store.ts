import { msg, type Message } from '@/i18n/message';
import { create } from 'zustand';
import type { OfferContent } from '@/sync/rules';

/**
 * This browser's dashboard sync, as the person sees it:
 * synced; local only (sync off, or no broker); syncing (waiting for retained copies or for a
 * publish to come back); error (a publish or the subscription was refused).
 */
export type SyncStatus = 'synced' | 'local' | 'syncing' | 'error';

/** One dashboard: conflict = an offer waits for the person's choice. */
export type DashboardSyncStatus = 'synced' | 'pending' | 'error' | 'conflict';

export interface DashboardSync {
  readonly status: DashboardSyncStatus;
  readonly reason: Message | null;
}

/** A newer copy (or a deletion) from another device that was not applied: the person chooses. */
export type SyncOffer = OfferContent & {
  readonly dashboardId: string;
  /** When it arrived, ms since the epoch. */
  readonly receivedAt: number;
};

export interface SyncState {
  readonly status: SyncStatus;
  /** Why it is local only, or what failed; null when synced or syncing. */
  readonly reason: Message | null;
  /** Per dashboard id; written by the sync engine only. */
  readonly dashboards: Readonly<Record<string, DashboardSync>>;
  /** Pending offers by dashboard id. Removing one (resolveSyncOffer) tells the engine it was answered. */
  readonly offers: Readonly<Record<string, SyncOffer>>;
}

export const initialSyncState: SyncState = {
  status: 'local',
  reason: msg('sync:reason.off'),
  dashboards: {},
  offers: {},
};

/** A sync store of its own: one per engine (tests run two browsers in one process). */
export function createSyncStore() {
  return create<SyncState>()(() => initialSyncState);
}

export type SyncStore = ReturnType<typeof createSyncStore>;

/** The page's sync state: changes a few times per edit at most, so components may select freely. */
export const useSyncStore: SyncStore = createSyncStore();

/** The offer waiting for `dashboardId`, if any. */
export function selectOffer(s: SyncState, dashboardId: string | null | undefined) {
  return dashboardId ? s.offers[dashboardId] : undefined;
}
