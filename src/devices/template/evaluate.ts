/**
 * Runs a parsed template: Jinja's semantics, with Home Assistant's filters where the configs
 * are written for HA (`round` reads numeric strings and gives an int without decimals, `iif`,
 * `is_defined`, `multiply`, `to_json`, …). `float` and `int` keep Jinja's defaults: a payload
 * that is not a number gives 0.0 / 0 unless a default is given (HA fails instead). Nothing
 * here can run code: it walks the tree of parser.ts, and every step is counted.
 */
import type { Expr, LiteralValue, Node } from './parser';
import {
  arith,
  dictKey,
  equal,
  Float,
  fromJson,
  int,
  isDict,
  isNumber,
  isUndefined,
  num,
  str,
  TemplateError,
  toJson,
  truthy,
  typeName,
  Undefined,
  type Dict,
  type Value,
} from './values';

/** Work a template may do per render: a stranger's config must not hold the page. */
const MAX_STEPS = 10_000;
const MAX_OUTPUT = 65_536;

export interface Scope {
  readonly get: (name: string) => Value;
  readonly set: (name: string, value: Value) => void;
}

export function renderNodes(nodes: readonly Node[], scope: Scope): string {
  const state = { steps: 0, out: '' };
  run(nodes, scope, state);
  return state.out;
}

interface State {
  steps: number;
  out: string;
}

function run(nodes: readonly Node[], scope: Scope, state: State): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        state.out += node.value;
        break;
      case 'output':
        state.out += str(evaluate(node.expr, scope, state));
        break;
      case 'set':
        scope.set(node.name, evaluate(node.expr, scope, state));
        break;
      case 'if': {
        const branch = node.branches.find((b) => truthy(evaluate(b.test, scope, state)));
        run(branch ? branch.body : node.otherwise, scope, state);
        break;
      }
    }
    if (state.out.length > MAX_OUTPUT) throw new TemplateError('the result is too long');
  }
}

function literal(v: LiteralValue): Value {
  if (v !== null && typeof v === 'object') return v.kind === 'int' ? v.value : new Float(v.value);
  return v;
}

