import { parseValuePath, rawText, readValuePath, type DecodedPayload } from '@/mqtt/payload';

/** A payload's value as a text display sees it. */
export type DisplayReading =
  | { readonly ok: true; readonly kind: 'number'; readonly value: number }
  | { readonly ok: true; readonly kind: 'text'; readonly value: string }
  | { readonly ok: false; readonly reason: string; readonly raw: string };

/**
 * The value at `path` for showing: a number stays a number (so decimals apply), a JSON
 * string is its text, true/false/null and objects are shown as JSON text, and a payload that
 * is not JSON is its text. Binary payloads, malformed paths and missing values are reasons.
 */
export function readDisplay(p: DecodedPayload, path: string): DisplayReading {
  if (p.text === null) return { ok: false, reason: 'binary payload', raw: rawText(p) };
  const hasPath = path.trim() !== '';
  if (!hasPath) {
    // A number too large for a double (1e999) is shown as the digits sent, not as ∞.
    if (typeof p.json === 'number' && Number.isFinite(p.json)) {
      return { ok: true, kind: 'number', value: p.json };
    }
    if (typeof p.json === 'string') return { ok: true, kind: 'text', value: p.json };
    return { ok: true, kind: 'text', value: p.text };
  }
  if (parseValuePath(path) === null) {
    return { ok: false, reason: `invalid value path “${path}”`, raw: p.text };
  }
  if (p.json === undefined) return { ok: false, reason: 'not JSON', raw: p.text };
  const v = readValuePath(p.json, path);
  if (v === undefined) return { ok: false, reason: `no value at “${path}”`, raw: p.text };
  if (typeof v === 'number') {
    return Number.isFinite(v)
      ? { ok: true, kind: 'number', value: v }
      : { ok: true, kind: 'text', value: String(v) };
  }
  if (typeof v === 'string') return { ok: true, kind: 'text', value: v };
  return { ok: true, kind: 'text', value: JSON.stringify(v) };
}
