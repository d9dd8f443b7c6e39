/**
 * What a Node-RED function node does to the value, read from its code with a JavaScript
 * parser (acorn) and never run: the few shapes that only pick a field, turn it into a
 * number or round it. Anything else is "opaque" and the import says the user must check.
 */
import { parse, type Expression, type Node, type Statement } from 'acorn';
import { pathText, type PathKeys } from '../kit/value-paths';

export type FunctionEffect =
  | {
      kind: 'pick';
      /** The value path below the incoming `msg.payload` ('' = the payload itself). */
      valuePath: string;
      /** Rounded to this many decimals (Math.round, toFixed), or null. */
      decimals: number | null;
      /** A literal `msg.topic` it sets, if any. */
      topic?: string;
    }
  | { kind: 'opaque' };

const OPAQUE: FunctionEffect = { kind: 'opaque' };
/** Longer bodies are not worth reading: none of the shapes below is this long. */
const MAX_BODY = 20_000;

interface Value {
  keys: PathKeys;
  decimals: number | null;
}

export function readFunctionBody(body: unknown): FunctionEffect {
  if (typeof body !== 'string' || body.length > MAX_BODY) return OPAQUE;
  let program;
  try {
    program = parse(body, {
      ecmaVersion: 'latest',
      // A function node's body is a function's body: top-level `return` is the point.
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
    });
  } catch {
    return OPAQUE;
  }
  const vars = new Map<string, Value>();
  let payload: Value = { keys: [], decimals: null };
  let topic: string | undefined;
  for (const s of program.body as Statement[]) {
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        if (d.id.type !== 'Identifier' || !d.init) return OPAQUE;
        const v = valueOf(d.init, payload, vars);
        if (!v) return OPAQUE;
        vars.set(d.id.name, v);
      }
      continue;
    }
    if (s.type === 'ExpressionStatement') {
      const e = s.expression;
      if (e.type === 'AssignmentExpression' && e.operator === '=') {
        const target = msgProperty(e.left);
        if (target === 'payload') {
          const v = valueOf(e.right, payload, vars);
          if (!v) return OPAQUE;
          payload = v;
          continue;
        }
        if (target === 'topic') {
          if (e.right.type === 'Literal' && typeof e.right.value === 'string') {
            topic = e.right.value;
            continue;
          }
          // `msg.topic = msg.topic` and the like change nothing we show.
          if (msgProperty(e.right) === 'topic') continue;
          return OPAQUE;
        }
        return OPAQUE;
      }
      // node.status(…), node.warn(…): they do not touch the message.
      if (e.type === 'CallExpression' && isNodeCall(e.callee)) continue;
      return OPAQUE;
    }
    if (s.type === 'ReturnStatement') {
      const a = s.argument;
      if (a && a.type === 'Identifier' && a.name === 'msg') return picked(payload, topic);
      if (a && a.type === 'ObjectExpression') {
        let out: Value | null = null;
        for (const p of a.properties) {
          if (p.type !== 'Property' || p.computed) return OPAQUE;
          const name =
            p.key.type === 'Identifier'
              ? p.key.name
              : p.key.type === 'Literal'
                ? String(p.key.value)
                : '';
          if (name === 'payload') {
            out = valueOf(p.value as Expression, payload, vars);
            if (!out) return OPAQUE;
          } else if (name === 'topic') {
            if (p.value.type === 'Literal' && typeof p.value.value === 'string') {
              topic = p.value.value;
            } else if (msgProperty(p.value as Expression) !== 'topic') return OPAQUE;
          }
        }
        return out ? picked(out, topic) : OPAQUE;
      }
      return OPAQUE;
    }
    if (s.type === 'EmptyStatement') continue;
    return OPAQUE;
  }
  // No return: the function sends nothing on (or only with node.send): not a simple pick.
  return OPAQUE;
}

function picked(v: Value, topic: string | undefined): FunctionEffect {
  return {
    kind: 'pick',
    valuePath: pathText(v.keys),
    decimals: v.decimals,
    ...(topic !== undefined ? { topic } : {}),
  };
}

/** `msg.payload` → 'payload', `msg.topic` → 'topic', else null. */
function msgProperty(e: Node): string | null {
  if (e.type !== 'MemberExpression') return null;
  const m = e as unknown as { object: Node; property: Node; computed: boolean };
  if (m.object.type !== 'Identifier' || (m.object as unknown as { name: string }).name !== 'msg')
    return null;
  return memberName(m.property, m.computed);
}

