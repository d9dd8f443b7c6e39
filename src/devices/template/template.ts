/**
 * The Jinja templates of device discovery (Home Assistant MQTT discovery's `value_template`,
 * `command_template`, `json_attributes_template`, `brightness_value_template`, …, as
 * Zigbee2MQTT, Tasmota, ESPHome, Shelly and OpenMQTTGateway write them), read without ever
 * running code: a small interpreter of the subset those configs use. No eval, no Function:
 * the template is tokenized (lexer.ts), parsed into a tree (parser.ts) and walked
 * (evaluate.ts) over Python-like values (values.ts). It imports nothing from the rest of src/,
 * so it runs on the page and in a Web Worker alike.
 *
 *   const t = compileTemplate('{{ value_json.temperature | round(1) }}');  // once per config
 *   if (t.ok) render(t, { value: '{"temperature": 21.456}' });             // per message
 *   // → { ok: true, text: '21.5' }
 *   t.ok && t.valuePath                                                     // → null (a filter)
 *
 * The subset: `value`, `value_json` (the payload parsed as JSON, where it parses), `.key`,
 * `['key']`, `[0]`; literals (strings, ints, floats, true/True, false/False, none/None, lists,
 * dicts) and subscripts of them; `+ - * / // % **`, unary `-`, `~`, `== != < <= > >=`,
 * `and or not`, `in` / `not in`, `a if c else b`, parentheses; `{% if %}` / `{% elif %}` /
 * `{% else %}` / `{% endif %}`, `{% set x = … %}`, `{# … #}`, `{%- -%}` / `{{- -}}`. Filters:
 * float, int, round (digits, 'common' | 'ceil' | 'floor' | 'half'), abs, default / d,
 * string, lower, upper, capitalize, title, trim, replace, truncate, length / count, first,
 * last, min, max, join, tojson, and HA's bool, is_defined, iif, to_json, from_json, multiply,
 * bitwise_and, bitwise_or. Tests: defined, undefined, none, number, integer, float, string,
 * boolean, true, false, mapping, sequence, iterable, list, eq / ne / lt / le / gt / ge, in,
 * odd, even, divisibleby, lower, upper. Functions: HA's iif(), float(), int(), bool(), min(),
 * max(). Anything else (a for loop, a macro, `.split()`, `states()`, `now()`, `as_timestamp`,
 * a filter not listed, a dict's method name as a key: `value_json.values`, `.update`) makes compileTemplate answer `unsupported`, naming it, so the UI can
 * say "template not supported" and show the raw value.
 *
 * Values follow Python: ints and floats are told apart (`{{ 21.0 }}` prints `21.0`, `4 / 2`
 * is `2.0`, `7 // 2` is `3`, JSON's `21` is an int and `21.0` a float), `True`, `None`, lists
 * and dicts print as Python's str() does. A missing variable or key is Jinja's default
 * Undefined: it prints as '', `is defined` is false, `default(x)` replaces it, arithmetic,
 * comparing with `<` and reading a key of it fail. `float` and `int` keep Jinja's defaults
 * (`'unknown' | float` is 0.0, `| float(0)` gives 0; HA itself fails there), `round`
 * is HA's (reads '21.5', no decimals gives an int). The result is the printed text, stripped
 * of surrounding whitespace as Home Assistant strips it; the caller reads it as a number or a
 * state.
 */
import { FILTERS, renderNodes, TESTS } from './evaluate';
import { TemplateSyntaxError, type CompileFailureReason } from './lexer';
import { FUNCTIONS, MAX_SOURCE, parseTemplate, type Expr, type Node } from './parser';
import { fromJson, TemplateError, toValue, Undefined, type Value } from './values';

export { MAX_SOURCE };
export type { CompileFailureReason };

/**
 * What a template sees. A state template gets the payload as text in `value`; a command
 * template gets the value Tafel sends (a number, a string, a boolean). Other names a config's
 * template may use (`position` in Zigbee2MQTT's `set_position_template`, `brightness` in a
 * Shelly light's command template) are passed as further properties; any name not given
 * reads as undefined.
 */
export interface TemplateVars {
  readonly value: unknown;
  /**
   * The payload as JSON. Leave it out and render() parses `value` itself, lazily and only for
   * templates that read value_json, keeping Python's int/float distinction (`21.0` prints
   * `21.0`), which a JSON.parse result has lost. Where the payload is not JSON, value_json is
   * undefined, as in Home Assistant.
   */
  readonly value_json?: unknown;
  readonly [name: string]: unknown;
}

/**
 * A parsed template: plain data (no functions, no class instances), so it can be kept in a
 * store or posted to a worker and rendered there. Treat `body` as opaque.
 */
