/**
 * Words said later, as data: a key and its values, or words from outside. Free of i18next
 * (types only), so code that only names messages — the live worker's connection, the topic
 * filters — does not load the whole i18n runtime and both languages' texts with it.
 * Saying them is `say` in message.ts, on the page.
 */
import type { TKey } from './i18n';

export interface Message {
  readonly key: TKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** A message for `key`, with the values it interpolates. */
export function msg(key: TKey, values?: Readonly<Record<string, string | number>>): Message {
  return values ? { key, values } : { key };
}

/** Words from outside (a broker's own reason, a file's error): shown as they came. */
export interface Verbatim {
  readonly verbatim: string;
}

export const verbatim = (text: string): Verbatim => ({ verbatim: text });

/**
 * A key, checked by tsc, for places that store it as a string to be said later (zod
 * messages in schemas, labels in widget definitions): `message: key('sync:…')`.
 */
export const key = <K extends TKey>(k: K): K => k;
