/**
 * What widget converters share to read Node-RED nodes. The value formats (`ui_text`, `ui_gauge`, `ui_numeric`, D2's `ui-text`): Angular-style
 * `{{msg.payload.humidity}} %`, `{{value | number:1}}`, `{{{msg.payload}}}`. Read into what
 * Tafel has: a value path, decimals, and the text before and after the value.
 */
import { publishTopicError } from '@/mqtt/topic-filter';
import { pathText, payloadKeys } from './value-paths';

export interface NodeRedFormat {
  /** Below msg.payload ('' = the payload). */
  valuePath: string;
  decimals: number | null;
  before: string;
  after: string;
  /** The format as Tafel's text template (`{value|1} %`), '' when it is just the value. */
  template: string;
  /** What Tafel could not carry over: a second value, a filter it has not, HTML. */
  lost: Array<'second-value' | 'filter' | 'html'>;
}

const PLACEHOLDER = /\{\{\{?\s*([^}|]+?)\s*(?:\|\s*([^}]*?)\s*)?\}?\}\}/g;
/** Sane bounds for what is kept of the text around the value (the schemas' own limits). */
const MAX_AROUND = 100;

export function readNodeRedFormat(format: unknown): NodeRedFormat {
  const empty: NodeRedFormat = {
    valuePath: '',
    decimals: null,
    before: '',
    after: '',
    template: '',
    lost: [],
  };
  if (typeof format !== 'string' || format.trim() === '') return empty;
  const lost = new Set<NodeRedFormat['lost'][number]>();
  let text = format;
  if (/<[a-z!/][^>]*>/i.test(text)) {
    lost.add('html');
    text = text.replace(/<[^>]*>/g, '');
  }
  const matches = [...text.matchAll(PLACEHOLDER)];
  const first = matches[0];
  if (!first)
    return { ...empty, before: text.slice(0, MAX_AROUND), template: text, lost: [...lost] };
  if (matches.length > 1) lost.add('second-value');
  const expr = first[1]!.trim();
  const keys = expr === 'value' ? [] : payloadKeys(expr);
  const valuePath = keys ? pathText(keys) : '';
  if (!keys) lost.add('second-value');
  let decimals: number | null = null;
  const filter = first[2]?.trim();
  if (filter) {
    const n = /^number\s*(?::\s*(\d+))?$/.exec(filter);
    if (n) decimals = n[1] === undefined ? null : Math.min(6, Number(n[1]));
    else lost.add('filter');
  }
  const start = first.index;
  const before = text.slice(0, start);
  // Other placeholders stay out: Tafel has one value per widget.
  const after = text.slice(start + first[0].length).replace(PLACEHOLDER, '');
  const placeholder = decimals === null ? '{value}' : `{value|${decimals}}`;
  const template = `${before}${placeholder}${after}`;
  return {
    valuePath,
    decimals,
    before: before.slice(0, MAX_AROUND),
    after: after.slice(0, MAX_AROUND),
    template: template === '{value}' ? '' : template,
    lost: [...lost],
  };
}

/** A unit in what follows the value (`{{value}} °C` → `°C`), for widgets with a unit field. */
export function unitOf(f: NodeRedFormat): string {
  const u = f.after.trim();
  return u.length <= 20 ? u : '';
}

/**
 * A dashboard node's own topic, when the flow typed it as a plain topic that can be published
 * to (Dashboard 2's default is `msg.topic`: no topic of its own).
 */
export function nodeTopic(node: Readonly<Record<string, unknown>>): string {
  const topic = typeof node.topic === 'string' ? node.topic.trim() : '';
  const literal = node.topicType === undefined || node.topicType === 'str';
  return literal && topic !== '' && publishTopicError(topic) === null ? topic : '';
}
