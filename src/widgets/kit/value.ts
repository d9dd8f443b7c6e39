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
  readonly reason: string;
  /** What arrived, as text, to show the person. */
  readonly raw: string;
}

export type Reading<T> = { readonly ok: true; readonly value: T } | Unreadable;

const invalid = (reason: string, raw: string): Unreadable => ({
  ok: false,
  kind: 'invalid',
  reason,
  raw,
});
const none = (reason: string, raw: string): Unreadable => ({
  ok: false,
  kind: 'none',
  reason,
  raw,
});

/** The value at `path` (see the module comment). */
export function readValue(p: DecodedPayload, path: string): Reading<unknown> {
  if (p.text === null) return invalid('binary payload', rawText(p));
  if (p.text.trim() === '') return none('empty payload', '');
  if (path.trim() === '') {
    if (p.json === null) return none('null', p.text);
    return { ok: true, value: p.json !== undefined ? p.json : p.text };
  }
  if (parseValuePath(path) === null) return invalid(`invalid value path “${path}”`, p.text);
  if (p.json === undefined) return invalid('not JSON', p.text);
  const v = readValuePath(p.json, path);
  if (v === undefined) return invalid(`no value at “${path}”`, p.text);
  if (v === null) return none('null', p.text);
  return { ok: true, value: v };
}

/**
 * A number: JSON numbers, numeric strings ("19.5") and booleans (true = 1), as Node-RED's
 * gauge reads them. A number too large for a double is not one.
 */
export function readNumber(p: DecodedPayload, path = ''): Reading<number> {
  const r = readValue(p, path);
  if (!r.ok) return r;
  const v = r.value;
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : notNumber(p);
  if (typeof v === 'string') {
    const n = parseNumberText(v);
    return n === null ? notNumber(p) : { ok: true, value: n };
  }
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  return notNumber(p);
}

const notNumber = (p: DecodedPayload) => invalid('not a number', p.text ?? rawText(p));

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
