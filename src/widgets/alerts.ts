import type { Dashboard } from '@/dashboard/schema';
import type { LiveFeed } from '@/mqtt/ingest';
import { parseWidget } from './registry';
import type { WidgetAlert } from './types';

/**
 * Toasts from the widgets of a dashboard that declare `alert` (the notification widget), on
 * every page, not only the one on screen: a doorbell on the "Haus" page must ring while the
 * "Garten" page is shown. Every message counts (a tap on the live feed, not the live store's
 * one entry per frame); what arrived before does not (no replay). Returns the stop.
 */
export function watchAlerts(
  dashboard: Dashboard | undefined,
  feed: LiveFeed,
  show: (alert: WidgetAlert) => void,
): () => void {
  const untaps: Array<() => void> = [];
  for (const page of dashboard?.pages ?? []) {
    for (const group of page.groups) {
      for (const widget of group.widgets) {
        const parsed = parseWidget(widget);
        if (!parsed.ok || !parsed.definition.alert) continue;
        const { definition, config } = parsed;
        const topic = definition.stateTopic?.(config);
        if (!topic) continue;
        untaps.push(
          feed.tap(
            topic,
            (entry) => {
              const alert = definition.alert?.(config, entry);
              if (alert) show(alert);
            },
            { replay: false },
          ),
        );
      }
    }
  }
  return () => {
    for (const untap of untaps) untap();
  };
}
