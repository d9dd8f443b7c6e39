/**
 * The syntax tree of the Jinja subset, parsed with Jinja's own precedence (low to high):
 * `a if c else b`, `or`, `and`, `not`, comparisons / `in` / `is`, `+ -`, `~`, `* / // %`,
 * unary `- +`, `**`, then `.name`, `[index]`, calls and `| filters` on a primary.
 * Anything else Jinja has (for loops, macros, calls of methods) is refused as unsupported.
 */
import { TemplateSyntaxError, tokenize, type Token } from './lexer';

export type Expr =
  | { readonly type: 'literal'; readonly value: LiteralValue }
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'list'; readonly items: readonly Expr[] }
  | { readonly type: 'dict'; readonly entries: ReadonlyArray<readonly [Expr, Expr]> }
  | { readonly type: 'attr'; readonly target: Expr; readonly name: string }
  | { readonly type: 'item'; readonly target: Expr; readonly index: Expr }
  | { readonly type: 'unary'; readonly op: '-' | '+' | 'not'; readonly operand: Expr }
  | { readonly type: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | {
      readonly type: 'compare';
      readonly first: Expr;
      readonly rest: ReadonlyArray<readonly [string, Expr]>;
    }
  | { readonly type: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | {
      readonly type: 'cond';
      readonly test: Expr;
      readonly then: Expr;
      readonly otherwise: Expr | null;
    }
  | {
      readonly type: 'filter';
      readonly target: Expr;
      readonly name: string;
      readonly args: readonly Expr[];
    }
  | {
      readonly type: 'test';
      readonly target: Expr;
      readonly name: string;
      readonly negated: boolean;
      readonly args: readonly Expr[];
    }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Expr[] };

/** A literal's value: Python's int and float are told apart (`{{ 2.0 }}` prints `2.0`). */
export type LiteralValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | string
  | boolean
  | null;

export type Node =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'output'; readonly expr: Expr }
  | {
      readonly type: 'if';
      readonly branches: ReadonlyArray<{ readonly test: Expr; readonly body: readonly Node[] }>;
      readonly otherwise: readonly Node[];
    }
  | { readonly type: 'set'; readonly name: string; readonly expr: Expr };

/** Bounds that keep a stranger's discovery config from costing more than a template should. */
export const MAX_SOURCE = 4096;
const MAX_DEPTH = 32;

/**
 * Functions a template may call: Home Assistant's globals `iif(…)`, `float(x)`, `int(x)`,
 * `bool(x)`, `min(…)`, `max(…)`. Everything else is unsupported (Jinja has no `round()` or
 * `abs()`: those are filters).
 */
export const FUNCTIONS = new Set(['iif', 'float', 'int', 'bool', 'min', 'max']);

/**
 * A dict's methods: in Jinja `value_json.values` is the method, not the key "values" (and
 * `.update` is refused by HA's sandbox), which is why Zigbee2MQTT writes
 * `value_json['update']['state']`. Reading the key instead would show what HA never shows.
 */
const DICT_METHODS = new Set([
  'items',
  'keys',
  'values',
  'get',
  'pop',
  'popitem',
  'update',
  'copy',
  'clear',
  'setdefault',
  'fromkeys',
]);

const STATEMENTS_UNSUPPORTED = new Set([
  'for',
  'macro',
  'call',
  'filter',
  'block',
  'extends',
  'include',
  'import',
  'from',
  'with',
  'raw',
  'do',
]);

