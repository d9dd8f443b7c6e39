/**
 * What the nodes between an `mqtt in` and a widget (or a widget and an `mqtt out`) do to the
 * message, in the terms Tafel has: a value path, decimals, a topic set on the way. What Tafel
 * cannot express is said, node by node, so the report can tell the user what to check.
 */
import { msg, type Message } from '@/i18n/words';
import type { FunctionEffect } from './function-body';
import type { FlowNode } from './graph';
import { joinPaths, pathText, payloadKeys } from '../kit/value-paths';

export interface ChainReading {
  /** Below the `mqtt in`'s payload ('' = the payload). */
  valuePath: string;
  decimals: number | null;
  /** A literal topic set on the way (`change` or `function`): Node-RED's series label. */
  topic: string | null;
  /** The hops, by name, for the report: "json → Pick temperature → link". */
  via: string[];
  notes: Message[];
}

export const nodeName = (n: FlowNode): string => {
  const name = [n.name, n.title, n.label].find((v) => typeof v === 'string' && v.trim() !== '');
  return typeof name === 'string' ? name.trim().slice(0, 100) : n.type;
};

/** Nodes that only route or pace messages: the value is the same, the report need not warn. */
const QUIET = new Set(['link in', 'link out', 'link call', 'junction', 'json', 'rbe', 'delay']);

/**
 * How a function node's code is read: `readFunctionBody` (acorn) where the editor imports,
 * nothing at start-up (the tutorial's flow has no function node, and the parser stays out of
 * the first load).
 */
export type ReadFunction = (body: unknown) => FunctionEffect;
export const OPAQUE_FUNCTIONS: ReadFunction = () => ({ kind: 'opaque' });

/** Read the hops from the source to the widget (subscribing side). */
export function readInbound(
  hops: readonly FlowNode[],
  readFunctionBody: ReadFunction = OPAQUE_FUNCTIONS,
): ChainReading {
  const r: ChainReading = { valuePath: '', decimals: null, topic: null, via: [], notes: [] };
  let lost = false; // after a value Tafel cannot follow, further picks are guesses
  for (const n of hops) {
    if (n.type !== 'junction') r.via.push(nodeName(n));
    const name = nodeName(n);
    if (QUIET.has(n.type) || n.type.startsWith('subflow')) continue;
    switch (n.type) {
      case 'change': {
        for (const rule of rules(n)) {
          const p = String(rule.p ?? '');
          const pt = String(rule.pt ?? 'msg');
          if (pt !== 'msg') continue;
          if (rule.t === 'set' && p === 'topic' && rule.tot === 'str') {
            r.topic = String(rule.to ?? '');
            continue;
          }
          const target = payloadKeys(p);
          if (!target) continue; // another property: not what the widget shows
          if (
            (rule.t === 'set' && target.length === 0 && rule.tot === 'msg') ||
            (rule.t === 'move' && payloadKeys(rule.to) !== null)
          ) {
            // set payload = msg.payload.a.b, or move msg.payload.a.b → msg.payload
            const from = rule.t === 'set' ? payloadKeys(rule.to) : target;
            const to = rule.t === 'move' ? payloadKeys(rule.to) : target;
            if (from && to && to.length === 0 && !lost) {
              r.valuePath = joinPaths(r.valuePath, pathText(from));
              continue;
            }
          }
          lost = true;
          r.notes.push(msg('widgets:nodeRed.note.change', { name }));
          break;
        }
        break;
      }
      case 'function': {
        const effect = readFunctionBody(n.func);
        if (effect.kind === 'pick' && !lost) {
          r.valuePath = joinPaths(r.valuePath, effect.valuePath);
          if (effect.decimals !== null) r.decimals = effect.decimals;
          if (effect.topic !== undefined) r.topic = effect.topic;
        } else {
          lost = true;
          r.notes.push(msg('widgets:nodeRed.note.function', { name }));
        }
        break;
      }
      case 'template': {
        const m = /^\s*\{\{\{?\s*(payload(?:[.[][^}]*)?)\s*\}?\}\}\s*$/.exec(
          String(n.template ?? ''),
        );
        const keys = m ? payloadKeys(m[1]) : null;
        if (keys && !lost && n.field !== 'topic')
          r.valuePath = joinPaths(r.valuePath, pathText(keys));
        else {
          lost = true;
          r.notes.push(msg('widgets:nodeRed.note.template', { name }));
        }
        break;
      }
      case 'switch':
        r.notes.push(msg('widgets:nodeRed.note.switch', { name }));
        break;
      case 'range':
        lost = true;
        r.notes.push(msg('widgets:nodeRed.note.range', { name }));
        break;
      case 'smooth':
        r.notes.push(msg('widgets:nodeRed.note.smooth', { name }));
        break;
      case 'trigger':
        r.notes.push(msg('widgets:nodeRed.note.trigger', { name }));
        break;
      case 'join':
      case 'split':
      case 'batch':
        lost = true;
        r.notes.push(msg('widgets:nodeRed.note.join', { name, type: n.type }));
        break;
      default:
        r.notes.push(msg('widgets:nodeRed.note.unknown', { name, type: n.type }));
    }
  }
  return r;
}

/** Read the hops from the widget to the `mqtt out` (publishing side): a topic set on the way. */
export function readOutbound(
  hops: readonly FlowNode[],
  readFunctionBody: ReadFunction = OPAQUE_FUNCTIONS,
): ChainReading {
  const r: ChainReading = { valuePath: '', decimals: null, topic: null, via: [], notes: [] };
  for (const n of hops) {
    if (n.type !== 'junction') r.via.push(nodeName(n));
    const name = nodeName(n);
    if (QUIET.has(n.type) || n.type.startsWith('subflow')) continue;
    if (n.type === 'change') {
      let changesPayload = false;
      for (const rule of rules(n)) {
        if (String(rule.pt ?? 'msg') !== 'msg') continue;
        if (rule.t === 'set' && rule.p === 'topic' && rule.tot === 'str') {
          r.topic = String(rule.to ?? '');
        } else if (payloadKeys(rule.p) !== null) changesPayload = true;
      }
      if (changesPayload) r.notes.push(msg('widgets:nodeRed.note.changeOut', { name }));
      continue;
    }
    if (n.type === 'function') {
      const effect = readFunctionBody(n.func);
      if (effect.kind === 'pick' && effect.valuePath === '') {
        if (effect.topic !== undefined) r.topic = effect.topic;
      } else r.notes.push(msg('widgets:nodeRed.note.functionOut', { name }));
      continue;
    }
    if (n.type === 'switch') {
      r.notes.push(msg('widgets:nodeRed.note.switchOut', { name }));
      continue;
    }
    r.notes.push(msg('widgets:nodeRed.note.unknownOut', { name, type: n.type }));
  }
  return r;
}

function rules(n: FlowNode): Array<Record<string, unknown>> {
  return Array.isArray(n.rules)
    ? (n.rules as unknown[]).filter(
        (x): x is Record<string, unknown> => typeof x === 'object' && x !== null,
      )
    : [];
}
