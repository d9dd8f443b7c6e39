/**
 * Reading numbers out of payloads on the server, by the app's rules (src/mqtt/payload.ts and
 * src/widgets/kit/value.ts): the recorder must store the number a widget would show. server/
 * and src/ share nothing but the wire, so the rules are written here again; decode.test.ts
 * holds the same cases as the app's tests.
 */

/** A number as JSON and JavaScript write it (no hex, no Infinity, no thousands separators). */
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** German notation, "21,5": one comma, digits on both sides, no point. */
const GERMAN_RE = /^[+-]?\d+,\d+$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A payload decoded once for all the value paths that read it. */
export interface Decoded {
  /** UTF-8 text, or null for binary. */
  readonly text: string | null;
  /** Parsed JSON, undefined when the text is not JSON. */
  readonly json: unknown;
}

export function decode(bytes: Uint8Array): Decoded {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { text: null, json: undefined };
  }
  return { text, json: parseJsonish(text) };
}

function parseJsonish(text: string): unknown {
  const t = text.trim();
  if (t.length === 0) return undefined;
  if (NUMBER_RE.test(t)) return Number(t);
  const c = t.charCodeAt(0);
  if (c === 123 || c === 91 || c === 34 || t === 'true' || t === 'false' || t === 'null') {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function numberText(text: string): number | null {
  const t = text.trim();
  if (NUMBER_RE.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  // A German device's "21,5": the app reads it with German on screen; the recorder cannot
  // know the screen's language and keeps the number rather than lose the point.
  if (GERMAN_RE.test(t)) return Number(t.replace(',', '.'));
  return null;
}

const pathCache = new Map<string, ReadonlyArray<string | number> | null>();

/** `temp`, `sensor.values[0]`, `a["b c"]` → keys; null when malformed. As the app parses them. */
export function parseValuePath(path: string): ReadonlyArray<string | number> | null {
  const cached = pathCache.get(path);
  if (cached !== undefined) return cached;
  const keys: Array<string | number> = [];
  const re =
    /\s*(?:\.?([A-Za-z_$][\w$-]*)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*'([^']*)'\s*\])/y;
  let i = 0;
  const p = path.trim();
  let result: Array<string | number> | null = keys;
  while (i < p.length) {
    re.lastIndex = i;
    const m = re.exec(p);
    if (!m || m[0].length === 0 || (i === 0 && m[0].startsWith('.'))) {
      result = null;
      break;
    }
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[3] !== undefined) keys.push(m[3].replace(/\\(.)/g, '$1'));
    else if (m[4] !== undefined) keys.push(m[4]);
    i = re.lastIndex;
  }
  if (pathCache.size > 1000) pathCache.clear();
  pathCache.set(path, result);
  return result;
}

/** The number a widget with this value path reads from the payload, or null ("—", invalid). */
export function numberAt(p: Decoded, path: string): number | null {
  if (p.text === null || p.text.trim() === '') return null;
  let v: unknown;
  if (path.trim() === '') {
    v = p.json !== undefined ? p.json : p.text;
  } else {
    const keys = parseValuePath(path);
    if (!keys || p.json === undefined) return null;
    v = p.json;
    for (const k of keys) {
      if (v === null || typeof v !== 'object') return null;
      v = (v as Record<string | number, unknown>)[k];
    }
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return numberText(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}
