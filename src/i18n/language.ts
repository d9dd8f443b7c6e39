/** The languages Tafel speaks, and how one is chosen. */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a person chose in the settings: a language, or whatever the browser prefers. */
export type LanguageChoice = Language | 'browser';

export const isLanguage = (v: unknown): v is Language =>
  typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** The first of the browser's languages Tafel speaks (`de-AT` → de), else English. */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/**
 * The language to show: `?lang=de` for this visit (a kiosk URL), else the choice saved in
 * this browser, else the browser's own preference.
 */
export function resolveLanguage(
  choice: LanguageChoice,
  search: string,
  preferred: readonly string[],
): Language {
  const param = new URLSearchParams(search).get('lang')?.toLowerCase();
  if (isLanguage(param)) return param;
  if (choice !== 'browser') return choice;
  return languageFromBrowser(preferred);
}

/** The locale for numbers, dates and times: German as people in Germany write them. */
export const LOCALES: Readonly<Record<Language, string>> = { de: 'de-DE', en: 'en' };
