import { describe, expect, it } from 'vitest';
import { setLanguage } from '@/i18n/i18n';
import { decodePayload } from '@/mqtt/payload';
import { firstMatch, readRuleInput, ruleMatches, type Rule } from './rules';

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

describe('rules in German', () => {
  it('read 21,5 in a payload and in a rule as 21.5 when the screen is German, only then', () => {
    const payload = decodePayload(new TextEncoder().encode('21,5'));
    const read = () => {
      const r = readRuleInput(payload, '');
      return r.ok ? r.value : null;
    };
    try {
      setLanguage('de');
      expect(read()).toEqual({ text: '21,5', number: 21.5 });
      expect(ruleMatches(r('>', '20,5'), read()!)).toBe(true);
      expect(ruleMatches(r('<', '21'), read()!)).toBe(false);
      setLanguage('en');
      expect(read()).toEqual({ text: '21,5', number: null });
      expect(ruleMatches(r('>', '20'), read()!)).toBe(false);
      expect(ruleMatches(r('=', '21,5'), read()!)).toBe(true); // as text
    } finally {
      setLanguage('en');
    }
  });
});
