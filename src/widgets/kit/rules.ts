import { currentLanguage, key } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { z } from 'zod';
import { parseNumberText, type DecodedPayload } from '@/mqtt/payload';
import { germanNumber, readValue, valueAsText, type Reading } from './value';

/** A number as people write it in the language on screen: `21,5` too, in German. */
const numberIn = (text: string): number | null =>
  parseNumberText(text) ?? (currentLanguage() === 'de' ? germanNumber(text) : null);

/** How a rule compares a value (Node-RED's switch node, in short). */
export const ruleOperators = ['=', '!=', '>', '>=', '<', '<=', 'contains', 'else'] as const;

export const ruleSchema = z.object({
  op: z.enum(ruleOperators).default('='),
  /** Compared as a number when both sides are numbers, else as text. */
  value: z.string().max(200).default(''),
});

export type Rule = z.infer<typeof ruleSchema>;

/** A value as rules see it: the text, and the number when it is one. */
export interface RuleInput {
  text: string;
  number: number | null;
}

/** Does `rule` match? `else` always does (put it last). */
export function ruleMatches(rule: Rule, input: RuleInput): boolean {
  if (rule.op === 'else') return true;
  if (rule.op === 'contains') return input.text.includes(rule.value);
  const target = numberIn(rule.value) ?? NaN;
  const numeric = input.number !== null && Number.isFinite(target);
  switch (rule.op) {
    case '=':
      return numeric ? input.number === target : input.text === rule.value;
    case '!=':
      return numeric ? input.number !== target : input.text !== rule.value;
    case '>':
      return numeric && input.number! > target;
    case '>=':
      return numeric && input.number! >= target;
    case '<':
      return numeric && input.number! < target;
    case '<=':
      return numeric && input.number! <= target;
  }
}

/** The index of the first matching rule, or -1. */
export function firstMatch(rules: readonly Rule[], input: RuleInput): number {
  return rules.findIndex((r) => ruleMatches(r, input));
}

/** Rule operators for a select field. */
export const ruleOperatorOptions = ruleOperators.map((op) => ({
  value: op,
  label:
    op === 'else'
      ? key('widgets:rule.otherwise')
      : op === 'contains'
        ? key('widgets:rule.contains')
        : verbatim(op), // = ≠ < ≤ …: symbols
}));

/**
 * The value at `path` as rules compare it: its text (a JSON string unquoted, anything else
 * as JSON text, trimmed) and its number when it is one. Unreadable values are reasons, so
 * they show as invalid (or as no value) rather than matching `else`.
 */
export function readRuleInput(p: DecodedPayload, path: string): Reading<RuleInput> {
  const r = readValue(p, path);
  if (!r.ok) return r;
  // Without a path: a JSON string unquoted, anything else as sent (trimmed: `echo on |
  // mosquitto_pub -s` sends a newline that must not defeat `= on`).
  const text =
    path.trim() !== ''
      ? valueAsText(r.value)
      : typeof p.json === 'string'
        ? p.json
        : (p.text ?? '').trim();
  return { ok: true, value: { text, number: numberIn(text) } };
}
