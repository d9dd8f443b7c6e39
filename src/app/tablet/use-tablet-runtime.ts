import { t } from '@/i18n/i18n';
import { useEffect, useState } from 'react';
import { readValuePath, decodePayload } from '@/mqtt/payload';
import { useConnectionStore } from '@/stores/connection-store';
import { useNoticeStore } from '@/stores/notice-store';
import { ruleMatches } from '@/widgets/kit/rules';
import { connection } from '../bootstrap';
import { useTabletStore } from './tablet-settings';

const WATCHDOG_FLAG = 'tafel.watchdog-reloaded';

/** A sessionStorage value; undefined where the browser refuses the storage (it throws then). */
function readSession(key: string): string | null | undefined {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return undefined;
  }
}

/** Set (or, with null, remove) a sessionStorage value; false where the browser refuses. */
function writeSession(key: string, value: string | null): boolean {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * What keeps a wall tablet going for weeks: display scale, the screen kept on (kiosk), reconnect
 * at once when the page wakes up, and a watchdog that reloads once when the broker stays away.
 * Returns whether the screen is dimmed (and a way to wake it).
 */
export function useTabletRuntime(): { dimmed: boolean; wake(): void } {
  const settings = useTabletStore((s) => s.settings);
  const kiosk = useTabletStore((s) => s.kiosk);
  const [dimmed, setDimmed] = useState(false);

  // Display scale: the whole page, for reading at two metres.
  useEffect(() => {
    const root = document.documentElement.style;
    root.zoom = settings.scale === 100 ? '' : String(settings.scale / 100);
    root.setProperty('--display-scale', String(settings.scale / 100));
  }, [settings.scale]);

  // After sleep, wake or a network change, reconnect now instead of waiting for the backoff.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') connection.reconnectNow();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  // Screen Wake Lock in kiosk mode; the browser drops it when the page is hidden: take it again.
  useEffect(() => {
    if (!kiosk || !settings.wakeLock) return;
    if (!window.isSecureContext || !('wakeLock' in navigator)) {
      useNoticeStore.getState().show({
        kind: 'warning',
        text: t('app:tablet.wakeLockHttp'),
        timeoutMs: 15_000,
      });
      return;
    }
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const acquire = () => {
      if (stopped || document.visibilityState !== 'visible') return;
      navigator.wakeLock.request('screen').then(
        (l) => {
          if (stopped) void l.release();
          else lock = l;
        },
        () => {
          // Refused (battery saver, not visible): the next visibilitychange tries again.
        },
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', acquire);
      void lock?.release();
    };
  }, [kiosk, settings.wakeLock]);

  // Night dimming: after N minutes without a touch; a touch or a matching message wakes it.
  useEffect(() => {
    if (settings.dimAfterMinutes === null) return;
    const after = settings.dimAfterMinutes * 60_000;
    let timer = setTimeout(() => setDimmed(true), after);
    const activity = () => {
      setDimmed(false);
      clearTimeout(timer);
      timer = setTimeout(() => setDimmed(true), after);
    };
    window.addEventListener('pointerdown', activity, true);
    window.addEventListener('keydown', activity, true);
    // A notification from the dashboard is for someone to read: light the screen for it.
    const offNotices = useNoticeStore.subscribe((s, prev) => {
      const latest = s.notices.at(-1);
      if (latest && latest !== prev.notices.at(-1) && latest.source === 'widget') activity();
    });
    let release = () => {};
    let unlisten = () => {};
    if (settings.wakeTopic) {
      release = connection.subscriptions.acquire(settings.wakeTopic, 0);
      unlisten = connection.listen(settings.wakeTopic, (_topic, bytes) => {
        const payload = decodePayload(bytes);
        const value = readValuePath(payload.json ?? payload.text, '');
        const text = payload.text ?? '';
        const number = typeof value === 'number' ? value : null;
        if (ruleMatches(settings.wakeRule, { text, number })) activity();
      });
    }
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', activity, true);
      window.removeEventListener('keydown', activity, true);
      offNotices();
      release();
      unlisten();
    };
  }, [settings.dimAfterMinutes, settings.wakeTopic, settings.wakeRule]);

  // Watchdog: no broker for N minutes while the network is up → reload, once.
  useEffect(() => {
    const minutes = settings.watchdogMinutes;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = (status: string) => {
      if (status === 'connected') {
        writeSession(WATCHDOG_FLAG, null);
        if (timer) clearTimeout(timer);
        timer = null;
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          // Without sessionStorage (refused) it cannot tell a reload it made: it makes none.
          if (
            navigator.onLine &&
            readSession(WATCHDOG_FLAG) === null &&
            writeSession(WATCHDOG_FLAG, String(Date.now()))
          ) {
            window.location.reload();
          }
        }, minutes * 60_000);
      }
    };
    check(useConnectionStore.getState().status);
    const unsubscribe = useConnectionStore.subscribe((s, prev) => {
      if (s.status !== prev.status) check(s.status);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [settings.watchdogMinutes]);

  return { dimmed, wake: () => setDimmed(false) };
}
