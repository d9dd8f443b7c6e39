import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '@/i18n/i18n';
import { say } from '@/i18n/message';
import { entry } from './test-utils';
import { readNumber } from './value';

const number = (payload: string, path = '') => {
  const r = readNumber(entry(payload).payload, path);
  return r.ok ? r.value : say(r.reason);
};

describe('numbers in German notation', () => {
  afterEach(() => setLanguage('en'));

  it('are numbers while German is on screen: one comma, no point', () => {
    setLanguage('de');
    expect(number('21,5')).toBe(21.5);
    expect(number('-3,25')).toBe(-3.25);
    expect(number(' 0,5 ')).toBe(0.5);
    expect(number('"21,5"')).toBe(21.5); // a JSON string
    expect(number('{"temp":"21,5"}', 'temp')).toBe(21.5);
    // Numbers in JSON syntax stay numbers.
    expect(number('21.5')).toBe(21.5);
    expect(number('1e3')).toBe(1000);
  });

  it('are not numbers with two commas, a point and a comma, or nothing on one side', () => {
    setLanguage('de');
    for (const text of ['1,2,3', '1.234,5', '1,234.5', ',5', '5,', '21,5 °C', 'a,b']) {
      expect(number(text), text).toBe('keine Zahl');
    }
  });

  it('are not numbers in English', () => {
    expect(number('21,5')).toBe('not a number');
    expect(number('-3,25')).toBe('not a number');
    expect(number('21.5')).toBe(21.5);
  });

  it('follow the language asked for, whatever is on screen', () => {
    expect(readNumber(entry('21,5').payload, '', 'de')).toEqual({ ok: true, value: 21.5 });
    setLanguage('de');
    expect(readNumber(entry('21,5').payload, '', 'en').ok).toBe(false);
  });
});
