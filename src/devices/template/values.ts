/**
 * Python's values as Home Assistant's templates see them, in JavaScript: an int is a JS
 * number that is an integer; a float is a `Float` (so `2.0` stays a float and prints `2.0`);
 * strings, booleans, None (null), lists (arrays) and dicts (null-prototype objects), and
 * Jinja's Undefined. Printing follows Python's `str()`: `True`, `None`, `21.0`, `['a', 1]`.
 */

export class Float {
  constructor(readonly value: number) {}
}

/** Jinja's Undefined: a missing variable, key or attribute. Prints as ''; most uses fail. */
export class Undefined {
  constructor(readonly what: string) {}
}

export type Dict = { [key: string]: Value };
export type Value = number | Float | string | boolean | null | Undefined | Value[] | Dict;

/** A template that fails on this message: a missing key used in a sum, 1 / 0, bad JSON. */
export class TemplateError extends Error {
  constructor(
    message: string,
    /** Jinja would do it, the subset does not (`'%d' % x`): say "not supported", not "error". */
    readonly unsupported = false,
  ) {
    super(message);
  }
}

export const isUndefined = (v: Value): v is Undefined => v instanceof Undefined;
export const isNumber = (v: Value): v is number | Float =>
  typeof v === 'number' || v instanceof Float;
export const isDict = (v: Value): v is Dict =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Float) &&
  !(v instanceof Undefined);

/** The number inside an int or float. */
export const num = (v: number | Float): number => (typeof v === 'number' ? v : v.value);

/** A JS number as Python would have it: a float unless it came as an int. */
export const float = (n: number): Float => new Float(n);
export function int(n: number): number {
  if (!Number.isFinite(n)) throw new TemplateError(`cannot convert ${n} to an integer`);
  return Math.trunc(n);
}

/** A number from arithmetic: an int where both sides were ints, else a float. */
export const arith = (n: number, intResult: boolean): number | Float =>
  intResult && Number.isSafeInteger(n) ? n : new Float(n);

/**
 * JSON from the broker into template values, keeping Python's int / float distinction that
 * `json.loads` makes: `21.0` in a payload is a float and prints `21.0`, `21` an int. JSON.parse
 * forgets it (its source access is missing in Node 20), so this reads the grammar itself;
 * strings are decoded by JSON.parse. Objects get no prototype: `__proto__` is just a key.
 */
export function fromJson(text: string): Value {
  const at = { i: 0 };
  const value = jsonValue(text, at, 0);
  skipSpace(text, at);
  if (at.i !== text.length) throw new SyntaxError(`JSON: unexpected text at ${at.i}`);
  return value;
}

const JSON_SPACE = /[ \t\n\r]*/y;
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const MAX_JSON_DEPTH = 64;

function skipSpace(text: string, at: { i: number }) {
  JSON_SPACE.lastIndex = at.i;
  JSON_SPACE.exec(text);
  at.i = JSON_SPACE.lastIndex;
}

function jsonValue(text: string, at: { i: number }, depth: number): Value {
  if (depth > MAX_JSON_DEPTH) throw new SyntaxError('JSON: nested too deeply');
  skipSpace(text, at);
  const c = text[at.i];
  if (c === '{' || c === '[') {
    at.i++;
    const close = c === '{' ? '}' : ']';
    const list: Value[] = [];
    const dict: Dict = Object.create(null) as Dict;
    skipSpace(text, at);
    if (text[at.i] === close) {
      at.i++;
      return c === '{' ? dict : list;
    }
    for (;;) {
      if (c === '{') {
        skipSpace(text, at);
        const key = jsonValue(text, at, depth + 1);
        if (typeof key !== 'string')
          throw new SyntaxError(`JSON: a key must be a string at ${at.i}`);
        skipSpace(text, at);
        if (text[at.i++] !== ':') throw new SyntaxError(`JSON: ":" expected at ${at.i - 1}`);
        dict[key] = jsonValue(text, at, depth + 1);
      } else list.push(jsonValue(text, at, depth + 1));
      skipSpace(text, at);
      const next = text[at.i++];
      if (next === close) return c === '{' ? dict : list;
      if (next !== ',') throw new SyntaxError(`JSON: "," or "${close}" expected at ${at.i - 1}`);
    }
  }
  if (c === '"') {
    JSON_STRING.lastIndex = at.i;
    const m = JSON_STRING.exec(text);
    if (!m) throw new SyntaxError(`JSON: a bad string at ${at.i}`);
    at.i = JSON_STRING.lastIndex;
    return JSON.parse(m[0]) as string;
  }
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (text.startsWith(word, at.i)) {
      at.i += word.length;
      return value;
    }
  }
  JSON_NUMBER.lastIndex = at.i;
  const m = JSON_NUMBER.exec(text);
  if (!m || m[0] === '-') throw new SyntaxError(`JSON: unexpected ${c ?? 'end'} at ${at.i}`);
  at.i = JSON_NUMBER.lastIndex;
  const n = Number(m[0]);
  return m[1] !== undefined || m[2] !== undefined || !Number.isSafeInteger(n) ? new Float(n) : n;
}

/**
 * A plain JS value (a command's value, the caller's parsed JSON) as a template value. A JS
 * number that is an integer becomes an int: JSON.parse has already forgotten whether it was
 * `21` or `21.0`, which is why render() parses `value` itself when given no `value_json`.
 */