export function parseTemplate(source: string): Node[] {
  if (source.length > MAX_SOURCE) {
    throw new TemplateSyntaxError(
      `the template is longer than ${MAX_SOURCE} characters`,
      'too-large',
    );
  }
  return new Parser(tokenize(source)).template();
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  template(): Node[] {
    const body = this.body([]);
    if (this.i < this.tokens.length) throw new TemplateSyntaxError('unexpected end tag');
    return body;
  }

  /** Nodes up to a statement named in `until` (left unread), or the end. */
  private body(until: readonly string[]): Node[] {
    const nodes: Node[] = [];
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i]!;
      if (t.kind === 'text') {
        nodes.push({ type: 'text', value: t.value });
        this.i++;
        continue;
      }
      if (t.kind !== 'open') throw new TemplateSyntaxError('unexpected token');
      if (t.block === 'output') {
        this.i++;
        nodes.push({ type: 'output', expr: this.expression() });
        this.expectClose();
        continue;
      }
      const keyword = this.tokens[this.i + 1];
      if (keyword?.kind !== 'name') throw new TemplateSyntaxError('a {% tag without a keyword');
      if (until.includes(keyword.value)) return nodes;
      this.i += 2;
      nodes.push(this.statement(keyword.value));
    }
    if (until.length > 0) throw new TemplateSyntaxError(`{% ${until.at(-1)} %} is missing`);
    return nodes;
  }

  private statement(keyword: string): Node {
    if (keyword === 'if') {
      this.nest();
      const branches: Array<{ test: Expr; body: Node[] }> = [];
      let test = this.expression();
      this.expectClose();
      let otherwise: Node[] = [];
      for (;;) {
        const body = this.body(['elif', 'else', 'endif']);
        branches.push({ test, body });
        const next = (this.tokens[this.i + 1] as { value: string }).value;
        this.i += 2;
        if (next === 'elif') {
          test = this.expression();
          this.expectClose();
          continue;
        }
        if (next === 'else') {
          this.expectClose();
          otherwise = this.body(['endif']);
          this.i += 2;
        }
        this.expectClose();
        break;
      }
      this.depth--;
      return { type: 'if', branches, otherwise };
    }
    if (keyword === 'set') {
      const name = this.take();
      if (name?.kind !== 'name') throw new TemplateSyntaxError('{% set %} needs a name');
      if (!this.acceptOp('=')) {
        throw new TemplateSyntaxError(
          '{% set %} … {% endset %} blocks are not supported',
          'unsupported',
        );
      }
      const expr = this.expression();
      this.expectClose();
      return { type: 'set', name: name.value, expr };
    }
    if (STATEMENTS_UNSUPPORTED.has(keyword)) {
      throw new TemplateSyntaxError(`{% ${keyword} %} is not supported`, 'unsupported');
    }
    throw new TemplateSyntaxError(`unknown tag {% ${keyword} %}`);
  }

  expression(): Expr {
    this.nest();
    const value = this.parseCondition();
    this.depth--;
    return value;
  }

  private nest() {
    if (++this.depth > MAX_DEPTH) {
      throw new TemplateSyntaxError(`the template nests deeper than ${MAX_DEPTH}`, 'too-large');
    }
  }

  private parseCondition(): Expr {
    const then = this.parseOr();
    if (this.acceptName('if')) {
      const test = this.parseOr();
      let otherwise: Expr | null = null;
      if (this.acceptName('else')) {
        this.nest();
        otherwise = this.parseCondition();
        this.depth--;
      }
      return { type: 'cond', test, then, otherwise };
    }
    return then;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.acceptName('or')) left = { type: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.acceptName('and')) left = { type: 'and', left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Expr {
    if (this.peekName('not') && !this.peekName('in', 1)) {
      this.i++;
      this.nest();
      const operand = this.parseNot();
      this.depth--;
      return { type: 'unary', op: 'not', operand };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const first = this.parseMath1();
    const rest: Array<[string, Expr]> = [];
    for (;;) {
      const t = this.tokens[this.i];
      if (t?.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.value)) {
        this.i++;
        rest.push([t.value, this.parseMath1()]);
      } else if (this.acceptName('in')) {
        rest.push(['in', this.parseMath1()]);
      } else if (this.peekName('not') && this.peekName('in', 1)) {
        this.i += 2;
        rest.push(['not in', this.parseMath1()]);
      } else break;
    }
    return rest.length === 0 ? first : { type: 'compare', first, rest };
  }

  private parseMath1(): Expr {
    let left = this.parseConcat();
    for (let op = this.peekOp('+', '-'); op; op = this.peekOp('+', '-')) {
      this.i++;
      left = { type: 'binary', op, left, right: this.parseConcat() };
    }
    return left;
  }

  private parseConcat(): Expr {
    let left = this.parseMath2();
    while (this.acceptOp('~')) left = { type: 'binary', op: '~', left, right: this.parseMath2() };
    return left;
  }

  private parseMath2(): Expr {
    let left = this.parsePow();
    for (let op = this.peekOp('*', '/', '//', '%'); op; op = this.peekOp('*', '/', '//', '%')) {
      this.i++;
      left = { type: 'binary', op, left, right: this.parsePow() };
    }
    return left;
  }

  private parsePow(): Expr {
    let left = this.parseUnary();
    while (this.acceptOp('**')) left = { type: 'binary', op: '**', left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(): Expr {
    const op = this.peekOp('-', '+');
    if (op) {
      this.i++;
      this.nest();
      // As in Jinja, `-x | abs` is `(-x) | abs`: filters bind after the sign.
      const operand = this.parseUnaryNoFilter();
      this.depth--;
      return this.parseFilters({ type: 'unary', op: op as '-' | '+', operand });
    }
    return this.parseFilters(this.parsePostfix(this.parsePrimary()));
  }

  private parseUnaryNoFilter(): Expr {
    const op = this.peekOp('-', '+');
    if (op) {
      this.i++;
      this.nest();
      const operand = this.parseUnaryNoFilter();
      this.depth--;
      return { type: 'unary', op: op as '-' | '+', operand };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): Expr {
    const t = this.take();
    if (!t) throw new TemplateSyntaxError('the expression ends too early');
    switch (t.kind) {
      case 'string': {
        // Adjacent strings are one, as in Python: 'a' 'b'.
        let value = t.value;
        while (this.tokens[this.i]?.kind === 'string')
          value += (this.take() as { value: string }).value;
        return { type: 'literal', value };
      }
      case 'int':
        return { type: 'literal', value: { kind: 'int', value: t.value } };
      case 'float':
        return { type: 'literal', value: { kind: 'float', value: t.value } };
      case 'name': {
        const literal = LITERAL_NAMES[t.value];
        if (literal !== undefined) return { type: 'literal', value: literal };
        if (this.peekOp('(')) {
          if (!FUNCTIONS.has(t.value)) {
            throw new TemplateSyntaxError(
              `the function ${t.value}() is not supported`,
              'unsupported',
            );
          }
          this.i++;
          return { type: 'call', name: t.value, args: this.args() };
        }
        return { type: 'name', name: t.value };
      }
      case 'op':
        if (t.value === '(') {
          const inner = this.expression();
          if (this.acceptOp(','))
            throw new TemplateSyntaxError('tuples are not supported', 'unsupported');
          this.expectOp(')');
          return inner;
        }
        if (t.value === '[') {
          const items: Expr[] = [];
          while (!this.acceptOp(']')) {
            items.push(this.expression());
            if (!this.acceptOp(',')) {
              this.expectOp(']');
              break;
            }
          }
          return { type: 'list', items };
        }
        if (t.value === '{') {
          const entries: Array<[Expr, Expr]> = [];
          while (!this.acceptOp('}')) {
            const key = this.expression();
            this.expectOp(':');
            entries.push([key, this.expression()]);
            if (!this.acceptOp(',')) {
              this.expectOp('}');
              break;
            }
          }
          return { type: 'dict', entries };
        }
        break;
    }
    throw new TemplateSyntaxError(`unexpected ${describe(t)}`);
  }

  private parsePostfix(target: Expr): Expr {
    for (;;) {
      if (this.acceptOp('.')) {
        const t = this.take();
        if (t?.kind === 'name') {
          if (this.peekOp('(')) {
            throw new TemplateSyntaxError(`calling .${t.value}() is not supported`, 'unsupported');
          }
          if (DICT_METHODS.has(t.value)) {
            throw new TemplateSyntaxError(
              `.${t.value} is a dict's method in Jinja, not its key: write ['${t.value}']`,
              'unsupported',
            );
          }
          target = { type: 'attr', target, name: t.value };
        } else if (t?.kind === 'int') {
          target = {
            type: 'item',
            target,
            index: { type: 'literal', value: { kind: 'int', value: t.value } },
          };
        } else throw new TemplateSyntaxError('a name must follow "."');
      } else if (this.acceptOp('[')) {
        const index = this.expression();
        if (this.peekOp(':'))
          throw new TemplateSyntaxError('slices are not supported', 'unsupported');
        this.expectOp(']');
        target = { type: 'item', target, index };
      } else if (this.peekOp('(')) {
        throw new TemplateSyntaxError('calling a value is not supported', 'unsupported');
      } else return target;
    }
  }

  private parseFilters(target: Expr): Expr {
    for (;;) {
      if (this.acceptOp('|')) {
        const name = this.take();
        if (name?.kind !== 'name') throw new TemplateSyntaxError('a filter name must follow "|"');
        const args = this.acceptOp('(') ? this.args() : [];
        target = { type: 'filter', target, name: name.value, args };
      } else if (this.acceptName('is')) {
        const negated = this.acceptName('not');
        const name = this.take();
        if (name?.kind !== 'name' && !(name?.kind === 'op' && name.value === '==')) {
          throw new TemplateSyntaxError('a test name must follow "is"');
        }
        const testName = name.kind === 'name' ? name.value : 'eq';
        let args: Expr[] = [];
        if (this.acceptOp('(')) args = this.args();
        else if (this.startsTestArgument()) {
          // As Jinja: `x is divisibleby 3`, `x is eq value_json.y`: one primary, no operators.
          args = [this.parsePostfix(this.parsePrimary())];
        }
        target = { type: 'test', target, name: testName, negated, args };
      } else return target;
    }
  }

  private startsTestArgument(): boolean {
    const t = this.tokens[this.i];
    if (!t) return false;
    if (t.kind === 'name') return !['else', 'or', 'and', 'if', 'is', 'not', 'in'].includes(t.value);
    if (t.kind === 'op') return t.value === '[' || t.value === '{';
    return t.kind === 'string' || t.kind === 'int' || t.kind === 'float';
  }

  /** Arguments up to `)`: positional only (`default(0, 'unsupported')`; keywords are refused). */
  private args(): Expr[] {
    const args: Expr[] = [];
    while (!this.acceptOp(')')) {
      const next = this.tokens[this.i + 1];
      if (this.tokens[this.i]?.kind === 'name' && next?.kind === 'op' && next.value === '=') {
        throw new TemplateSyntaxError('keyword arguments are not supported', 'unsupported');
      }
      args.push(this.expression());
      if (!this.acceptOp(',')) {
        this.expectOp(')');
        break;
      }
    }
    return args;
  }

  private take(): Token | undefined {
    return this.tokens[this.i++];
  }

  private peekOp(...ops: string[]): string | null {
    const t = this.tokens[this.i];
    return t?.kind === 'op' && ops.includes(t.value) ? t.value : null;
  }

  private acceptOp(op: string): boolean {
    if (!this.peekOp(op)) return false;
    this.i++;
    return true;
  }

  private expectOp(op: string) {
    if (!this.acceptOp(op)) {
      const t = this.tokens[this.i];
      throw new TemplateSyntaxError(`expected "${op}"${t ? `, found ${describe(t)}` : ''}`);
    }
  }

  private peekName(name: string, ahead = 0): boolean {
    const t = this.tokens[this.i + ahead];
    return t?.kind === 'name' && t.value === name;
  }

  private acceptName(name: string): boolean {
    if (!this.peekName(name)) return false;
    this.i++;
    return true;
  }

  private expectClose() {
    const t = this.take();
    if (t?.kind !== 'close') {
      throw new TemplateSyntaxError(t ? `unexpected ${describe(t)}` : 'a tag is not closed');
    }
  }
}

const LITERAL_NAMES: Record<string, LiteralValue | undefined> = {
  true: true,
  True: true,
  false: false,
  False: false,
  none: null,
  None: null,
};

function describe(t: Token): string {
  switch (t.kind) {
    case 'text':
      return 'text';
    case 'open':
      return 'a new tag';
    case 'close':
      return 'the end of the tag';
    case 'string':
      return `the string ${JSON.stringify(t.value)}`;
    case 'int':
    case 'float':
      return `the number ${t.value}`;
    default:
      return `"${t.value}"`;
  }
}