export function evaluate(e: Expr, scope: Scope, state: State): Value {
  if (++state.steps > MAX_STEPS) throw new TemplateError('the template does too much work');
  switch (e.type) {
    case 'literal':
      return literal(e.value);
    case 'name':
      return scope.get(e.name);
    case 'list':
      return e.items.map((x) => evaluate(x, scope, state));
    case 'dict': {
      const dict: Dict = Object.create(null) as Dict;
      for (const [k, v] of e.entries) {
        const key = evaluate(k, scope, state);
        const stored = dictKey(key);
        if (stored === null) throw new TemplateError(`a ${typeName(key)} cannot be a dict key`);
        dict[stored] = evaluate(v, scope, state);
      }
      return dict;
    }
    case 'attr':
      return lookup(evaluate(e.target, scope, state), e.name, e.name);
    case 'item': {
      const index = evaluate(e.index, scope, state);
      return lookup(evaluate(e.target, scope, state), index, str(index));
    }
    case 'unary': {
      const v = evaluate(e.operand, scope, state);
      if (e.op === 'not') return !truthy(v);
      const n = number(v, e.op);
      return e.op === '-' ? (typeof n === 'number' ? -n : new Float(-n.value)) : n;
    }
    case 'binary':
      return binary(e.op, evaluate(e.left, scope, state), evaluate(e.right, scope, state));
    case 'compare': {
      let left = evaluate(e.first, scope, state);
      for (const [op, expr] of e.rest) {
        const right = evaluate(expr, scope, state);
        if (!compare(op, left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'and': {
      const left = evaluate(e.left, scope, state);
      return truthy(left) ? evaluate(e.right, scope, state) : left;
    }
    case 'or': {
      const left = evaluate(e.left, scope, state);
      return truthy(left) ? left : evaluate(e.right, scope, state);
    }
    case 'cond':
      return truthy(evaluate(e.test, scope, state))
        ? evaluate(e.then, scope, state)
        : e.otherwise
          ? evaluate(e.otherwise, scope, state)
          : new Undefined('the else branch');
    case 'filter':
      return filter(
        e.name,
        evaluate(e.target, scope, state),
        e.args.map((a) => evaluate(a, scope, state)),
      );
    case 'test': {
      const result = test(
        e.name,
        evaluate(e.target, scope, state),
        e.args.map((a) => evaluate(a, scope, state)),
      );
      return e.negated ? !result : result;
    }
    case 'call': {
      const args = e.args.map((a) => evaluate(a, scope, state));
      // A function is its filter with the first argument as the value (`None` included).
      const first = args.length > 0 ? args[0]! : new Undefined(`${e.name}()'s argument`);
      if (e.name === 'min' || e.name === 'max') {
        return filter(e.name, args.length === 1 ? first : args, []);
      }
      return filter(e.name, first, args.slice(1));
    }
  }
}

/** `a.b` and `a['b']`: a dict's key, a list's or string's index; missing: Undefined. */
function lookup(target: Value, key: Value, what: string): Value {
  if (isUndefined(target)) {
    throw new TemplateError(`${target.what} is undefined, so it has no ${JSON.stringify(what)}`);
  }
  if (isDict(target)) {
    const k = dictKey(key);
    return k !== null && Object.hasOwn(target, k)
      ? target[k]!
      : new Undefined(JSON.stringify(what));
  }
  if (Array.isArray(target) || typeof target === 'string') {
    if (typeof key === 'number') {
      const i = key < 0 ? target.length + key : key;
      const v = Array.isArray(target) ? target[i] : target[i];
      return v === undefined ? new Undefined(`item ${key}`) : v;
    }
  }
  return new Undefined(`${JSON.stringify(what)} of a ${typeName(target)}`);
}

function number(v: Value, op: string): number | Float {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isNumber(v)) return v;
  throw new TemplateError(`${op} needs numbers, not ${describe(v)}`);
}

function describe(v: Value): string {
  if (isUndefined(v)) return `${v.what} (undefined)`;
  return `a ${typeName(v)} (${str(v).slice(0, 40)})`;
}

/** A string or list that a template builds: never longer than its output may be. */
function bounded<T extends string | Value[]>(length: number, make: () => T): T {
  if (length > MAX_OUTPUT) throw new TemplateError('the result is too long');
  return make();
}

function binary(op: string, a: Value, b: Value): Value {
  if (op === '~') {
    const l = str(a);
    const r = str(b);
    return bounded(l.length + r.length, () => l + r);
  }
  if (op === '+') {
    if (typeof a === 'string' && typeof b === 'string') {
      return bounded(a.length + b.length, () => a + b);
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      return bounded(a.length + b.length, () => [...a, ...b]);
    }
  }
  if (op === '*') {
    const [text, times] = typeof a === 'string' ? [a, b] : [b, a];
    if (typeof text === 'string' && typeof times === 'number') {
      const n = Math.max(0, times);
      return bounded(text.length * n, () => text.repeat(n));
    }
  }
  if (op === '%' && typeof a === 'string') {
    throw new TemplateError('"%" string formatting is not supported', true);
  }
  const x = number(a, op);
  const y = number(b, op);
  const ints = typeof x === 'number' && typeof y === 'number';
  const l = num(x);
  const r = num(y);
  switch (op) {
    case '+':
      return arith(l + r, ints);
    case '-':
      return arith(l - r, ints);
    case '*':
      return arith(l * r, ints);
    case '/':
      if (r === 0) throw new TemplateError('division by zero');
      return new Float(l / r);
    case '//':
      if (r === 0) throw new TemplateError('division by zero');
      return arith(Math.floor(l / r), ints);
    case '%': {
      if (r === 0) throw new TemplateError('modulo by zero');
      // Python's modulo takes the divisor's sign.
      return arith(l - r * Math.floor(l / r), ints);
    }
    case '**':
      if (l === 0 && r < 0) throw new TemplateError('zero to a negative power');
      return arith(l ** r, ints && r >= 0);
  }
  throw new TemplateError(`unknown operator ${op}`);
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
  }
  const an = typeof a === 'boolean' ? Number(a) : a;
  const bn = typeof b === 'boolean' ? Number(b) : b;
  let c: number;
  if (isNumber(an) && isNumber(bn)) c = num(an) - num(bn);
  else if (typeof a === 'string' && typeof b === 'string') c = a < b ? -1 : a > b ? 1 : 0;
  else throw new TemplateError(`cannot compare ${describe(a)} with ${describe(b)} by ${op}`);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function contains(container: Value, item: Value): boolean {
  if (isUndefined(container)) return false; // Jinja's Undefined iterates as empty
  if (typeof container === 'string') {
    if (typeof item !== 'string')
      throw new TemplateError(`"in <string>" needs a string, not ${describe(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => equal(x, item));
  if (isDict(container)) {
    const k = dictKey(item);
    return k !== null && Object.hasOwn(container, k);
  }
  throw new TemplateError(`"in" needs a list, dict or string, not ${describe(container)}`);
}

/** Python's float(): numbers, numeric strings (with spaces, `inf`, `nan`); else null. */
function toFloat(v: Value): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isNumber(v)) return num(v);
  if (typeof v === 'string') {
    const t = v.trim().replace(/_/g, '');
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/i.test(t)) return NaN;
  }
  return null;
}

/**
 * Python's round(x, n): to even on an exact tie, on the exact binary value. 2.675 is
 * 2.67499999… in binary, so 2.67, though 2.675 × 100 gives 267.5 in floating point: ties are
 * found in the exact decimal expansion (toFixed gives it), not by multiplying.
 */
function pyRound(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.max(-20, Math.min(20, Math.trunc(digits)));
  if (d < 0) {
    const f = 10 ** -d;
    return pyRound(x / f, 0) * f;
  }
  const exact = Math.abs(x).toFixed(Math.min(100, d + 60));
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + d);
  if (/^50*$/.test(rest)) {
    const kept = exact.slice(0, point + 1 + d);
    const last = Number(kept.replace('.', '').at(-1));
    const down = Number(kept.endsWith('.') ? kept.slice(0, -1) : kept);
    const up = down + 10 ** -d;
    const even = last % 2 === 0 ? down : up;
    return Math.sign(x) * Number(even.toFixed(d));
  }
  return Number(x.toFixed(d));
}

const noDefault = (name: string, v: Value) =>
  new TemplateError(`${name} got ${describe(v)} and no default was given`);

function filter(name: string, v: Value, args: Value[]): Value {
  const arg = (i: number): Value | undefined => args[i];
  // Not `??`: an argument may be None (null), which is given, not missing.
  const argOr = (i: number, fallback: Value): Value => (i < args.length ? args[i]! : fallback);
  switch (name) {
    case 'float': {
      // Jinja: float() of an Undefined fails; of anything else not a number, the default.
      if (isUndefined(v)) throw new TemplateError(`${v.what} is undefined`);
      const f = toFloat(v);
      if (f !== null) return new Float(f);
      return argOr(0, new Float(0));
    }
    case 'int': {
      if (isUndefined(v)) throw new TemplateError(`${v.what} is undefined`);
      const base = arg(1);
      if (typeof v === 'string' && typeof base === 'number' && base !== 10) {
        const t = v
          .trim()
          .toLowerCase()
          .replace(/^0[xob]/, '');
        const n = parseInt(t, base);
        if (
          Number.isFinite(n) &&
          t.length > 0 &&
          [...t].every((c) => !Number.isNaN(parseInt(c, base)))
        )
          return n;
      } else {
        const f = toFloat(v);
        if (f !== null && Number.isFinite(f)) return int(f);
      }
      return argOr(0, 0);
    }
    case 'round': {
      const digits = argOr(0, 0);
      const method = argOr(1, 'common');
      // HA's round: a method it does not know rounds as 'common' does.
      if (isUndefined(v)) throw new TemplateError(`${v.what} is undefined`);
      const f = toFloat(v);
      if (f === null || !isNumber(digits)) {
        if (arg(2) !== undefined) return arg(2)!;
        throw noDefault('round', v);
      }
      const d = int(num(digits));
      const m = 10 ** d;
      let r: number;
      if (method === 'ceil') r = Math.ceil(f * m) / m;
      else if (method === 'floor') r = Math.floor(f * m) / m;
      else if (method === 'half') r = pyRound(f * 2, 0) / 2;
      else r = pyRound(f, d);
      return d === 0 ? int(r) : new Float(r);
    }
    case 'abs': {
      const n = number(v, 'abs');
      return typeof n === 'number' ? Math.abs(n) : new Float(Math.abs(n.value));
    }
    case 'bool':
      if (typeof v === 'string') {
        const t = v.trim().toLowerCase();
        if (['true', 'on', 'yes', 'enable', '1'].includes(t)) return true;
        if (['false', 'off', 'no', 'disable', '0', 'none'].includes(t)) return false;
        if (arg(0) !== undefined) return arg(0)!;
        throw noDefault('bool', v);
      }
      return truthy(v);
    case 'default':
    case 'd': {
      const fallback = argOr(0, '');
      const boolean = arg(1) === true;
      return isUndefined(v) || (boolean && !truthy(v)) ? fallback : v;
    }
    case 'is_defined':
      if (isUndefined(v)) throw new TemplateError(`${v.what} is undefined`);
      return v;
    case 'string':
      return str(v);
    case 'lower':
      return str(v).toLowerCase();
    case 'upper':
      return str(v).toUpperCase();
    case 'capitalize': {
      const s = str(v);
      return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    }
    case 'title':
      return str(v).replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
    case 'trim':
      return str(v).trim();
    case 'replace': {
      // Jinja: str(s).replace(str(old), str(new), count); '' as old inserts between letters.
      if (arg(0) === undefined || arg(1) === undefined) {
        throw new TemplateError('replace needs what to replace and with what');
      }
      const text = str(v);
      const from = str(arg(0)!);
      const to = str(arg(1)!);
      const count = arg(2);
      const limit = typeof count === 'number' && count >= 0 ? count : Infinity;
      const parts = from === '' ? ['', ...text, ''] : text.split(from);
      const joins = Math.min(parts.length - 1, limit);
      const length = text.length + joins * (to.length - from.length);
      return bounded(length, () =>
        joins === parts.length - 1
          ? parts.join(to)
          : parts.slice(0, joins + 1).join(to) + from + parts.slice(joins + 1).join(from),
      );
    }
    case 'truncate': {
      // Jinja's truncate(length=255, killwords=False, end='...', leeway=5), as Zigbee2MQTT's
      // `| truncate(254, True, '', 0)` uses it.
      const s = str(v);
      const length = argOr(0, 255);
      const end = arg(2) === undefined ? '...' : str(arg(2)!);
      const leeway = argOr(3, 5);
      if (typeof length !== 'number' || typeof leeway !== 'number' || leeway < 0) {
        throw new TemplateError('truncate needs an int length and leeway');
      }
      if (length < end.length) throw new TemplateError(`truncate's length is below ${end.length}`);
      if (s.length <= length + leeway) return s;
      const kept = s.slice(0, length - end.length);
      if (truthy(argOr(1, false))) return kept + end;
      const space = kept.lastIndexOf(' ');
      return (space === -1 ? kept : kept.slice(0, space)) + end;
    }
    case 'length':
    case 'count':
      if (isUndefined(v)) return 0;
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (isDict(v)) return Object.keys(v).length;
      throw new TemplateError(`${describe(v)} has no length`);
    case 'first':
    case 'last': {
      if (typeof v !== 'string' && !Array.isArray(v))
        throw new TemplateError(`${name} needs a list`);
      const x = name === 'first' ? v[0] : v[v.length - 1];
      return x === undefined ? new Undefined(name) : x;
    }
    case 'min':
    case 'max': {
      if (!Array.isArray(v) || v.length === 0) throw new TemplateError(`${name} needs a list`);
      return v.reduce((best, x) => (compare(name === 'min' ? '<' : '>', x, best) ? x : best));
    }
    case 'join': {
      if (!Array.isArray(v)) throw new TemplateError('join needs a list');
      return v.map(str).join(typeof arg(0) === 'string' ? (arg(0) as string) : '');
    }
    case 'tojson':
      // Jinja's: json.dumps(sort_keys=True), then <, >, &, ' escaped for HTML.
      return toJson(v, { compact: false, sortKeys: true, ascii: true })
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/'/g, '\\u0027');
    case 'to_json':
      return toJson(v, { compact: true, sortKeys: false, ascii: false });
    case 'from_json':
      try {
        return fromJson(str(v));
      } catch {
        if (arg(0) !== undefined) return arg(0)!;
        throw noDefault('from_json', v);
      }
    case 'iif': {
      const yes = argOr(0, true);
      const no = argOr(1, false);
      const none = arg(2);
      if (none !== undefined && v === null) return none;
      return truthy(v) ? yes : no;
    }
    case 'multiply': {
      const f = toFloat(v);
      const by = arg(0);
      if (f === null || by === undefined || !isNumber(by)) {
        if (arg(1) !== undefined) return arg(1)!;
        throw noDefault('multiply', v);
      }
      return new Float(f * num(by));
    }
    case 'bitwise_and':
    case 'bitwise_or': {
      const a = typeof v === 'number' ? v : null;
      const b = arg(0);
      if (a === null || typeof b !== 'number') throw new TemplateError(`${name} needs two ints`);
      return name === 'bitwise_and' ? Number(BigInt(a) & BigInt(b)) : Number(BigInt(a) | BigInt(b));
    }
  }
  throw new TemplateError(`the filter ${name} is not supported`);
}

/** Tests (`x is defined`) that the templates use. */
function test(name: string, v: Value, args: Value[]): boolean {
  const other = args.length > 0 ? args[0]! : new Undefined('the test argument');
  switch (name) {
    case 'defined':
      return !isUndefined(v);
    case 'undefined':
      return isUndefined(v);
    case 'none':
      return v === null;
    case 'number':
      return isNumber(v) || typeof v === 'boolean'; // Python's bool is a Number
    case 'integer':
      return typeof v === 'number';
    case 'float':
      return v instanceof Float;
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'true':
      return v === true;
    case 'false':
      return v === false;
    case 'mapping':
      return isDict(v);
    case 'sequence':
    case 'iterable':
      return typeof v === 'string' || Array.isArray(v) || isDict(v);
    case 'list':
      return Array.isArray(v);
    case 'eq':
    case 'equalto':
    case 'sameas':
      return equal(v, other);
    case 'ne':
      return !equal(v, other);
    case 'lt':
    case 'gt':
    case 'le':
    case 'ge':
      return compare({ lt: '<', gt: '>', le: '<=', ge: '>=' }[name], v, other);
    case 'in':
      return contains(other, v);
    case 'odd':
    case 'even':
      if (typeof v !== 'number') throw new TemplateError(`${name} needs an int`);
      return (Math.abs(v) % 2 === 1) === (name === 'odd');
    case 'divisibleby': {
      const by = args[0];
      if (typeof v !== 'number' || typeof by !== 'number' || by === 0) {
        throw new TemplateError('divisibleby needs two ints');
      }
      return v % by === 0;
    }
    case 'lower':
      return typeof v === 'string' && v === v.toLowerCase();
    case 'upper':
      return typeof v === 'string' && v === v.toUpperCase();
  }
  throw new TemplateError(`the test "is ${name}" is not supported`);
}

/** Names of the filters and tests this engine has, for compile-time checks. */
export const FILTERS = new Set([
  'float',
  'int',
  'round',
  'abs',
  'bool',
  'default',
  'd',
  'is_defined',
  'string',
  'lower',
  'upper',
  'capitalize',
  'title',
  'trim',
  'replace',
  'truncate',
  'length',
  'count',
  'first',
  'last',
  'min',
  'max',
  'join',
  'tojson',
  'to_json',
  'from_json',
  'iif',
  'multiply',
  'bitwise_and',
  'bitwise_or',
]);

export const TESTS = new Set([
  'defined',
  'undefined',
  'none',
  'number',
  'integer',
  'float',
  'string',
  'boolean',
  'true',
  'false',
  'mapping',
  'sequence',
  'iterable',
  'list',
  'eq',
  'equalto',
  'sameas',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
  'in',
  'odd',
  'even',
  'divisibleby',
  'lower',
  'upper',
]);