export interface CompiledTemplate {
  readonly ok: true;
  readonly source: string;
  /**
   * Where the template is nothing but a lookup in the payload (`{{ value_json.a['b-c'][0] }}`):
   * the same path in Tafel's value-path syntax (`a.b-c[0]`, `["a b"]`, as widgets'
   * `valuePath` reads it), `''` for `{{ value }}` itself; null for anything else. The path gives the same
   * value, not the same text: JSON's `true` where the template prints `True`, `21` where it
   * prints `21.0`. Paths Tafel would read differently from Jinja (a key named `length` or
   * `constructor`, a negative index) are null.
   */
  readonly valuePath: string | null;
  /** The same lookup as keys (`['a', 'b-c', 0]`); null where valuePath is. */
  readonly pathKeys: ReadonlyArray<string | number> | null;
  /** Whether the template reads value_json (so render parses the payload only then). */
  readonly usesJson: boolean;
  readonly body: readonly Node[];
}

export interface CompileFailure {
  readonly ok: false;
  readonly reason: CompileFailureReason;
  /** In English, naming the construct: "the filter regex_replace is not supported". */
  readonly message: string;
}

export type RenderResult =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /**
       * `unsupported`: the template needs Jinja the subset does not do for this value (`'%d' %
       * x`); `error`: it fails on this message (a key missing in a sum, 1 / 0, not JSON), as it
       * would in Home Assistant.
       */
      readonly reason: 'unsupported' | 'error';
      readonly message: string;
    };

/** Parse once per config; bounded to MAX_SOURCE characters and 32 levels of nesting. */
export function compileTemplate(source: string): CompiledTemplate | CompileFailure {
  if (typeof source !== 'string') {
    return { ok: false, reason: 'invalid', message: 'the template is not text' };
  }
  let body: Node[];
  try {
    body = parseTemplate(source);
    checkNames(body);
  } catch (e) {
    if (e instanceof TemplateSyntaxError)
      return { ok: false, reason: e.reason, message: e.message };
    throw e;
  }
  const keys = keyLookup(body);
  const valuePath = keys === null ? null : valuePathText(keys);
  return {
    ok: true,
    source,
    valuePath,
    pathKeys: valuePath === null ? null : keys,
    usesJson: mentions(body, 'value_json'),
    body,
  };
}

/**
 * Render a compiled template for one message (or one command). Never throws for anything a
 * template or a payload can do; every render is bounded (10,000 steps, 64 KB of output).
 */
export function render(compiled: CompiledTemplate, vars: TemplateVars): RenderResult {
  const locals = new Map<string, Value>();
  let json: Value | null = null;
  const scope = {
    get(name: string): Value {
      const local = locals.get(name);
      if (local !== undefined) return local;
      if (name === 'value_json') {
        json ??= valueJson(vars, compiled.usesJson);
        return json;
      }
      if (Object.hasOwn(vars, name)) return toValue(vars[name], name);
      return new Undefined(name);
    },
    set(name: string, value: Value) {
      locals.set(name, value);
    },
  };
  try {
    return { ok: true, text: renderNodes(compiled.body, scope).trim() };
  } catch (e) {
    if (e instanceof TemplateError) {
      return { ok: false, reason: e.unsupported ? 'unsupported' : 'error', message: e.message };
    }
    // Recursion past the engine's own bounds (it should not happen: nesting is bounded).
    if (e instanceof RangeError) {
      return { ok: false, reason: 'error', message: 'the template does too much work' };
    }
    throw e;
  }
}

/** Compile and render in one, for a template used once; a compile failure is a render one. */
export function renderTemplate(source: string, vars: TemplateVars): RenderResult {
  const compiled = compileTemplate(source);
  if (!compiled.ok) {
    return {
      ok: false,
      reason: compiled.reason === 'unsupported' ? 'unsupported' : 'error',
      message: compiled.message,
    };
  }
  return render(compiled, vars);
}

function valueJson(vars: TemplateVars, used: boolean): Value {
  if (vars.value_json !== undefined) return toValue(vars.value_json, 'value_json');
  if (!used || typeof vars.value !== 'string') return new Undefined('value_json');
  try {
    return fromJson(vars.value);
  } catch {
    // Not JSON: HA leaves value_json out; a template that reads it fails or takes a default.
    return new Undefined('value_json (the payload is not JSON)');
  }
}

