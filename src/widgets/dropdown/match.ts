import { msg, type Message } from '@/i18n/message';
import { parseNumberText, readValuePath, type DecodedPayload } from '@/mqtt/payload';
import { renderPayload, type TemplateValue } from '../kit/payload-template';
import { sameValue } from '../kit/typed-payload';
import { readValue } from '../kit/value';

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
  const n = parseNumberText(value);
  if (n !== null && String(n) === value) return n;
  return value;
}

/** The payload choosing `option` publishes. */
export function optionPayload(option: DropdownOption, template: string): string {
  return renderPayload(template, templateValue(option.value));
}

/** What a state message says: which option, none (a value no option has), or unreadable. */
export type DropdownState =
  | { readonly kind: 'option'; readonly index: number }
  | { readonly kind: 'unknown'; readonly reason: Message; readonly raw: string };

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
  const read = readValue(p, path);
  if (!read.ok) return { kind: 'unknown', reason: read.reason, raw: read.raw };
  const hasPath = path.trim() !== '';
  const incoming = read.value;
  const index = options.findIndex((o) => {
    if (sameValue(incoming, o.value)) return true;
    const parsed = parseJsonish(o.value);
    if (parsed !== undefined && sameValue(incoming, parsed)) return true;
    if (template.trim() === '') return false;
    const sent = parseJsonish(optionPayload(o, template));
    return sent !== undefined && sameValue(incoming, hasPath ? at(sent, path) : sent);
  });
  if (index >= 0) return { kind: 'option', index };
  return { kind: 'unknown', reason: msg('widgets:dropdown.noMatch'), raw: p.text ?? '' };
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
