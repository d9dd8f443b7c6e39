import { parseValuePath, rawText, readValuePath, type DecodedPayload } from '@/mqtt/payload';

/** How an on/off payload is typed, as in Node-RED's switch (str, num, bool, json). */
export const payloadTypes = ['text', 'number', 'boolean', 'json'] as const;
export type PayloadType = (typeof payloadTypes)[number];

/** Labels for the settings form. */
export const payloadTypeOptions: ReadonlyArray<{ value: PayloadType; label: string }> = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Boolean (true / false)' },
  { value: 'json', label: 'JSON' },
];

/** A typed payload: the value it stands for, and the exact text that is published. */
export type TypedPayload =
  | { readonly ok: true; readonly value: unknown; readonly text: string }
  | { readonly ok: false; readonly error: string };

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Read a configured payload as its type. Text is sent exactly as typed; numbers and booleans
 * trimmed; JSON compacted (so the wire carries `{"state":"ON"}` however it was indented).
 */
export function parseTyped(text: string, type: PayloadType): TypedPayload {
  const t = text.trim();
  switch (type) {
    case 'text':
      return { ok: true, value: text, text };
    case 'number':
      return NUMBER_RE.test(t) && Number.isFinite(Number(t))
        ? { ok: true, value: Number(t), text: t }
        : { ok: false, error: `“${text}” is not a number` };
    case 'boolean':
      return t === 'true' || t === 'false'
        ? { ok: true, value: t === 'true', text: t }
        : { ok: false, error: 'Use true or false' };
    case 'json':
      try {
        const value = JSON.parse(t) as unknown;
        return { ok: true, value, text: JSON.stringify(value) };
      } catch {
        return { ok: false, error: 'Not valid JSON' };
      }
  }
}

/** The value a state message carries (through the value path), or why there is none. */
export type Incoming =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string; readonly raw: string };

/**
 * The value of a state message: the JSON value at `path`, or without a path the whole
 * payload (parsed when it is JSON or a number, else its text).
 */
export function readIncoming(p: DecodedPayload, path: string): Incoming {
  if (p.text === null) return { ok: false, reason: 'binary payload', raw: rawText(p) };
  if (path.trim() === '') return { ok: true, value: p.json !== undefined ? p.json : p.text };
  if (parseValuePath(path) === null) {
    return { ok: false, reason: `invalid value path “${path}”`, raw: p.text };
  }
  if (p.json === undefined) return { ok: false, reason: 'not JSON', raw: p.text };
  const value = readValuePath(p.json, path);
  if (value === undefined) return { ok: false, reason: `no value at “${path}”`, raw: p.text };
  return { ok: true, value };
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
  const t = text.trim();
  if (typeof v === 'number') return NUMBER_RE.test(t) && Number(t) === v;
  if (typeof v === 'boolean') return t === String(v);
  return false;
}
