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
/** A number as JSON and JavaScript write it (no hex, no Infinity, no thousands separators). */
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The number a text spells, or null: `21.5`, ` 42 `, `-1e3`. Too large for a double (1e999)
 * is no number. The one place Tafel decides what text is a number.
 */
export function parseNumberText(text: string): number | null {
  const t = text.trim();
  if (!NUMBER_RE.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
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
  if (NUMBER_RE.test(t)) return Number(t); // 1e999 stays Infinity here: it was sent as a number
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

/** The payload as shown to a person when it cannot be used: text, or a binary summary. */
export function rawText(p: DecodedPayload): string {
  if (p.text === null) return `binary, ${p.size} bytes: ${p.hexPreview ?? ''}`;
  return p.text;
}
