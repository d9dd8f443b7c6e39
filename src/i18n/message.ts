/**
 * Text that is said later, in whatever language is on screen then: a key and its values.
 * Readers of payloads, the connection and the sync hand these on instead of English strings,
 * so a language switch changes every message already on screen.
 */
import { t, type TKey } from './i18n';
import type { Message, Verbatim } from './words';

// The data of a message lives in words.ts (no i18next); the page's code takes it from here.
export { msg, verbatim, type Message, type Verbatim } from './words';

/**
 * What a label or hint can be: a key, a message, or words from outside. Never a plain
 * string: English written into code would stay English in German.
 */
export type Text = TKey | Message | Verbatim;

/** A message, verbatim text or a key, in the language on screen. */
export function say(text: Text): string {
  if (typeof text === 'string') return t(text);
  if ('verbatim' in text) return text.verbatim;
  return text.values ? t(text.key, text.values) : t(text.key);
}

/** The same words: the same key and values (or the same verbatim text). */
export function sameText(a: Message | Verbatim | null, b: Message | Verbatim | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if ('verbatim' in a || 'verbatim' in b) {
    return 'verbatim' in a && 'verbatim' in b && a.verbatim === b.verbatim;
  }
  return a.key === b.key && JSON.stringify(a.values ?? {}) === JSON.stringify(b.values ?? {});
}
