/**
 * Payloads typed as in Node-RED's switch, button and dropdown (str, num, bool, json): what a
 * configured payload means and the exact text that goes out, and value comparison the way
 * people read payloads.
 */
import { key, type TKey } from '@/i18n/i18n';
import { verbatim, type Text } from '@/i18n/message';
import { parseNumberText, readValuePath } from '@/mqtt/payload';

export const payloadTypes = ['text', 'number', 'boolean', 'json'] as const;
export type PayloadType = (typeof payloadTypes)[number];

/** Labels for the settings form. */
export const payloadTypeOptions: ReadonlyArray<{ value: PayloadType; label: Text }> = [
  { value: 'text', label: key('widgets:payloadType.text') },
  { value: 'number', label: key('widgets:payloadType.number') },
  { value: 'boolean', label: key('widgets:payloadType.boolean') },
  { value: 'json', label: verbatim('JSON') },
];

/** A typed payload: the value it stands for, and the exact text that is published. */
export type TypedPayload =
  | { readonly ok: true; readonly value: unknown; readonly text: string }
  /** `error`: a key, so it can be a zod issue's message (said in the language on screen). */
  | { readonly ok: false; readonly error: TKey };

/**
 * Read a configured payload as its type. Text is sent exactly as typed (white space
 * included); numbers and booleans trimmed; JSON compacted (so the wire carries
 * `{"state":"ON"}` however it was indented).
 */
export function encodeTyped(text: string, type: PayloadType): TypedPayload {
  const t = text.trim();
  switch (type) {
    case 'text':
      return { ok: true, value: text, text };
    case 'number': {
      const n = parseNumberText(t);
      return n === null
        ? { ok: false, error: key('widgets:payloadType.errors.number') }
        : { ok: true, value: n, text: t };
    }
    case 'boolean':
      return t === 'true' || t === 'false'
        ? { ok: true, value: t === 'true', text: t }
        : { ok: false, error: key('widgets:payloadType.errors.boolean') };
    case 'json':
      try {
        const value = JSON.parse(t) as unknown;
        return { ok: true, value, text: JSON.stringify(value) };
      } catch {
        return { ok: false, error: key('widgets:payloadType.errors.json') };
      }
  }
}

/**
 * What a state message must carry at `path` to mean this payload: for an object payload
 * (`{"state":"ON"}` with path `state`) the value at the same path, else the payload itself.
 * So a Zigbee2MQTT-style light, commanded with `{"state":"ON"}` and reporting
 * `{"state":"ON","brightness":80}`, needs only the path `state`.
 */
export function expectedAt(payloadValue: unknown, path: string): unknown {
  if (path.trim() === '' || payloadValue === null || typeof payloadValue !== 'object') {
    return payloadValue;
  }
  const inner = readValuePath(payloadValue, path);
  return inner === undefined ? payloadValue : inner;
}

/**
 * Equal by value, the way people read payloads: `1` equals `"1"`, `true` equals `"true"`,
 * text is compared without surrounding white space, objects by their keys (in any order)
 * and arrays item by item. A number never equals a boolean.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  if (typeof a === 'string') return sameAsText(b, a);
  if (typeof b === 'string') return sameAsText(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

function sameAsText(v: unknown, text: string): boolean {
  if (typeof v === 'number') return parseNumberText(text) === v;
  if (typeof v === 'boolean') return text.trim() === String(v);
  return false;
}
