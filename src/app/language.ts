import { setLanguage } from '@/i18n/i18n';
import { resolveLanguage } from '@/i18n/language';
import { useTabletStore } from './tablet/tablet-settings';

/**
 * Show Tafel in the language chosen: `?lang=` for this visit, else this browser's setting,
 * else the browser's preference — now, before the first render, and again whenever the
 * setting or the browser's languages change (no reload).
 */
export function bindLanguage(): () => void {
  const apply = () =>
    setLanguage(
      resolveLanguage(
        useTabletStore.getState().settings.language,
        window.location.search,
        navigator.languages ?? [navigator.language],
      ),
    );
  apply();
  const off = useTabletStore.subscribe((s, prev) => {
    if (s.settings.language !== prev.settings.language) apply();
  });
  window.addEventListener('languagechange', apply);
  return () => {
    off();
    window.removeEventListener('languagechange', apply);
  };
}
