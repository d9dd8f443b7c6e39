import { describe, expect, it } from 'vitest';
import { firstMatch, ruleMatches, type Rule } from './rules';

const input = (text: string) => ({
  text,
  number: text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : null,
});
const r = (op: Rule['op'], value = ''): Rule => ({ op, value });

describe('rules', () => {
  it('compares numbers as numbers and text as text', () => {
    expect(ruleMatches(r('=', '30'), input('30.0'))).toBe(true);
    expect(ruleMatches(r('=', 'on'), input('on'))).toBe(true);
    expect(ruleMatches(r('=', 'on'), input('ON'))).toBe(false);
    expect(ruleMatches(r('!=', 'on'), input('off'))).toBe(true);
    expect(ruleMatches(r('>', '30'), input('31'))).toBe(true);
    expect(ruleMatches(r('>', '30'), input('30'))).toBe(false);
    expect(ruleMatches(r('>=', '30'), input('30'))).toBe(true);
    expect(ruleMatches(r('<', '5'), input('-1'))).toBe(true);
    expect(ruleMatches(r('<=', '5'), input('5'))).toBe(true);
    expect(ruleMatches(r('>', '30'), input('warm'))).toBe(false); // no number, no order
    expect(ruleMatches(r('contains', 'alarm'), input('fire alarm'))).toBe(true);
    expect(ruleMatches(r('else'), input('anything'))).toBe(true);
  });

  it('finds the first matching rule, in order', () => {
    const rules = [r('>', '30'), r('>', '20'), r('else')];
    expect(firstMatch(rules, input('35'))).toBe(0);
    expect(firstMatch(rules, input('25'))).toBe(1);
    expect(firstMatch(rules, input('5'))).toBe(2);
    expect(firstMatch([r('=', 'on')], input('off'))).toBe(-1);
  });
});
