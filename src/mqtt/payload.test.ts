import { describe, expect, it } from 'vitest';
import { decodePayload, parseNumberText, parseValuePath, readValuePath } from './payload';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodePayload', () => {
  it('reads plain numbers, with whitespace and signs', () => {
    expect(decodePayload(bytes('21.5')).json).toBe(21.5);
    expect(decodePayload(bytes(' 42 \n')).json).toBe(42);
    expect(decodePayload(bytes('-3e2')).json).toBe(-300);
    expect(decodePayload(bytes('.5')).json).toBe(0.5);
  });

  it('parses JSON objects, arrays, strings and literals', () => {
    expect(decodePayload(bytes('{"temp": 21}')).json).toEqual({ temp: 21 });
    expect(decodePayload(bytes('[1,2]')).json).toEqual([1, 2]);
    expect(decodePayload(bytes('"hi"')).json).toBe('hi');
    expect(decodePayload(bytes('true')).json).toBe(true);
    expect(decodePayload(bytes('null')).json).toBeNull();
  });

  it('keeps text that is not JSON as text', () => {
    const p = decodePayload(bytes('abc'));
    expect(p.text).toBe('abc');
    expect(p.json).toBeUndefined();
    expect(decodePayload(bytes('{broken')).json).toBeUndefined();
    expect(decodePayload(bytes('12abc')).json).toBeUndefined();
  });

  it('handles empty and unicode payloads', () => {
    expect(decodePayload(new Uint8Array()).text).toBe('');
    expect(decodePayload(new Uint8Array()).json).toBeUndefined();
    expect(decodePayload(bytes('Grüße 🌡️')).text).toBe('Grüße 🌡️');
  });

  it('marks non-UTF-8 bytes as binary with a hex preview', () => {
    const p = decodePayload(new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
    expect(p.text).toBeNull();
    expect(p.size).toBe(4);
    expect(p.hexPreview).toBe('ff fe 00 41');
  });
});

describe('value paths', () => {
  it('parses dotted, indexed and quoted paths', () => {
    expect(parseValuePath('temp')).toEqual(['temp']);
    expect(parseValuePath('sensor.values[0]')).toEqual(['sensor', 'values', 0]);
    expect(parseValuePath('a["b c"].d')).toEqual(['a', 'b c', 'd']);
    expect(parseValuePath('a..b')).toBeNull();
    expect(parseValuePath('.a')).toBeNull();
    expect(parseValuePath('a[x]')).toBeNull();
  });

  it('reads values and gives undefined for missing steps', () => {
    const v = { a: { b: [10, 20] }, 'x y': 1 };
    expect(readValuePath(v, 'a.b[1]')).toBe(20);
    expect(readValuePath(v, 'a.c')).toBeUndefined();
    expect(readValuePath(v, 'a.b[5]')).toBeUndefined();
    expect(readValuePath(v, '')).toBe(v);
    expect(readValuePath(3, 'a')).toBeUndefined();
  });
});

describe('parseNumberText', () => {
  it('reads numbers as JSON writes them, trimmed; nothing else', () => {
    expect(['21.5', ' 42 ', '-1e3', '.5', '7.'].map(parseNumberText)).toEqual([
      21.5, 42, -1000, 0.5, 7,
    ]);
    expect(['', 'abc', '0x10', '1,5', 'Infinity', '1e999', '1 2'].map(parseNumberText)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
