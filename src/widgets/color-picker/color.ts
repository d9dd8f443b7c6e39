import { msg, type Message } from '@/i18n/message';
import type { DecodedPayload } from '@/mqtt/payload';
import { readValue } from '../kit/value';
import { renderPayload } from '@/widgets/kit/payload-template';

/** A colour as 8-bit red, green and blue. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** What the picker sends: `#ff8800`, `255,136,0` or `{"r":255,"g":136,"b":0}`. */
export type ColorFormat = 'hex' | 'rgb' | 'json';

export type ColorReading =
  | { readonly ok: true; readonly rgb: Rgb }
  | { readonly ok: false; readonly reason: Message; readonly raw: string };

// Without "#" only six digits count: a bare "255" is a number, not #225555.
const HEX_RE = /^(?:#([0-9a-f]{3})|#?([0-9a-f]{6}))$/i;
// "255,136,0", "255, 136, 0", and inside rgb(…)/rgba(…) also "255 136 0" and "255 136 0 / 50%".
const TRIPLE_RE = /^(\d{1,3}(?:\.\d+)?)\s*,\s*(\d{1,3}(?:\.\d+)?)\s*,\s*(\d{1,3}(?:\.\d+)?)$/;
const FUNC_RE =
  /^rgba?\(\s*(\d{1,3}(?:\.\d+)?)\s*[, ]\s*(\d{1,3}(?:\.\d+)?)\s*[, ]\s*(\d{1,3}(?:\.\d+)?)\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/i;
// Longer text cannot be a colour; checking the length first keeps a 1 MB payload cheap.
const MAX_COLOR_TEXT = 64;

const channel = (s: string): number | null => {
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 && n <= 255 ? Math.round(n) : null;
};

function fromTriple(m: RegExpExecArray | null): Rgb | null {
  if (!m) return null;
  const [r, g, b] = [channel(m[1]!), channel(m[2]!), channel(m[3]!)];
  return r === null || g === null || b === null ? null : { r, g, b };
}

/** The colour in a text: `#ff8800`, `#f80`, `ff8800`, `255,136,0` or `rgb(255, 136, 0)`. */
export function parseColorText(text: string): Rgb | null {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_COLOR_TEXT) return null;
  const hex = HEX_RE.exec(t);
  if (hex) {
    const h = hex[1] ? hex[1].replace(/./g, (c) => c + c) : hex[2]!;
    const n = parseInt(h, 16);
    return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
  }
  return fromTriple(TRIPLE_RE.exec(t)) ?? fromTriple(FUNC_RE.exec(t));
}

/** The colour in a JSON value: a colour text, or an object `{r, g, b}` of 0–255 numbers. */
export function parseColorValue(v: unknown): Rgb | null {
  if (typeof v === 'string') return parseColorText(v);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const ch = (x: unknown) =>
    typeof x === 'number' || (typeof x === 'string' && x.trim() !== '') ? channel(String(x)) : null;
  const [r, g, b] = [ch(o.r), ch(o.g), ch(o.b)];
  return r === null || g === null || b === null ? null : { r, g, b };
}

/**
 * The colour in a state message, in any format the picker sends (and `rgb(…)`), optionally
 * through a JSON value path. Never throws; anything else is a reason with the raw text.
 */
export function readColor(p: DecodedPayload, path = ''): ColorReading {
  const r = readValue(p, path);
  if (!r.ok) return { ok: false, reason: r.reason, raw: r.raw };
  // A bare "123456" decodes as a number: its text is still a hex colour without "#".
  const rgb =
    path.trim() === '' && typeof r.value !== 'object' && typeof r.value !== 'string'
      ? parseColorText(p.text ?? '')
      : parseColorValue(r.value);
  return rgb
    ? { ok: true, rgb }
    : { ok: false, reason: msg('widgets:colorPicker.notColor'), raw: p.text ?? '' };
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** `#rrggbb`, lower case: what `<input type="color">` takes and gives. */
export function toHex({ r, g, b }: Rgb): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

/** The colour as the picker sends it in `format`. */
export function formatColor(rgb: Rgb, format: ColorFormat): string {
  switch (format) {
    case 'hex':
      return toHex(rgb);
    case 'rgb':
      return `${rgb.r},${rgb.g},${rgb.b}`;
    case 'json':
      return JSON.stringify({ r: rgb.r, g: rgb.g, b: rgb.b });
  }
}

/**
 * The payload for `rgb`: `format`'s text through the payload template (see renderPayload).
 * JSON output goes into a template as an object, not as a quoted string, so
 * `{"color": {value}}` gives `{"color": {"r":255,"g":136,"b":0}}`.
 */
export function renderColorPayload(template: string, rgb: Rgb, format: ColorFormat): string {
  const text = formatColor(rgb, format);
  if (format !== 'json' || template.trim() === '') return renderPayload(template, text);
  // renderPayload would quote a string value inside a JSON template; the object goes in raw,
  // except where the template quotes the placeholder itself ("{value}": a JSON string).
  return template.replace(/("?)\{value\}("?)/g, (_m, open: string, close: string) =>
    open && close ? JSON.stringify(text) : open + text + close,
  );
}

/** Black or white, whichever reads better on `rgb` (WCAG relative luminance). */
export function readableOn({ r, g, b }: Rgb): '#000000' | '#ffffff' {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  // 0.179 is where black and white text have equal contrast against the colour.
  return l > 0.179 ? '#000000' : '#ffffff';
}
