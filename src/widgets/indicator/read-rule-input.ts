import { parseValuePath, rawText, readValuePath, type DecodedPayload } from '@/mqtt/payload';
import type { RuleInput } from '@/widgets/kit/rules';

/** A value ready for the rules, or why it cannot be read. */
export type RuleReading =
  | ({ readonly ok: true } & RuleInput)
  | { readonly ok: false; readonly reason: string; readonly raw: string };

/**
 * The value at `path` as rules compare it: its text (a JSON string unquoted, anything else
 * as JSON text) and its number when it is one. Binary payloads, malformed paths and missing
 * values are reasons, so they show as invalid rather than matching `else`.
 */
export function readRuleInput(p: DecodedPayload, path: string): RuleReading {
  if (p.text === null) return { ok: false, reason: 'binary payload', raw: rawText(p) };
  let text: string;
  if (path.trim() === '') {
    text = typeof p.json === 'string' ? p.json : p.text.trim();
  } else {
    if (parseValuePath(path) === null) {
      return { ok: false, reason: `invalid value path “${path}”`, raw: p.text };
    }
    if (p.json === undefined) return { ok: false, reason: 'not JSON', raw: p.text };
    const v = readValuePath(p.json, path);
    if (v === undefined) return { ok: false, reason: `no value at “${path}”`, raw: p.text };
    text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  }
  const n = text.trim() === '' ? NaN : Number(text);
  return { ok: true, text, number: Number.isFinite(n) ? n : null };
}
