import { setLanguage } from '@/i18n/i18n';
import { resolveLanguage } from '@/i18n/language';
import { useTabletStore } from './tablet/tablet-settings';

/**
 * Show Tafel in the language chosen: `?lang=` for this visit, else this browser's setting,
 * else the browser's preference — now, before the first render, and again whenever the
 * setting or the browser's languages change (no reload).
 *
 * `?lang=` is read once: the app's own navigation may drop it from the address. Choosing a
 * language in the settings during the visit wins over it (the person in front of the tablet
 * asked for that one), and takes it out of the address, so a reload shows the choice too.
 */
export function bindLanguage(): () => void {
  let visit = window.location.search;
  const apply = () =>
    setLanguage(
      resolveLanguage(
        useTabletStore.getState().settings.language,
        visit,
        navigator.languages ?? [navigator.language],
      ),
    );
  apply();
  const off = useTabletStore.subscribe((s, prev) => {
    if (s.settings.language === prev.settings.language) return;
    visit = '';
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang');
      history.replaceState(history.state, '', url);
    }
    apply();
  });
  window.addEventListener('languagechange', apply);
  return () => {
    off();
    window.removeEventListener('languagechange', apply);
  };
}
