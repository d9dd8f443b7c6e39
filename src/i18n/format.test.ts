import { afterEach, describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatNumber } from './format';
import { setLanguage } from './i18n';

afterEach(() => setLanguage('en'));

describe('formatNumber', () => {
  it('writes a decimal comma in German, a point in English', () => {
    expect(formatNumber(21.5, null)).toBe('21.5');
    setLanguage('de');
    expect(formatNumber(21.5, null)).toBe('21,5');
    expect(formatNumber(21.5, 2)).toBe('21,50');
  });

  it('groups thousands as each language does', () => {
    expect(formatNumber(12345.6, null)).toBe('12,345.6');
    setLanguage('de');
    expect(formatNumber(12345.6, null)).toBe('12.345,6');
  });
});

describe('formatClock', () => {
  // Local time, whatever the zone the tests run in.
  const afternoon = new Date(2024, 5, 3, 15, 4, 5).getTime();

  it('shows a 24-hour clock in German', () => {
    setLanguage('de');
    expect(formatClock(afternoon, afternoon)).toBe('15:04:05');
  });

  it('shows AM/PM in English', () => {
    expect(formatClock(afternoon, afternoon)).toBe('03:04:05 PM');
  });
});

describe('formatAge', () => {
  it('says how long ago in the language on screen', () => {
    expect(formatAge(42_000)).toBe('42 sec. ago');
    setLanguage('de');
    expect(formatAge(42_000)).toBe('vor 42 Sek.');
  });
});
