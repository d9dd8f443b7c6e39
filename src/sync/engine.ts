import { msg, sameText, type Message } from '@/i18n/message';
import { t } from '@/i18n/i18n';
/**
 * Dashboard sync through the broker: the same dashboards on every device.
 *
 * Retained topics, all under one prefix (default `tafel/dashboards/`, set per browser).
 * Every browser subscribes to `<prefix>#` with QoS 1 and publishes with QoS 1 and retain,
 * so its ACL needs read and write on `<prefix>#`:
 *
 *   <prefix><id>           {"format":"tafel-dashboard","schemaVersion":1,"dashboard":{…}}
 *                          one per dashboard, with its revision and updatedAt; cleared
 *                          (empty retained message) when the dashboard is deleted
 *   <prefix><id>/deleted   {"revision":n,"deletedAt":"…"}: the deletion's tombstone, so that
 *                          a browser that was offline does not bring the dashboard back;
 *                          cleared when someone edits the dashboard back into existence
 *
 * Mosquitto (acl_file):    topic readwrite tafel/dashboards/#
 * With read access only, a browser still shows every change, keeps its own edits local and
 * says "Sync failed". Mosquitto drops a denied publish without an error, so every publish is
 * confirmed by hearing it back on the subscription. Tombstones stay on the broker (a few
 * bytes each).
 */
import type { StoreApi } from 'zustand';
import { deleteDashboard, putDashboard } from '@/dashboard/operations';
import {
  dashboardTopic,
  decide,
  encodeDashboard,
  encodeTombstone,
  isSyncableId,
  parseDashboardPayload,
  parseSyncTopic,
  parseTombstonePayload,
  tombstoneTopic,
  type BrokerCopy,
  type KnownDeletion,
  type OfferContent,
  type SyncDecision,
} from '@/sync/rules';
import type { SyncSettings } from '@/sync/settings';
import type { LiveConnection } from '@/mqtt/connection';
import { useConnectionStore, type ConnectionStatus } from '@/stores/connection-store';
import { useDashboardStore, type DashboardState } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import { useNoticeStore, type Notice } from '@/stores/notice-store';
import { createEchoTracker } from './echo-tracker';
import { createSettleTimer } from './settle-timer';
import { deriveSyncState, sameDashboards } from './sync-state';
import { initialSyncState, useSyncStore, type SyncState } from './sync-store';

export interface BrokerSyncDelays {
  /** After a dashboard's last local edit, before it is published. */
  publishMs: number;
  /** After the broker grants the subscription, before copies it lacks are published… */
  settleMs: number;
  /** …extended until no retained message has arrived for this long… */
  settleQuietMs: number;
  /** …but never longer than this after the grant. */
  settleMaxMs: number;
  /** How long a publish may take to come back on the subscription before it counts as refused. */
  echoMs: number;
}

export const defaultSyncDelays: Readonly<BrokerSyncDelays> = {
  publishMs: 250,
  settleMs: 1000,
  settleQuietMs: 300,
  settleMaxMs: 10_000,
  echoMs: 3000,
};

/** What the engine uses of the connection. */
export type SyncConnection = Pick<
  LiveConnection,
  'listen' | 'onSubscribed' | 'publish' | 'subscriptions'
>;