function memberName(property: Node, computed: boolean): string | null {
  const p = property as unknown as { type: string; name?: string; value?: unknown };
  if (!computed && p.type === 'Identifier') return p.name ?? null;
  if (computed && p.type === 'Literal' && typeof p.value === 'string') return p.value;
  return null;
}

function isNodeCall(callee: Node): boolean {
  const c = callee as unknown as { type: string; object?: { type: string; name?: string } };
  return (
    c.type === 'MemberExpression' && c.object?.type === 'Identifier' && c.object.name === 'node'
  );
}

/** The value an expression computes from the payload, when it only picks, converts, rounds. */
function valueOf(e: Expression, payload: Value, vars: Map<string, Value>): Value | null {
  switch (e.type) {
    case 'Identifier':
      return vars.get(e.name) ?? null;
    case 'MemberExpression': {
      if (msgProperty(e) === 'payload') return payload;
      const base = valueOf(e.object as Expression, payload, vars);
      if (!base || base.decimals !== null) return null;
      const p = e.property as unknown as { type: string; name?: string; value?: unknown };
      let k: string | number | null = null;
      if (!e.computed && p.type === 'Identifier') k = p.name ?? null;
      else if (e.computed && p.type === 'Literal') {
        if (typeof p.value === 'string') k = p.value;
        else if (typeof p.value === 'number' && Number.isInteger(p.value)) k = p.value;
      }
      return k === null ? null : { keys: [...base.keys, k], decimals: null };
    }
    case 'UnaryExpression':
      // `+msg.payload` is Number(msg.payload).
      return e.operator === '+' ? valueOf(e.argument, payload, vars) : null;
    case 'CallExpression': {
      const callee = e.callee;
      const args = e.arguments as Expression[];
      const name = calleeName(callee);
      if ((name === 'Number' || name === 'parseFloat' || name === 'JSON.parse') && args[0]) {
        return valueOf(args[0], payload, vars);
      }
      if (name === 'parseInt' && args[0]) {
        const v = valueOf(args[0], payload, vars);
        return v && { ...v, decimals: 0 };
      }
      if (name === 'Math.round' && args[0]) {
        // Math.round(x * 10) / 10 is handled at the division; here it is whole numbers.
        const v = valueOf(args[0], payload, vars);
        return v && { ...v, decimals: 0 };
      }
      // x.toFixed(n)
      if (
        callee.type === 'MemberExpression' &&
        memberName(callee.property, callee.computed) === 'toFixed'
      ) {
        const v = valueOf(callee.object as Expression, payload, vars);
        const n = args[0] ? literalNumber(args[0]) : 0;
        return v && n !== null && Number.isInteger(n) && n >= 0 && n <= 6
          ? { ...v, decimals: n }
          : null;
      }
      return null;
    }
    case 'BinaryExpression': {
      // Math.round(x * 10) / 10 → one decimal.
      if (e.operator !== '/') return null;
      const scale = literalNumber(e.right as Expression);
      const left = e.left as Expression;
      if (scale === null || left.type !== 'CallExpression') return null;
      if (calleeName(left.callee) !== 'Math.round') return null;
      const inner = left.arguments[0] as Expression | undefined;
      if (!inner || inner.type !== 'BinaryExpression' || inner.operator !== '*') return null;
      if (literalNumber(inner.right as Expression) !== scale) return null;
      const decimals = Math.log10(scale);
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) return null;
      const v = valueOf(inner.left as Expression, payload, vars);
      return v && { ...v, decimals };
    }
    default:
      return null;
  }
}

function calleeName(callee: Node): string | null {
  const c = callee as unknown as {
    type: string;
    name?: string;
    object?: { type: string; name?: string };
    property?: Node;
    computed?: boolean;
  };
  if (c.type === 'Identifier') return c.name ?? null;
  if (c.type === 'MemberExpression' && c.object?.type === 'Identifier' && c.property) {
    const p = memberName(c.property, c.computed ?? false);
    return p ? `${c.object.name}.${p}` : null;
  }
  return null;
}

function literalNumber(e: Expression): number | null {
  return e.type === 'Literal' && typeof e.value === 'number' ? e.value : null;
}
