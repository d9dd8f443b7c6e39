/**
 * Tafel's languages: German and English, through i18next. Resources are JSON files in
 * locales/<language>/<namespace>.json, one namespace per area; both languages ship with the
 * app (a first paint in the right language, and switching without a reload).
 *
 * Plurals are i18next's (`key_one` / `key_other`, chosen by Intl.PluralRules, so CLDR's
 * categories as ICU has them), interpolation `{{name}}`. Keys are typed (i18next.d.ts): a
 * missing or misspelt key fails `tsc`.
 */
import i18next, { type ParseKeys, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import { resources } from './resources';
import { LOCALES, type Language } from './language';

export const NAMESPACES = ['common', 'app', 'editor', 'sync', 'widgets'] as const;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes; nothing is rendered as HTML
  returnNull: false,
  initAsync: false,
});

export type Namespace = (typeof NAMESPACES)[number];

/** Any key, with its namespace: `widgets:value.binary`, `common:cancel`. */
export type TKey = ParseKeys<Namespace[]>;

/**
 * `t` for code outside React (notices, reasons); components use useTranslation(). Keys are
 * written with their namespace (`app:header.edit`), `common` ones also without.
 */
export const t: TFunction<Namespace[]> = i18n.getFixedT(null, [...NAMESPACES]);

// `key` lives in words.ts (free of i18next, for the live worker); said here for the page.
export { key } from './words';

/** The language on screen now. */
export function currentLanguage(): Language {
  return i18n.language === 'de' ? 'de' : 'en';
}

/** Its locale, for Intl formats. */
export function currentLocale(): string {
  return LOCALES[currentLanguage()];
}

function apply(language: Language) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  // zod's own messages ("Too small: expected …") in the same language.
  z.config(language === 'de' ? z.locales.de() : z.locales.en());
}

/** Show Tafel in `language`, at once (components re-render; no reload). */
export function setLanguage(language: Language): void {
  apply(language);
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

apply('en');
