/**
 * Tokens of the Jinja subset that device discovery configs use (see template.ts). A template
 * is text with `{{ expression }}`, `{% statement %}` and `{# comment #}` in it; `-` at a
 * delimiter (`{%-`, `-}}`) trims the whitespace on that side, as Jinja does.
 */

export type Token =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'open'; readonly block: 'output' | 'statement' }
  | { readonly kind: 'close' }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'op'; readonly value: string };

/**
 * Why a template does not compile: `unsupported` is Jinja the subset leaves out (a for loop, a
 * method call, `states()`), `invalid` is not Jinja at all (a tag never closed), `too-large` is
 * past the bounds a stranger's config gets (length, nesting).
 */
export type CompileFailureReason = 'unsupported' | 'invalid' | 'too-large';

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly reason: CompileFailureReason = 'invalid',
  ) {
    super(message);
  }
}

// Longest first: `**` before `*`, `//` before `/`, `==` before `=`.
const OPERATORS = [
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '<',
  '>',
  '=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '|',
];

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // Text before the next tag; a `-` on either side trims its whitespace.
  let trimNext = false;
  while (i < source.length) {
    const open = nextTag(source, i);
    let text = source.slice(i, open === -1 ? source.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open === -1) {
      if (text) tokens.push({ kind: 'text', value: text });
      break;
    }
    const kind = source[open + 1];
    const trimBefore = source[open + 2] === '-';
    if (trimBefore) text = text.replace(/\s+$/, '');
    if (text) tokens.push({ kind: 'text', value: text });
    i = open + (trimBefore ? 3 : 2);
    if (kind === '#') {
      const end = source.indexOf('#}', i);
      if (end === -1) throw new TemplateSyntaxError('a comment {# is not closed with #}');
      trimNext = source[end - 1] === '-';
      i = end + 2;
      continue;
    }
    const closer = kind === '{' ? '}}' : '%}';
    tokens.push({ kind: 'open', block: kind === '{' ? 'output' : 'statement' });
    i = expression(source, i, closer, tokens);
    trimNext = source[i - 3] === '-';
    tokens.push({ kind: 'close' });
  }
  return tokens;
}

function nextTag(source: string, from: number): number {
  for (let i = source.indexOf('{', from); i !== -1; i = source.indexOf('{', i + 1)) {
    const c = source[i + 1];
    if (c === '{' || c === '%' || c === '#') return i;
  }
  return -1;
}

/** The tokens of one tag's inside, up to its closer; returns the index after the closer. */
function expression(source: string, start: number, closer: string, out: Token[]): number {
  let i = start;
  let depth = 0; // brackets: a dict literal's `}}` inside {{ … }} is not the closer
  for (;;) {
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (i >= source.length) throw new TemplateSyntaxError(`a tag is not closed with ${closer}`);
    if (depth === 0) {
      if (source.startsWith('-' + closer, i)) return i + 3;
      if (source.startsWith(closer, i)) return i + 2;
    }
    const c = source[i]!;
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        if (source[j] === '\\' && j + 1 < source.length) {
          j++;
          const e = source[j]!;
          // Python's \xhh and \uhhhh, as Jinja decodes its string literals.
          const hex = e === 'x' ? 2 : e === 'u' ? 4 : 0;
          const digits = source.slice(j + 1, j + 1 + hex);
          if (hex > 0 && digits.length === hex && /^[0-9a-fA-F]+$/.test(digits)) {
            value += String.fromCharCode(parseInt(digits, 16));
            j += hex;
          } else value += ESCAPES[e] ?? '\\' + e;
        } else value += source[j];
      }
      if (j >= source.length) throw new TemplateSyntaxError('a string is not closed');
      out.push({ kind: 'string', value });
      i = j + 1;
      continue;
    }
    const number = /^(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(source.slice(i, i + 64));
    if (number) {
      const text = number[0].replace(/_/g, '');
      const float = number[2] !== undefined || number[3] !== undefined;
      out.push({ kind: float ? 'float' : 'int', value: Number(text) });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 256));
    if (name) {
      out.push({ kind: 'name', value: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new TemplateSyntaxError(`unexpected character ${JSON.stringify(c)}`);
    if (op === '(' || op === '[' || op === '{') depth++;
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    out.push({ kind: 'op', value: op });
    i += op.length;
  }
}
