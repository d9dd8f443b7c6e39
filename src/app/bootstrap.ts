import { t } from '@/i18n/i18n';
import { SCHEMA_VERSION, type Dashboard } from '@/dashboard/schema';
import {
  checkWritable,
  createSaver,
  describeStorageError,
  loadDocument,
  openBrowserStorage,
} from '@/dashboard/storage';
import {
  effectiveSyncSettings,
  loadSyncSettings,
  saveSyncSettings,
  type SyncSettings,
} from '@/sync/settings';
import { createLiveConnection } from '@/mqtt/live-connection';
import {
  brokerSettingsSchema,
  defaultBrokerSettings,
  effectiveBrokerUrl,
  isPublicBroker,
  type BrokerSettings,
} from '@/mqtt/settings';
import { reportConnection, useConnectionStore } from '@/stores/connection-store';
import { retryLoads } from '@/components/lazy-retry';
import { selectDashboard, useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import { liveStoreSink } from '@/stores/live-store';
import { useNoticeStore } from '@/stores/notice-store';
import { createDefaultDashboard } from '@/widgets/default-dashboard';
import { watchAlerts } from '@/widgets/alerts';
import { parseWidget } from '@/widgets/registry';
import { startBrokerSync } from '@/sync/engine';
import { requestRecorderStatus, setAppRecorder } from '@/recorder/app-recorder';
import { reportCannotSave, reportSaved } from './storage-notice';

/**
 * The page's one MQTT connection, created once outside React, in the live worker where the
 * browser can run it (`?live=page` keeps it in the page, to compare). The composition root:
 * the live path (mqtt/) knows nothing of the stores; its output is handed to them here.
 */
const live = createLiveConnection({
  sink: liveStoreSink(),
  onStatus: reportConnection,
  inPage: new URLSearchParams(window.location.search).get('live') === 'page',
});
export const connection = live.connection;
/** Where the live path runs: 'worker' or 'page' (benchmarks and tests ask). */
export const liveMode = live.mode;

/**
 * This browser's localStorage, or a stand-in in memory where the browser refuses it (some
 * privacy modes throw on touching it): the app starts either way. Every read and write of the
 * app's settings goes through it, and every write may throw (a full storage): they are caught.
 */
const local = openBrowserStorage();
export const browserStorage = local.storage;

let stopSync = (): void => {};
let syncSettings: SyncSettings | null = null;

/** Share the dashboards through the broker with this browser's sync settings. */
let running: { enabled: boolean; prefix: string } | null = null;

export function startSync(settings: SyncSettings = loadSyncSettings(browserStorage)): void {
  syncSettings = settings;
  // Never the shared default prefix on a broker that strangers use (also via ?broker=).
  const url = effectiveBrokerUrl(loadBrokerSettings(), window.location).url;
  const effective = effectiveSyncSettings(settings, isPublicBroker(url));
  const next = { enabled: effective.settings.enabled, prefix: effective.settings.prefix };
  if (running && running.enabled === next.enabled && running.prefix === next.prefix) return;
  stopSync();
  running = next;
  stopSync = startBrokerSync({ connection, ...effective });
}

/** This browser's sync settings, as in use. */
export function currentSyncSettings(): SyncSettings {
  return syncSettings ?? loadSyncSettings(browserStorage);
}

/**
 * Save the sync settings; the sync restarts if what it runs with changed (the broker too).
 * Where the storage refuses, they apply to this visit all the same.
 */
export function applySyncSettings(settings: SyncSettings): void {
  try {
    saveSyncSettings(browserStorage, settings);
  } catch (e) {
    settingsNotSaved(e);
  }
  startSync(settings);
}

const SETTINGS_KEY = 'tafel.broker.v1';

/** Settings saved during this visit that the storage refused: they hold until a reload. */
let unsavedBrokerSettings: BrokerSettings | null = null;

function settingsNotSaved(e: unknown): void {
  const why = describeStorageError(e instanceof Error ? e : new Error(String(e)));
  reportCannotSave(t('app:notice.settingsNotSaved', { why }));
}

export function loadBrokerSettings(): BrokerSettings {
  if (unsavedBrokerSettings) return unsavedBrokerSettings;
  try {
    const raw = browserStorage.getItem(SETTINGS_KEY);
    if (!raw) return defaultBrokerSettings;
    const parsed = brokerSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaultBrokerSettings;
  } catch {
    return defaultBrokerSettings;
  }
}

export function saveBrokerSettings(settings: BrokerSettings): void {
  try {
    browserStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    unsavedBrokerSettings = null;
  } catch (e) {
    unsavedBrokerSettings = settings;
    settingsNotSaved(e);
  }
}

/** Connect with the stored settings (or the `?broker=` override of this visit). */
export function connectBroker(settings: BrokerSettings = loadBrokerSettings()): void {
  connection.connect(effectiveBrokerUrl(settings, window.location).url, settings);
}

/**
 * Keep the broker subscriptions equal to what the shown dashboard's widgets need: one
 * reference per widget and filter, so two widgets on one topic share one subscription and a
 * removed widget releases exactly its own.
 */
export function bindSubscriptions(): () => void {
  const held = new Map<string, () => void>();
  // The recorder's code comes after the first paint; its last values fill in when it does.
  let filters: string[] = [];
  let stopped = false;
  const firstStatus = requestRecorderStatus();
  const link = import('./recorder-link').then(
    ({ startRecorderLink }) => {
      if (stopped) return null;
      const started = startRecorderLink(loadBrokerSettings, firstStatus);
      started.setFilters(filters);
      return started;
    },
    () => null, // an old page whose chunk is gone after an update: no recorder, as before
  );
  setAppRecorder(link.then((l) => l?.client ?? null));

  function sync(dashboard: Dashboard | undefined) {
    const wanted = new Map<string, { filter: string; qos: 0 | 1 | 2; history: boolean }>();
    for (const page of dashboard?.pages ?? []) {
      for (const group of page.groups) {
        for (const widget of group.widgets) {
          const parsed = parseWidget(widget);
          if (!parsed.ok) continue;
          // Fetch the widget's code now, while the dashboard opens, not when it first renders.
          parsed.definition.preload().catch(() => {}); // the frame shows a failure itself
          for (const s of parsed.definition.subscriptions(parsed.config)) {
            const history = s.history === true;
            wanted.set(`${widget.id}\u0000${s.topic}\u0000${s.qos}\u0000${history}`, {
              filter: s.topic,
              qos: s.qos,
              history,
            });
          }
        }
      }
    }
    for (const [key, release] of held) {
      if (!wanted.has(key)) {
        release();
        held.delete(key);
      }
    }
    // Topics with no retained value show the recorder's last one until a message comes.
    filters = [...wanted.values()].map((s) => s.filter);
    void link.then((l) => l?.setFilters(filters));
    for (const [key, s] of wanted) {
      if (held.has(key)) continue;
      const release = connection.subscriptions.acquire(s.filter, s.qos);
      const keep = s.history ? connection.ingest.keepHistory(s.filter) : () => {};
      held.set(key, () => {
        release();
        keep();
      });
    }
  }

  const shown = shownDashboard;
  sync(shown());
  const unsubscribeDocs = useDashboardStore.subscribe((state, prev) => {
    if (state.document !== prev.document) sync(shown());
  });
  const unsubscribeRoute = useEditorStore.subscribe((state, prev) => {
    if (state.dashboardId !== prev.dashboardId) sync(shown());
  });
  const unsubscribe = () => {
    unsubscribeDocs();
    unsubscribeRoute();
  };
  return () => {
    unsubscribe();
    sync(undefined);
    stopped = true;
    void link.then((l) => l?.stop());
    setAppRecorder(null);
  };
}

/** The dashboard on screen (the route sets it in the editor store), else the first. */
function shownDashboard(): Dashboard | undefined {
  return selectDashboard(
    useDashboardStore.getState(),
    useEditorStore.getState().dashboardId ?? undefined,
  );
}

/**
 * Toasts from the shown dashboard's notification widgets, whatever page is on screen
 * (widgets/alerts.ts); they also wake a dimmed wall tablet (the notice says it came from a
 * widget).
 */
export function bindAlerts(): () => void {
  const show = (alert: { kind: 'info' | 'warning' | 'error'; text: string; timeoutMs?: number }) =>
    useNoticeStore.getState().show({ ...alert, source: 'widget' });
  let watched: Dashboard | undefined;
  let stop = () => {};
  const rewatch = () => {
    const d = shownDashboard();
    if (d === watched) return;
    watched = d;
    stop();
    stop = watchAlerts(d, connection.ingest, show);
  };
  rewatch();
  const offDocs = useDashboardStore.subscribe(rewatch);
  const offRoute = useEditorStore.subscribe(rewatch);
  return () => {
    offDocs();
    offRoute();
    stop();
  };
}

/**
 * A connection that comes back is the surest sign that the server is reachable again (with the
 * embedded broker it is the server that serves the code): code downloads that failed meanwhile
 * are tried again at once, instead of waiting for their backoff.
 */
export function bindLoadRetries(): () => void {
  return useConnectionStore.subscribe((now, before) => {
    if (now.status === 'connected' && before.status !== 'connected') retryLoads();
  });
}

/** What happens to changes when this browser cannot keep them. */
function whereChangesGo(): string {
  return currentSyncSettings().enabled
    ? t('app:notice.changesShared')
    : t('app:notice.changesLost');
}

/**
 * Load the saved dashboards (or, on a first visit, the example flow) and save every change
 * from then on, debounced, and at once when the page is hidden.
 *
 * The app starts whatever the storage does: full (QuotaExceededError on every write), refused
 * (SecurityError), or damaged. The person is told when this browser cannot save, and Tafel
 * goes on in memory (and through the broker, when sharing is on).
 */
export function loadDashboards(): void {
  const { document: saved, problem, storageError, saveAllowed } = loadDocument(browserStorage);
  useDashboardStore
    .getState()
    .load(saved ?? { schemaVersion: SCHEMA_VERSION, dashboards: [createDefaultDashboard()] });
  if (problem) {
    const kept = problem.backupKey
      ? t('app:notice.damagedKept', { key: problem.backupKey })
      : t('app:notice.damagedStays');
    useNoticeStore.getState().show({
      kind: 'error',
      text: t('app:notice.unreadable', {
        reason: problem.reason,
        kept,
        from:
          problem.recoveredFrom === 'nothing'
            ? t('app:notice.fromExample')
            : t('app:notice.fromLastGood'),
      }),
      action: {
        label: t('app:notice.downloadDamaged'),
        run: () =>
          downloadText(`${problem.backupKey ?? 'tafel.dashboards.damaged'}.json`, problem.text),
      },
    });
  }

  const cannotSave = local.refused ?? (saveAllowed ? checkWritable(browserStorage) : null);
  if (cannotSave) {
    reportCannotSave(
      t('app:notice.cannotSave', {
        why: describeStorageError(cannotSave),
        changes: whereChangesGo(),
      }),
    );
  } else if (storageError && saveAllowed) {
    useNoticeStore.getState().show({
      kind: 'warning',
      text: t('app:notice.almostFull'),
      timeoutMs: 20_000,
    });
  }
  // Nothing is saved over what could not be read or kept aside, nor into a stand-in.
  if (!saveAllowed || local.refused) return;

  const saver = createSaver(
    browserStorage,
    () => useDashboardStore.getState().document,
    300,
    (e) =>
      reportCannotSave(t('app:notice.notSaved', { why: e.message, changes: whereChangesGo() })),
    reportSaved,
  );
  useDashboardStore.subscribe((s, prev) => {
    if (s.document !== prev.document) saver.changed();
  });
  window.addEventListener('pagehide', saver.flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saver.flush();
  });
}

/** Offer `text` as a file download. */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