/** Unknown filters, tests and functions are found when compiling, not per message. */
function checkNames(nodes: readonly Node[]) {
  walk(nodes, (e) => {
    if (e.type === 'filter' && !FILTERS.has(e.name)) {
      throw new TemplateSyntaxError(`the filter ${e.name} is not supported`, 'unsupported');
    }
    if (e.type === 'test' && !TESTS.has(e.name)) {
      throw new TemplateSyntaxError(`the test "is ${e.name}" is not supported`, 'unsupported');
    }
    if (e.type === 'call' && !FUNCTIONS.has(e.name)) {
      throw new TemplateSyntaxError(`the function ${e.name}() is not supported`, 'unsupported');
    }
    if (e.type === 'name' && UNSUPPORTED_NAMES.has(e.name)) {
      throw new TemplateSyntaxError(
        `${e.name} is Home Assistant's, not the device's`,
        'unsupported',
      );
    }
  });
}

/** Home Assistant's own state and time: a device's template that uses them needs HA. */
const UNSUPPORTED_NAMES = new Set([
  'states',
  'state_attr',
  'is_state',
  'now',
  'utcnow',
  'this',
  'trigger',
]);

function mentions(nodes: readonly Node[], name: string): boolean {
  let found = false;
  walk(nodes, (e) => {
    if (e.type === 'name' && e.name === name) found = true;
  });
  return found;
}

function walk(nodes: readonly Node[], visit: (e: Expr) => void) {
  const expr = (e: Expr): void => {
    visit(e);
    switch (e.type) {
      case 'list':
        e.items.forEach(expr);
        break;
      case 'dict':
        for (const [k, v] of e.entries) {
          expr(k);
          expr(v);
        }
        break;
      case 'attr':
        expr(e.target);
        break;
      case 'item':
        expr(e.target);
        expr(e.index);
        break;
      case 'unary':
        expr(e.operand);
        break;
      case 'binary':
      case 'and':
      case 'or':
        expr(e.left);
        expr(e.right);
        break;
      case 'compare':
        expr(e.first);
        for (const [, x] of e.rest) expr(x);
        break;
      case 'cond':
        expr(e.test);
        expr(e.then);
        if (e.otherwise) expr(e.otherwise);
        break;
      case 'filter':
      case 'test':
        expr(e.target);
        e.args.forEach(expr);
        break;
      case 'call':
        e.args.forEach(expr);
        break;
    }
  };
  const node = (n: Node): void => {
    if (n.type === 'output' || n.type === 'set') expr(n.expr);
    if (n.type === 'if') {
      for (const b of n.branches) {
        expr(b.test);
        b.body.forEach(node);
      }
      n.otherwise.forEach(node);
    }
  };
  nodes.forEach(node);
}

/** `{{ value_json.a['b'][0] }}` (whitespace around allowed) → ['a', 'b', 0]; else null. */
function keyLookup(nodes: readonly Node[]): Array<string | number> | null {
  const meaningful = nodes.filter((n) => !(n.type === 'text' && n.value.trim() === ''));
  if (meaningful.length !== 1 || meaningful[0]!.type !== 'output') return null;
  const keys: Array<string | number> = [];
  let e: Expr = meaningful[0]!.expr;
  while (e.type === 'attr' || e.type === 'item') {
    if (e.type === 'attr') keys.unshift(e.name);
    else if (e.index.type === 'literal' && typeof e.index.value === 'string')
      keys.unshift(e.index.value);
    else if (
      e.index.type === 'literal' &&
      e.index.value !== null &&
      typeof e.index.value === 'object' &&
      e.index.value.kind === 'int' &&
      e.index.value.value >= 0
    ) {
      keys.unshift(e.index.value.value);
    } else return null;
    e = e.target;
  }
  if (e.type !== 'name') return null;
  if (e.name === 'value_json' && keys.length > 0) return keys;
  if (e.name === 'value' && keys.length === 0) return [];
  return null;
}

/**
 * Keys as Tafel's value path (src/widgets/kit/value-paths.ts `pathText`, read by
 * src/mqtt/payload.ts `parseValuePath`; the syntax is repeated here, not imported, to keep
 * this folder a leaf): `a.b`, `values[0]`, `["a b"]`. Null for keys Tafel's reader would
 * take differently: names JavaScript objects, arrays or strings have themselves (`length`,
 * `constructor`, `__proto__`), and control characters its quoted form cannot hold.
 */
function valuePathText(keys: ReadonlyArray<string | number>): string | null {
  let path = '';
  for (const [i, k] of keys.entries()) {
    if (typeof k === 'number') {
      path += `[${k}]`;
      continue;
    }
    if (k in Object.prototype || k in Array.prototype || k in String.prototype) return null;
    // JSON.stringify writes these as \n or \u0001, which Tafel's quoted keys do not decode.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]|\p{Cs}/u.test(k)) return null;
    if (/^[A-Za-z_$][\w$-]*$/.test(k)) path += `${i === 0 ? '' : '.'}${k}`;
    else path += `[${JSON.stringify(k)}]`;
  }
  return path;
}
