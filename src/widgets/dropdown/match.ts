import { renderPayload, type TemplateValue } from '@/widgets/kit/payload-template';
import { parseValuePath, rawText, readValuePath, type DecodedPayload } from '@/mqtt/payload';

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One choice: what the list shows, and what is published. */
export interface DropdownOption {
  readonly label: string;
  readonly value: string;
}

/**
 * An option's value as the payload template sees it: `42` and `true` go into a JSON template
 * unquoted, as a number and a boolean; anything else (`eco`, `007`) as text. Only values
 * that read back exactly as written are converted, so nothing is lost.
 */
export function templateValue(value: string): TemplateValue {
  if (value === 'true' || value === 'false') return value === 'true';
  if (NUMBER_RE.test(value) && String(Number(value)) === value) return Number(value);
  return value;
}

/** The payload choosing `option` publishes. */
export function optionPayload(option: DropdownOption, template: string): string {
  return renderPayload(template, templateValue(option.value));
}

/** What a state message says: which option, none (a value no option has), or unreadable. */
export type DropdownState =
  | { readonly kind: 'option'; readonly index: number }
  | { readonly kind: 'unknown'; readonly reason: string; readonly raw: string };

/**
 * Find the option a state message means. The value (at the value path) matches an option
 * when it equals, by value, the option's value or the payload choosing it publishes (so an
 * echo of our own `{"mode":"eco"}` matches even without a path). The first match wins.
 */
export function readDropdownState(
  p: DecodedPayload,
  options: readonly DropdownOption[],
  path: string,
  template: string,
): DropdownState {
  if (p.text === null) return { kind: 'unknown', reason: 'binary payload', raw: rawText(p) };
  const hasPath = path.trim() !== '';
  let incoming: unknown;
  if (!hasPath) incoming = p.json !== undefined ? p.json : p.text;
  else if (parseValuePath(path) === null) {
    return { kind: 'unknown', reason: `invalid value path “${path}”`, raw: p.text };
  } else if (p.json === undefined) {
    return { kind: 'unknown', reason: 'not JSON', raw: p.text };
  } else {
    incoming = readValuePath(p.json, path);
    if (incoming === undefined) {
      return { kind: 'unknown', reason: `no value at “${path}”`, raw: p.text };
    }
  }
  const index = options.findIndex((o) => {
    if (sameValue(incoming, o.value)) return true;
    const parsed = parseJsonish(o.value);
    if (parsed !== undefined && sameValue(incoming, parsed)) return true;
    if (template.trim() === '') return false;
    const sent = parseJsonish(optionPayload(o, template));
    return sent !== undefined && sameValue(incoming, hasPath ? at(sent, path) : sent);
  });
  if (index >= 0) return { kind: 'option', index };
  return {
    kind: 'unknown',
    reason: p.text.trim() === '' ? 'empty payload' : 'matches no option',
    raw: p.text,
  };
}

function at(value: unknown, path: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  return readValuePath(value, path);
}

function parseJsonish(text: string): unknown {
  const t = text.trim();
  if (!/^[[{"]/.test(t)) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Equal by value, the way people read payloads: `1` equals `"1"`, `true` equals `"true"`,
 * text is compared without surrounding white space, objects by their keys (in any order)
 * and arrays item by item. A number never equals a boolean.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  if (typeof a === 'string') return sameAsText(b, a);
  if (typeof b === 'string') return sameAsText(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

function sameAsText(v: unknown, text: string): boolean {
  const t = text.trim();
  if (typeof v === 'number') return NUMBER_RE.test(t) && Number(t) === v;
  if (typeof v === 'boolean') return t === String(v);
  return false;
}
