import { SCHEMA_VERSION, type Dashboard } from '@/dashboard/schema';
import { createSaver, loadDocument } from '@/dashboard/storage';
import { loadSyncSettings, saveSyncSettings, type SyncSettings } from '@/sync/settings';
import { createConnection } from '@/mqtt/connection';
import { createIngest } from '@/mqtt/ingest';
import {
  brokerSettingsSchema,
  defaultBrokerSettings,
  effectiveBrokerUrl,
  type BrokerSettings,
} from '@/mqtt/settings';
import { reportConnection } from '@/stores/connection-store';
import { selectDashboard, useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import { liveStoreSink } from '@/stores/live-store';
import { useNoticeStore } from '@/stores/notice-store';
import { createDefaultDashboard } from '@/widgets/default-dashboard';
import { watchAlerts } from '@/widgets/alerts';
import { parseWidget } from '@/widgets/registry';
import { startBrokerSync } from '@/sync/engine';

/**
 * The page's one MQTT connection, created once outside React. The composition root: the live
 * path (mqtt/) knows nothing of the stores; its output is handed to them here.
 */
export const connection = createConnection({
  ingest: createIngest({ sink: liveStoreSink() }),
  onStatus: reportConnection,
});

let stopSync = (): void => {};
let syncSettings: SyncSettings | null = null;

/** Share the dashboards through the broker with this browser's sync settings. */
export function startSync(settings: SyncSettings = loadSyncSettings(localStorage)): void {
  stopSync();
  syncSettings = settings;
  stopSync = startBrokerSync({ connection, settings });
}

/** This browser's sync settings, as in use. */
export function currentSyncSettings(): SyncSettings {
  return syncSettings ?? loadSyncSettings(localStorage);
}

/** Save changed sync settings; restart the sync only if they differ. */
export function applySyncSettings(settings: SyncSettings): void {
  saveSyncSettings(localStorage, settings);
  if (syncSettings?.enabled !== settings.enabled || syncSettings.prefix !== settings.prefix) {
    startSync(settings);
  }
}

const SETTINGS_KEY = 'tafel.broker.v1';

export function loadBrokerSettings(): BrokerSettings {
  try {
    const raw = localStorage.getItem(SETTINGS_KEY);
    if (!raw) return defaultBrokerSettings;
    const parsed = brokerSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaultBrokerSettings;
  } catch {
    return defaultBrokerSettings;
  }
}

export function saveBrokerSettings(settings: BrokerSettings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
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
 * Load the saved dashboards (or, on a first visit, the example flow) and save every change
 * from then on, debounced, and at once when the page is hidden.
 */
export function loadDashboards(): void {
  const { document: saved, problem } = loadDocument(localStorage);
  useDashboardStore
    .getState()
    .load(saved ?? { schemaVersion: SCHEMA_VERSION, dashboards: [createDefaultDashboard()] });
  if (problem) {
    useNoticeStore.getState().show({
      kind: 'error',
      text:
        `Your saved dashboards could not be read (${problem.reason}). The damaged copy is kept ` +
        `in this browser as “${problem.backupKey}”; Tafel continued from ` +
        (problem.recoveredFrom === 'nothing' ? 'the example dashboard.' : 'the last good copy.'),
      action: {
        label: 'Download the damaged copy',
        run: () =>
          downloadText(`${problem.backupKey}.json`, localStorage.getItem(problem.backupKey) ?? ''),
      },
    });
  }
  const saver = createSaver(
    localStorage,
    () => useDashboardStore.getState().document,
    300,
    (e) =>
      useNoticeStore
        .getState()
        .show({ kind: 'error', text: `Could not save in this browser: ${e.message}` }),
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
