import { t } from '@/i18n/i18n';
import { registerSW } from 'virtual:pwa-register';
import { useNoticeStore } from '@/stores/notice-store';
import { useTabletStore } from './tablet/tablet-settings';

/** A kiosk reloads for a new version after this long without a touch. */
const QUIET_MS = 60_000;

/**
 * The service worker: the app shell from the cache (instant reload, opens offline), and new
 * versions picked up — a kiosk reloads by itself at a quiet moment, everyone else is offered
 * "Update".
 */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    onNeedRefresh() {
      if (useTabletStore.getState().kiosk) {
        let timer = setTimeout(() => void update(true), QUIET_MS);
        window.addEventListener(
          'pointerdown',
          () => {
            clearTimeout(timer);
            timer = setTimeout(() => void update(true), QUIET_MS);
          },
          true,
        );
        return;
      }
      useNoticeStore.getState().show({
        kind: 'info',
        text: t('app:notice.newVersion'),
        action: { label: t('app:notice.update'), run: () => void update(true) },
      });
    },
  });
}
