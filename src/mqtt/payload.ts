/**
 * Decoding MQTT payloads, once per message, into a form every widget can read cheaply.
 */

/** A payload as the live path keeps it. Immutable once made. */
export interface DecodedPayload {
  /** The payload as UTF-8 text, or null when the bytes are not valid UTF-8. */
  readonly text: string | null;
  /** Parsed JSON (numbers, strings, objects, arrays, booleans, null); undefined when not JSON. */
  readonly json: unknown;
  /** Payload size in bytes. */
  readonly size: number;
  /** For binary payloads: the first bytes in hex, for showing what arrived. */
  readonly hexPreview?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX_PREVIEW_BYTES = 32;

/**
 * Decode raw bytes. Plain numbers (`21.5`, ` 42 `) become numbers; text that looks like JSON
 * (objects, arrays, quoted strings, true/false/null) is parsed; anything else stays text.
 * Never throws.
 */
export function decodePayload(bytes: Uint8Array): DecodedPayload {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    let hex = '';
    const n = Math.min(bytes.length, HEX_PREVIEW_BYTES);
    for (let i = 0; i < n; i++) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0') + ' ';
    return {
      text: null,
      json: undefined,
      size: bytes.length,
      hexPreview: hex.trimEnd() + (bytes.length > n ? ' …' : ''),
    };
  }
  return { text, json: parseJsonish(text), size: bytes.length };
}

function parseJsonish(text: string): unknown {
  const t = text.trim();
  if (t.length === 0) return undefined;
  if (NUMBER_RE.test(t)) return Number(t);
  const c = t.charCodeAt(0);
  // Only try JSON.parse where it can succeed: { [ " t f n — a cheap guard on the hot path.
  if (c === 123 || c === 91 || c === 34 || t === 'true' || t === 'false' || t === 'null') {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const pathCache = new Map<string, ReadonlyArray<string | number> | null>();

/**
 * Split a value path such as `temp`, `sensor.values[0]` or `a["b c"]` into keys.
 * Returns null for a malformed path. Results are cached: widgets re-read them per message.
 */
export function parseValuePath(path: string): ReadonlyArray<string | number> | null {
  const cached = pathCache.get(path);
  if (cached !== undefined) return cached;
  const keys: Array<string | number> = [];
  const re =
    /\s*(?:\.?([A-Za-z_$][\w$-]*)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*'([^']*)'\s*\])/y;
  let i = 0;
  const p = path.trim();
  while (i < p.length) {
    re.lastIndex = i;
    const m = re.exec(p);
    if (!m || m[0].length === 0 || (i === 0 && m[0].startsWith('.'))) {
      pathCache.set(path, null);
      return null;
    }
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[3] !== undefined) keys.push(m[3].replace(/\\(.)/g, '$1'));
    else if (m[4] !== undefined) keys.push(m[4]);
    i = re.lastIndex;
  }
  if (pathCache.size > 1000) pathCache.clear();
  pathCache.set(path, keys);
  return keys;
}

/** Read `path` from a JSON value; undefined when any step is missing. Empty path = the value. */
export function readValuePath(value: unknown, path: string): unknown {
  if (path.trim() === '') return value;
  const keys = parseValuePath(path);
  if (!keys) return undefined;
  let v: unknown = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

export type NumberReading =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: string; readonly raw: string };

/** The payload as shown to a person when it cannot be used: text, or a binary summary. */
export function rawText(p: DecodedPayload): string {
  if (p.text === null) return `binary, ${p.size} bytes: ${p.hexPreview ?? ''}`;
  return p.text;
}

/**
 * A number from a payload, optionally through a JSON value path. Accepts numbers, numeric
 * strings and booleans (true = 1), as Node-RED's gauge does; anything else is a reason.
 */
export function readNumber(p: DecodedPayload, path = ''): NumberReading {
  if (p.text === null) return { ok: false, reason: 'binary payload', raw: rawText(p) };
  if (p.text.trim() === '') return { ok: false, reason: 'empty payload', raw: '' };
  const hasPath = path.trim() !== '';
  if (hasPath && parseValuePath(path) === null) {
    return { ok: false, reason: `invalid value path “${path}”`, raw: p.text };
  }
  if (p.json === undefined) {
    return { ok: false, reason: hasPath ? 'not JSON' : 'not a number', raw: p.text };
  }
  const v = readValuePath(p.json, path);
  if (typeof v === 'number' && Number.isFinite(v)) return { ok: true, value: v };
  if (typeof v === 'string' && NUMBER_RE.test(v.trim())) return { ok: true, value: Number(v) };
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  if (v === undefined) return { ok: false, reason: `no value at “${path}”`, raw: p.text };
  return { ok: false, reason: 'not a number', raw: p.text };
}
