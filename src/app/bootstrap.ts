import type { Dashboard } from '@/dashboard/schema';
import { createConnection } from '@/mqtt/connection';
import {
  brokerSettingsSchema,
  defaultBrokerSettings,
  effectiveBrokerUrl,
  type BrokerSettings,
} from '@/mqtt/settings';
import { selectDashboard, useDashboardStore } from '@/stores/dashboard-store';
import { createDefaultDashboard } from '@/widgets/default-dashboard';
import { parseWidget } from '@/widgets/registry';

/** The page's one MQTT connection, created once outside React. */
export const connection = createConnection();

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
    const wanted = new Map<string, { filter: string; qos: 0 | 1 | 2 }>();
    for (const page of dashboard?.pages ?? []) {
      for (const group of page.groups) {
        for (const widget of group.widgets) {
          const parsed = parseWidget(widget);
          if (!parsed.ok) continue;
          for (const s of parsed.definition.subscriptions(parsed.config)) {
            wanted.set(`${widget.id}\u0000${s.topic}\u0000${s.qos}`, {
              filter: s.topic,
              qos: s.qos,
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
      if (!held.has(key)) held.set(key, connection.subscriptions.acquire(s.filter, s.qos));
    }
  }

  sync(selectDashboard(useDashboardStore.getState()));
  const unsubscribe = useDashboardStore.subscribe((state, prev) => {
    if (state.document !== prev.document) sync(selectDashboard(state));
  });
  return () => {
    unsubscribe();
    sync(undefined);
  };
}

/** Load the dashboards: for now the example flow (persistence and editing come next). */
export function loadDashboards(): void {
  useDashboardStore
    .getState()
    .setDocument({ schemaVersion: 1, dashboards: [createDefaultDashboard()] });
}