export interface BrokerSyncOptions {
  connection: SyncConnection;
  settings: SyncSettings;
  /** Why sharing is off when it is (shown in the header); "sync is off" by default. */
  offReason?: Message | null;
  /** The dashboards; the app's store by default. */
  dashboards?: StoreApi<DashboardState>;
  /** Which dashboard is being edited; the app's editor store by default. */
  editor?: { getState(): { readonly editing: boolean; readonly dashboardId: string | null } };
  /** The connection's status; the app's connection store by default. */
  connectionStatus?: Pick<
    StoreApi<{ readonly status: ConnectionStatus }>,
    'getState' | 'subscribe'
  >;
  /** Where the sync state and offers go; the app's sync store by default. */
  sync?: StoreApi<SyncState>;
  /** Tell the person (ignored broker copies); the app's notices by default. */
  notify?: (notice: Omit<Notice, 'id'>) => void;
  delays?: Partial<BrokerSyncDelays>;
  /** Clock, ms since the epoch (tombstones' deletedAt, offers' receivedAt, settling). */
  now?: () => number;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * Keep the dashboard store and the broker's retained copies in step, by the rules in
 * src/dashboard/sync-rules.ts. Hears only `<prefix>#` (connection.listen), so live widget
 * traffic costs it nothing. Returns `stop`, which releases everything; to change settings,
 * stop and start again.
 */
export function startBrokerSync(options: BrokerSyncOptions): () => void {
  const { connection, settings } = options;
  const dashboards = options.dashboards ?? useDashboardStore;
  const editor = options.editor ?? useEditorStore;
  const connectionStatus = options.connectionStatus ?? useConnectionStore;
  const sync = options.sync ?? useSyncStore;
  const notify = options.notify ?? ((n: Omit<Notice, 'id'>) => useNoticeStore.getState().show(n));
  const delays: BrokerSyncDelays = { ...defaultSyncDelays, ...options.delays };
  const now = options.now ?? Date.now;

  if (!settings.enabled) {
    sync.setState({ ...initialSyncState, reason: options.offReason ?? msg('sync:reason.off') });
    return () => sync.setState(initialSyncState);
  }

  const { prefix } = settings;
  const filter = `${prefix}#`;
  const decoder = new TextDecoder();

  // What this connection has heard from the broker. Forgotten whenever the connection drops:
  // the broker we reach next may have lost its retained messages.
  const broker = new Map<string, BrokerCopy>();
  let connected = connectionStatus.getState().status === 'connected';
  let subscription: 'waiting' | 'granted' | 'refused' = 'waiting';
  const settle = createSettleTimer({
    settleMs: delays.settleMs,
    quietMs: delays.settleQuietMs,
    maxMs: delays.settleMaxMs,
    now,
    onSettled() {
      reconcileAll();
      refresh();
    },
  });

  // Kept across reconnects.
  const deletions = new Map<string, KnownDeletion>();
  /** Dashboards a person changed since they were last published. */
  const localChanges = new Set<string>();
  const debounce = new Map<string, Timer>();
  const errors = new Map<string, Message>();
  const echoes = createEchoTracker({
    timeoutMs: delays.echoMs,
    onSilent(id, topic) {
      // MQTT 3.1.1 has no error for a publish an ACL denies: silence is the only sign.
      errors.set(id, msg('sync:reason.silent', { topic }));
      refresh();
    },
  });
  const warned = new Set<string>();
  let stopped = false;
  /** Set while the engine writes the sync store, so its own offer changes are not taken as answers. */
  let writing = false;

  const localOf = (id: string) =>
    dashboards.getState().document.dashboards.find((d) => d.id === id);
  const isEditing = (id: string) => {
    const e = editor.getState();
    return e.editing && e.dashboardId === id;
  };
  const canPublish = () => connected && subscription === 'granted';

  function writeSync(update: (s: SyncState) => Partial<SyncState>) {
    writing = true;
    try {
      sync.setState(update);
    } finally {
      writing = false;
    }
  }

  function setOffer(id: string, offer: OfferContent) {
    writeSync((s) => ({
      offers: { ...s.offers, [id]: { ...offer, dashboardId: id, receivedAt: now() } },
    }));
  }

  function dropOffer(id: string) {
    if (!sync.getState().offers[id]) return;
    writeSync((s) => {
      const { [id]: _answered, ...offers } = s.offers;
      return { offers };
    });
  }

  function warn(topic: string, reason: string) {
    const key = `${topic}\u0000${reason}`;
    if (warned.has(key)) return; // a retained message comes back on every reconnect
    warned.add(key);
    notify({
      kind: 'error',
      text: t('sync:ignored', { topic, reason }),
      timeoutMs: 10_000,
    });
  }

  /** A deletion older than the copy in hand is history: forget it. */
  function forgetDeletionBelow(id: string, revision: number) {
    const d = deletions.get(id);
    if (d && d.tombstone.revision < revision) deletions.delete(id);
  }

  // Publishing

  function send(id: string, topic: string, payload: string) {
    if (!echoes.expect(id, topic, payload)) return; // already on its way
    connection.publish(topic, payload, { qos: 1, retain: true }).catch((e: unknown) => {
      if (stopped || !echoes.failed(topic, payload)) return;
      // Not connected: the next connection publishes whatever the broker lacks.
      if (connected)
        errors.set(id, msg('sync:reason.publishFailed', { why: (e as Error).message }));
      else localChanges.add(id);
      refresh();
    });
  }

  function publishNow(id: string) {
    if (!isSyncableId(id)) {
      errors.set(id, msg('sync:reason.badId', { id }));
      localChanges.delete(id);
      return;
    }
    const local = localOf(id);
    const deletion = deletions.get(id);
    if (local) {
      send(id, dashboardTopic(prefix, id), encodeDashboard(local));
      if (deletion && deletion.tombstone.revision < local.revision) {
        // Edited after its deletion: the tombstone must not remove it elsewhere.
        deletions.delete(id);
        send(id, tombstoneTopic(prefix, id), '');
      }
    } else if (deletion) {
      // Tombstone first: a browser that hears the copy cleared already knows why.
      send(id, tombstoneTopic(prefix, id), encodeTombstone(deletion.tombstone));
      send(id, dashboardTopic(prefix, id), '');
    }
    localChanges.delete(id);
  }

  function requestPublish(id: string) {
    // Not connected: settling after the next connect publishes it. Debounced: the timer will.
    if (!canPublish() || debounce.has(id)) return;
    publishNow(id);
  }

  // Deciding

  function reconcile(id: string) {
    const local = localOf(id);
    const decision = decide({
      local,
      broker: broker.get(id),
      deletion: deletions.get(id),
      settled: settle.settled,
      localChange: localChanges.has(id),
      editing: isEditing(id),
      offer: sync.getState().offers[id],
    });
    carryOut(id, decision);
  }

  function carryOut(id: string, d: SyncDecision) {
    switch (d.action) {
      case 'none': {
        if (d.why === 'in-sync') {
          localChanges.delete(id);
          errors.delete(id);
          const local = localOf(id);
          if (local) forgetDeletionBelow(id, local.revision);
        } else if (d.why === 'unreadable') {
          const copy = broker.get(id);
          const why = copy?.kind === 'invalid' ? copy.reason : t('sync:reason.invalid');
          errors.set(id, msg('sync:reason.unreadable', { why }));
        }
        return;
      }
      case 'apply':
        forgetDeletionBelow(id, d.dashboard.revision);
        localChanges.delete(id);
        errors.delete(id);
        dashboards.getState().applyRemote((doc) => putDashboard(doc, d.dashboard));
        return;
      case 'remove':
        localChanges.delete(id);
        errors.delete(id);
        dashboards.getState().applyRemote((doc) => deleteDashboard(doc, id));
        return;
      case 'offer':
        setOffer(id, d.offer);
        return;
      case 'publish':
      case 'publish-deletion':
        requestPublish(id);
        return;
    }
  }

  function reconcileAll() {
    const ids = new Set([
      ...dashboards.getState().document.dashboards.map((d) => d.id),
      ...broker.keys(),
      ...deletions.keys(),
    ]);
    for (const id of ids) reconcile(id);
  }

  // Events

  function onMessage(topic: string, bytes: Uint8Array, retained: boolean) {
    if (stopped) return;
    const target = parseSyncTopic(prefix, topic);
    if (!target) return;
    if (retained) settle.retained();
    const text = decoder.decode(bytes);
    const confirmed = echoes.heard(topic, text);
    if (confirmed !== null) errors.delete(confirmed);
    const { id } = target;
    if (target.kind === 'dashboard') {
      const copy = parseDashboardPayload(text, id);
      if (copy.kind === 'invalid') warn(topic, copy.reason);
      broker.set(id, copy);
    } else {
      const message = parseTombstonePayload(text);
      const known = deletions.get(id);
      if (message.kind === 'invalid') {
        warn(topic, message.reason);
      } else if (message.kind === 'empty') {
        if (known?.onBroker) deletions.delete(id); // cleared by whoever re-created it
      } else if (!known || message.tombstone.revision >= known.tombstone.revision) {
        deletions.set(id, { tombstone: message.tombstone, onBroker: true });
      }
    }
    reconcile(id);
    refresh();
  }

  function onSubscribed(f: string, granted: boolean) {
    if (stopped || f !== filter) return;
    settle.cancel();
    if (!granted) {
      subscription = 'refused';
    } else {
      // Retained copies follow the grant; what has not come by the time they stop is missing.
      subscription = 'granted';
      settle.start();
    }
    refresh();
  }

  function lostConnection() {
    subscription = 'waiting';
    settle.cancel();
    broker.clear();
    for (const [id, d] of deletions) if (d.onBroker) deletions.set(id, { ...d, onBroker: false });
    // What was on its way may not have arrived: the next connection publishes it again.
    for (const id of echoes.clear()) if (localOf(id)) localChanges.add(id);
  }

  function changedLocally(id: string) {
    localChanges.add(id);
    const timer = debounce.get(id);
    if (timer !== undefined) clearTimeout(timer);
    debounce.set(
      id,
      setTimeout(() => {
        debounce.delete(id);
        reconcile(id);
        refresh();
      }, delays.publishMs),
    );
  }

  function deletedLocally(id: string, revision: number) {
    const offer = sync.getState().offers[id];
    const heard = broker.get(id);
    // Above every copy in sight, so a newer copy on its way does not bring it back.
    const above = Math.max(
      revision,
      heard?.kind === 'dashboard' ? heard.dashboard.revision : 0,
      offer?.kind === 'newer' ? offer.dashboard.revision : 0,
      offer?.kind === 'deleted' ? offer.tombstone.revision : 0,
    );
    deletions.set(id, {
      tombstone: { revision: above, deletedAt: new Date(now()).toISOString() },
      onBroker: false,
    });
    dropOffer(id);
    errors.delete(id);
    changedLocally(id);
  }

  // State for the person

  function refresh() {
    if (stopped) return;
    const s = sync.getState();
    const next = deriveSyncState({
      connected,
      subscription,
      settled: settle.settled,
      filter,
      ids: dashboards.getState().document.dashboards.map((d) => d.id),
      offers: s.offers,
      busy: new Set([...debounce.keys(), ...echoes.pendingIds()]),
      errors,
      localChanges,
    });
    const same = sameDashboards(s.dashboards, next.dashboards);
    if (same && s.status === next.status && sameText(s.reason, next.reason)) return;
    writeSync(() => ({
      status: next.status,
      reason: next.reason,
      dashboards: same ? s.dashboards : next.dashboards,
    }));
  }

  // Wiring

  // Exclusive: dashboard documents stay out of the live store and its history.
  const unlisten = connection.listen(filter, onMessage, { exclusive: true });
  const offSubscribed = connection.onSubscribed(onSubscribed);
  const release = connection.subscriptions.acquire(filter, 1);

  const offStatus = connectionStatus.subscribe((state) => {
    const isConnected = state.status === 'connected';
    if (stopped || isConnected === connected) return;
    connected = isConnected;
    if (!connected) lostConnection();
    refresh();
  });

  const offDashboards = dashboards.subscribe((state, prev) => {
    if (stopped || state.document === prev.document) return;
    // Remote: our own applyRemote; never echoed back.
    if (state.lastSource === 'remote') return;
    if (state.lastSource === 'load') {
      // Replaced wholesale (not a person's edit): only the rules decide what goes out.
      reconcileAll();
      refresh();
      return;
    }
    const before = new Map(prev.document.dashboards.map((d) => [d.id, d]));
    for (const d of state.document.dashboards) {
      if (before.get(d.id) !== d) changedLocally(d.id);
      before.delete(d.id);
    }
    for (const [id, old] of before) deletedLocally(id, old.revision);
    refresh();
  });

  const offSync = sync.subscribe((state, prev) => {
    if (stopped || writing || state.offers === prev.offers) return;
    // An offer removed by someone else was answered (resolveSyncOffer): decide again.
    for (const id of Object.keys(prev.offers)) if (!state.offers[id]) reconcile(id);
    refresh();
  });

  writeSync(() => ({ ...initialSyncState, reason: null }));
  refresh();

  return function stop() {
    if (stopped) return;
    stopped = true;
    offSync();
    offDashboards();
    offStatus();
    offSubscribed();
    unlisten();
    release();
    settle.cancel();
    for (const t of debounce.values()) clearTimeout(t);
    echoes.clear();
    sync.setState(initialSyncState);
  };
}

/**
 * Answer an offer: "Load it" takes the other device's copy (or its deletion) through
 * applyRemote, so undo brings this one back; "Keep mine" makes this copy a person's edit with
 * a revision above the other one, so it is published and wins everywhere.
 */
export function resolveSyncOffer(
  dashboardId: string,
  choice: 'load' | 'keep',
  stores: { dashboards?: StoreApi<DashboardState>; sync?: StoreApi<SyncState> } = {},
): void {
  const dashboards = stores.dashboards ?? useDashboardStore;
  const sync = stores.sync ?? useSyncStore;
  const offer = sync.getState().offers[dashboardId];
  if (!offer) return;
  // The dashboards change first: the engine decides again when the offer goes, and must see
  // the answer by then.
  if (choice === 'load') {
    dashboards
      .getState()
      .applyRemote((doc) =>
        offer.kind === 'newer'
          ? putDashboard(doc, offer.dashboard)
          : deleteDashboard(doc, dashboardId),
      );
  } else {
    const local = dashboards.getState().document.dashboards.find((d) => d.id === dashboardId);
    const above = offer.kind === 'newer' ? offer.dashboard.revision : offer.tombstone.revision;
    // edit() raises the revision by one above the larger of the two.
    if (local) {
      dashboards
        .getState()
        .edit((doc) => putDashboard(doc, { ...local, revision: Math.max(local.revision, above) }));
    }
  }
  sync.setState((s) => {
    const { [dashboardId]: _answered, ...offers } = s.offers;
    return { offers };
  });
}
