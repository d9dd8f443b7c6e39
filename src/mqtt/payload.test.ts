import { describe, expect, it } from 'vitest';
import { decodePayload, parseValuePath, readNumber, readValuePath } from './payload';

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

describe('readNumber', () => {
  const read = (s: string, path = '') => readNumber(decodePayload(bytes(s)), path);

  it('reads numbers directly and through paths', () => {
    expect(read('21.5')).toEqual({ ok: true, value: 21.5 });
    expect(read('{"temp": 22.25}', 'temp')).toEqual({ ok: true, value: 22.25 });
    expect(read('{"a":{"b":[7]}}', 'a.b[0]')).toEqual({ ok: true, value: 7 });
    expect(read('{"t":"19.5"}', 't')).toEqual({ ok: true, value: 19.5 });
    expect(read('true')).toEqual({ ok: true, value: 1 });
  });

  it('gives a reason and the raw text for everything else', () => {
    expect(read('abc')).toEqual({ ok: false, reason: 'not a number', raw: 'abc' });
    expect(read('')).toMatchObject({ ok: false, reason: 'empty payload' });
    expect(read('{"temp": 1}', 'hum')).toMatchObject({ ok: false, reason: 'no value at “hum”' });
    expect(read('{"temp": "warm"}', 'temp')).toMatchObject({ ok: false, reason: 'not a number' });
    expect(read('{"temp": 1}')).toMatchObject({ ok: false, reason: 'not a number' });
    expect(read('abc', 'temp')).toMatchObject({ ok: false, reason: 'not JSON' });
    const bin = readNumber(decodePayload(new Uint8Array([0xc3, 0x28])));
    expect(bin).toMatchObject({ ok: false, reason: 'binary payload' });
    expect(bin.ok === false && bin.raw).toContain('c3 28');
  });
});