export function toValue(v: unknown, name = 'value', depth = 0): Value {
  if (v === undefined) return new Undefined(name);
  if (typeof v === 'number') return Number.isInteger(v) ? v : new Float(v);
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (v instanceof Float || v instanceof Undefined) return v;
  if (depth > MAX_JSON_DEPTH) throw new TemplateError(`${name} is nested too deeply`);
  if (Array.isArray(v)) return v.map((x) => toValue(x, name, depth + 1));
  if (typeof v === 'object') {
    const dict: Dict = Object.create(null) as Dict;
    for (const [k, x] of Object.entries(v)) dict[k] = toValue(x, name, depth + 1);
    return dict;
  }
  return String(v);
}

/**
 * Dict keys. JSON's are strings and stay as they are; a literal dict's other keys (`{None:
 * None, 0: 'off', 1: 'on'}`, as Zigbee2MQTT's climate templates write them) are kept apart from
 * strings by a NUL prefix, and numbers and booleans share one as in Python (`1 == 1.0 ==
 * True`), so `{0: 'off'}[value_json.x]` finds 0, 0.0 and False alike.
 */
const KEY_MARK = '\u0000';

export function dictKey(key: Value): string | null {
  if (typeof key === 'string') return key;
  if (key === null) return `${KEY_MARK}None`;
  if (typeof key === 'boolean') return `${KEY_MARK}${key ? 1 : 0}`;
  if (typeof key === 'number') return `${KEY_MARK}${key}`;
  if (key instanceof Float) {
    return Number.isInteger(key.value) ? `${KEY_MARK}${key.value}` : `${KEY_MARK}f${key.value}`;
  }
  return null; // lists, dicts, Undefined: not hashable
}

/** A stored key back as the value it was, to print a dict as Python would. */
function keyValue(key: string): Value {
  if (!key.startsWith(KEY_MARK)) return key;
  const k = key.slice(1);
  if (k === 'None') return null;
  if (k.startsWith('f')) return new Float(Number(k.slice(1)));
  return Number(k);
}

/** Python's repr of a float: shortest round trip, `.0` on integral values, `1e-05`, `inf`. */
export function floatText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  return Number.isInteger(n) ? `${text}.0` : text;
}

/** Python's str(): what `{{ }}` prints. */
export function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof Undefined) return '';
  return repr(v);
}

/** Python's repr(), as lists and dicts print their items. */
export function repr(v: Value): string {
  if (typeof v === 'string') return stringRepr(v);
  if (typeof v === 'number') return intText(v);
  if (v instanceof Float) return floatText(v.value);
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  if (v instanceof Undefined) return '';
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${repr(keyValue(k))}: ${repr(x)}`)
    .join(', ')}}`;
}

/**
 * Python's repr of a str: single quotes unless the text has ' and no ", backslash escapes
 * for the quote, \\, \n, \r, \t and other control characters.
 */
function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  // eslint-disable-next-line no-control-regex -- control characters are what repr escapes
  const escaped = s.replace(/[\\\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `${quote}${quote === "'" ? escaped.replace(/'/g, "\\'") : escaped}${quote}`;
}

/** An int in all its digits, as Python prints it (`int(1e21)` is not `1e+21`). */
export function intText(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/**
 * JSON as Python's json.dumps writes it: floats as `21.0`, `NaN`/`Infinity` as Python does.
 * Jinja's `tojson` is `json.dumps(sort_keys=True)` (`, ` and `: `, keys sorted, non-ASCII as
 * `\u00fc`); Home Assistant's `to_json` is orjson's compact form, in the dict's own order.
 */
export function toJson(
  v: Value,
  style: { readonly compact: boolean; readonly sortKeys: boolean; readonly ascii: boolean },
): string {
  const comma = style.compact ? ',' : ', ';
  const colon = style.compact ? ':' : ': ';
  const text = (s: string) => {
    const json = JSON.stringify(s);
    return style.ascii
      ? json.replace(
          /[\u007f-\uffff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        )
      : json;
  };
  const write = (x: Value): string => {
    if (typeof x === 'number') return intText(x);
    if (x instanceof Float) {
      if (!Number.isFinite(x.value))
        return x.value > 0 ? 'Infinity' : Number.isNaN(x.value) ? 'NaN' : '-Infinity';
      return floatText(x.value);
    }
    if (typeof x === 'string') return text(x);
    if (typeof x === 'boolean' || x === null) return JSON.stringify(x);
    if (x instanceof Undefined) throw new TemplateError(`${x.what} is undefined`);
    if (Array.isArray(x)) return `[${x.map(write).join(comma)}]`;
    const entries = Object.entries(x).map(([k, y]): [string, Value] => {
      // json.dumps turns a key None / True / 1 into "null" / "true" / "1".
      const key = keyValue(k);
      return [typeof key === 'string' ? key : key === null ? 'null' : write(key), y];
    });
    if (style.sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, y]) => `${text(k)}${colon}${write(y)}`).join(comma)}}`;
  };
  return write(v);
}

/** Python's truthiness. */
export function truthy(v: Value): boolean {
  if (v instanceof Undefined) return false;
  if (v instanceof Float) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return v !== 0 && v !== '' && v !== false && v !== null;
}

export function typeName(v: Value): string {
  if (typeof v === 'number') return 'int';
  if (v instanceof Float) return 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v === null) return 'NoneType';
  if (v instanceof Undefined) return 'Undefined';
  return Array.isArray(v) ? 'list' : 'dict';
}

/** Python's ==: numbers by value (True == 1), lists and dicts by content. */
export function equal(a: Value, b: Value): boolean {
  const an = typeof a === 'boolean' ? Number(a) : a;
  const bn = typeof b === 'boolean' ? Number(b) : b;
  if (isNumber(an) && isNumber(bn)) return num(an) === num(bn);
  if (a instanceof Undefined || b instanceof Undefined)
    return a instanceof Undefined && b instanceof Undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => equal(x, b[i]!));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k]!, b[k]!));
  }
  return a === b;
}
