import { t } from '@/i18n/i18n';
import { effectiveBrokerUrl } from '@/mqtt/settings';
import { createRecorderClient } from '@/recorder/client';
import { createLastValues } from '@/recorder/last-values';
import { useConnectionStore } from '@/stores/connection-store';
import { useLiveStore } from '@/stores/live-store';
import { useNoticeStore } from '@/stores/notice-store';
import type { BrokerSettings } from '@/mqtt/settings';

/** How often the recorder's status is asked while the page runs (a full disk is told). */
const PROBE_MS = 60_000;

/**
 * The app's link to Tafel's recorder (server/recorder/): the client every feature uses, the
 * last values for the widgets on screen (on every reconnect too), and a warning while the
 * server cannot record (a full disk). Where there is no recorder, nothing of this shows.
 * Loaded lazily by bootstrap.ts: it is not needed to paint the first dashboard.
 */
export function startRecorderLink(
  brokerSettings: () => BrokerSettings,
  firstStatus?: Promise<Response>,
) {
  const client = createRecorderClient({
    firstStatus,
    page: () => ({
      brokerUrl: effectiveBrokerUrl(brokerSettings(), window.location).url,
      location: window.location,
    }),
  });
  const lastValues = createLastValues(client, {
    get: (key) => useLiveStore.getState().entries[key],
    write: (changes) =>
      useLiveStore.setState((s) => {
        const entries = { ...s.entries };
        for (const [key, entry] of changes) {
          // A message that came while the answer travelled is newer: it stays.
          const now = entries[key];
          if (!now || now.receivedAt < entry.receivedAt) entries[key] = entry;
        }
        return { entries };
      }),
  });

  let warning: number | null = null;
  const notices = useNoticeStore.getState();
  client.subscribe(() => {
    const info = client.info();
    const failing = info?.usable === true && !info.recording && info.error !== null;
    if (failing && warning === null) {
      warning = notices.show({
        kind: 'warning',
        text: t('app:notice.recorderStopped', {
          why: t(`app:notice.recorderWhy.${info.errorCode ?? 'other'}`, { error: info.error }),
        }),
      });
    } else if (!failing && warning !== null) {
      notices.dismiss(warning);
      warning = null;
    }
  });

  void client.probe();
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void client.probe();
  }, PROBE_MS);
  const unsubscribe = useConnectionStore.subscribe((state, prev) => {
    if (state.status === 'connected' && prev.status !== 'connected') {
      // The broker (or the page's choice of one) may have changed: ask again, then fill in.
      void client.probe().then(() => lastValues.connected());
    }
  });
  return {
    client,
    setFilters: lastValues.setFilters,
    stop() {
      clearInterval(timer);
      unsubscribe();
      lastValues.dispose();
    },
  };
}
