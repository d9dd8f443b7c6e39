import { describe, expect, it } from 'vitest';
import { encodeTyped, expectedAt, sameValue } from './typed-payload';

describe('typed payloads', () => {
  it('sends text as typed, numbers and booleans trimmed, JSON compacted', () => {
    expect(encodeTyped(' ON ', 'text')).toEqual({ ok: true, value: ' ON ', text: ' ON ' });
    expect(encodeTyped(' 1 ', 'number')).toEqual({ ok: true, value: 1, text: '1' });
    expect(encodeTyped('true', 'boolean')).toEqual({ ok: true, value: true, text: 'true' });
    expect(encodeTyped('{ "state": "ON" }', 'json')).toEqual({
      ok: true,
      value: { state: 'ON' },
      text: '{"state":"ON"}',
    });
    expect(encodeTyped('True', 'boolean').ok).toBe(false);
    expect(encodeTyped('', 'number').ok).toBe(false);
  });

  it('compares by value', () => {
    expect(sameValue(1, '1')).toBe(true);
    expect(sameValue('1.0', 1)).toBe(true);
    expect(sameValue(true, 'true')).toBe(true);
    expect(sameValue(' ON\n', 'ON')).toBe(true);
    expect(sameValue({ a: 1, b: [1, 'x'] }, { b: ['1', 'x'], a: '1' })).toBe(true);
    expect(sameValue(1, true)).toBe(false);
    expect(sameValue('on', 'ON')).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(null, 'null')).toBe(false);
  });

  it('reads the expected value of an object payload at the path', () => {
    expect(expectedAt({ state: 'ON', brightness: 80 }, 'state')).toBe('ON');
    expect(expectedAt({ state: 'ON' }, 'other')).toEqual({ state: 'ON' });
    expect(expectedAt('ON', 'state')).toBe('ON');
  });
});
