/**
 * Reading a widget's value out of a payload: the one place that decides what a message
 * means, so every widget treats the same payload the same way.
 *
 * - A value: the JSON value at the value path, or without a path the whole payload (JSON
 *   when it is JSON, else its text).
 * - No value (`kind: 'none'`): an empty payload (a retained message being cleared) and JSON
 *   `null`. Widgets show their empty state, as before any message.
 * - Invalid (`kind: 'invalid'`): binary payloads, a malformed path, a path into text that is
 *   not JSON, nothing at the path, or a value of the wrong kind. Widgets show "— Invalid
 *   value" with the reason and the raw payload.
 */
import { currentLanguage } from '@/i18n/i18n';
import type { Language } from '@/i18n/language';
import { msg, type Message } from '@/i18n/message';
import {
  parseNumberText,
  parseValuePath,
  rawText,
  readValuePath,
  type DecodedPayload,
} from '@/mqtt/payload';

export interface Unreadable {
  readonly ok: false;
  readonly kind: 'none' | 'invalid';
  /** Why, said later in the language on screen. */
  readonly reason: Message;
  /** What arrived, as text, to show the person. */
  readonly raw: string;
}

export type Reading<T> = { readonly ok: true; readonly value: T } | Unreadable;

const invalid = (reason: Message, raw: string): Unreadable => ({
  ok: false,
  kind: 'invalid',
  reason,
  raw,
});
const none = (reason: Message, raw: string): Unreadable => ({
  ok: false,
  kind: 'none',
  reason,
  raw,
});

/** The value at `path` (see the module comment). */
export function readValue(p: DecodedPayload, path: string): Reading<unknown> {
  if (p.text === null) return invalid(msg('widgets:value.binary'), rawText(p));
  if (p.text.trim() === '') return none(msg('widgets:value.empty'), '');
  if (path.trim() === '') {
    if (p.json === null) return none(msg('widgets:value.null'), p.text);
    return { ok: true, value: p.json !== undefined ? p.json : p.text };
  }
  if (parseValuePath(path) === null) {
    return invalid(msg('widgets:value.badPath', { path }), p.text);
  }
  if (p.json === undefined) return invalid(msg('widgets:value.notJson'), p.text);
  const v = readValuePath(p.json, path);
  if (v === undefined) return invalid(msg('widgets:value.noValueAt', { path }), p.text);
  if (v === null) return none(msg('widgets:value.null'), p.text);
  return { ok: true, value: v };
}

/**
 * A number: JSON numbers, numeric strings ("19.5") and booleans (true = 1), as Node-RED's
 * gauge reads them. A number too large for a double is not one. With German on screen, a
 * number in German notation ("21,5": one comma, no point) is read too: German devices and
 * people send them. In English "21,5" stays text (a list, or a thousands separator).
 */
export function readNumber(
  p: DecodedPayload,
  path = '',
  language: Language = currentLanguage(),
): Reading<number> {
  const r = readValue(p, path);
  if (!r.ok) return r;
  const v = r.value;
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : notNumber(p);
  if (typeof v === 'string') {
    const n = parseNumberText(v) ?? (language === 'de' ? germanNumber(v) : null);
    return n === null ? notNumber(p) : { ok: true, value: n };
  }
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  return notNumber(p);
}

const notNumber = (p: DecodedPayload) =>
  invalid(msg('widgets:value.notNumber'), p.text ?? rawText(p));

/** "21,5" → 21.5: a number in German notation (exactly one comma, no point); else null. */
export function germanNumber(text: string): number | null {
  const t = text.trim();
  // Digits on both sides of the one comma: ",5" and "5," are no German numbers either.
  if (!/^[+-]?\d+,\d+$/.test(t)) return null;
  return parseNumberText(t.replace(',', '.'));
}

/** A value as a text display shows it: numbers stay numbers (decimals apply), the rest is text. */
export type Display =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string };

/**
 * The value for showing: a number stays a number, a JSON string is its text, true/false and
 * objects are JSON text, a payload that is not JSON is its text. A number too large for a
 * double (1e999) is shown as the digits sent, not as ∞.
 */
export function readDisplay(p: DecodedPayload, path: string): Reading<Display> {
  const r = readValue(p, path);
  if (!r.ok) return r;
  return { ok: true, value: displayOf(r.value, path.trim() === '' ? (p.text ?? '') : null) };
}

function displayOf(v: unknown, wholeText: string | null): Display {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return { kind: 'number', value: v };
    return { kind: 'text', value: wholeText ?? String(v) };
  }
  if (typeof v === 'string') return { kind: 'text', value: v };
  // Without a path the payload's own text keeps its formatting; a value inside is JSON.
  return { kind: 'text', value: wholeText ?? JSON.stringify(v) };
}

/** The value as text: JSON strings unquoted, numbers as written, anything else as JSON. */
export function valueAsText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
}
