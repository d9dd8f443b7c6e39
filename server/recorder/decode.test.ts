import { describe, expect, it } from 'vitest';
import { decode, numberAt, parseValuePath } from './decode.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
/** The number a widget with `path` would show for `payload` (null: "—" or invalid). */
const number = (payload: string | Uint8Array, path = '') =>
  numberAt(decode(typeof payload === 'string' ? bytes(payload) : payload), path);

describe('decode', () => {
  it('reads plain numbers, with whitespace and signs (src/mqtt/payload.test.ts)', () => {
    expect(decode(bytes('21.5')).json).toBe(21.5);
    expect(decode(bytes(' 42 \n')).json).toBe(42);
    expect(decode(bytes('-3e2')).json).toBe(-300);
    expect(decode(bytes('.5')).json).toBe(0.5);
  });

  it('parses JSON objects, arrays, strings and literals; other text stays text', () => {
    expect(decode(bytes('{"temp": 21}')).json).toEqual({ temp: 21 });
    expect(decode(bytes('[1,2]')).json).toEqual([1, 2]);
    expect(decode(bytes('"hi"')).json).toBe('hi');
    expect(decode(bytes('true')).json).toBe(true);
    expect(decode(bytes('null')).json).toBeNull();
    expect(decode(bytes('abc'))).toEqual({ text: 'abc', json: undefined });
    expect(decode(bytes('{broken')).json).toBeUndefined();
    expect(decode(bytes('12abc')).json).toBeUndefined();
  });

  it('marks invalid UTF-8 as binary', () => {
    expect(decode(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toEqual({
      text: null,
      json: undefined,
    });
    expect(decode(bytes('Grüße 🌡️')).text).toBe('Grüße 🌡️');
  });
});

describe('numberAt', () => {
  it('reads JSON numbers and numeric strings, trimmed', () => {
    expect(number('21.5')).toBe(21.5);
    expect(number(' 42 ')).toBe(42);
    expect(number('-1e3')).toBe(-1000);
    expect(number('7.')).toBe(7);
    expect(number('"19.5"')).toBe(19.5);
    expect(number('" 42 "')).toBe(42);
  });

  it('reads booleans as 1 and 0, as Node-RED’s gauge does', () => {
    expect(number('true')).toBe(1);
    expect(number('false')).toBe(0);
    expect(number('{"on":true}', 'on')).toBe(1);
    expect(number('{"on":false}', 'on')).toBe(0);
  });

  it('reads German notation with one comma (the recorder cannot know the screen)', () => {
    expect(number('21,5')).toBe(21.5);
    expect(number('-3,25')).toBe(-3.25);
    expect(number(' 0,5 ')).toBe(0.5);
    expect(number('"21,5"')).toBe(21.5);
    expect(number('{"temp":"21,5"}', 'temp')).toBe(21.5);
    for (const text of ['1,2,3', '1.234,5', '1,234.5', ',5', '5,', '21,5 °C', 'a,b']) {
      expect(number(text), text).toBeNull();
    }
  });

  it('is null for what is no number: too large, hex, Infinity, text, objects, null', () => {
    for (const text of ['1e999', '-1e999', '0x10', 'Infinity', 'NaN', '1 2', 'abc', '12abc']) {
      expect(number(text), text).toBeNull();
    }
    expect(number('"1e999"')).toBeNull();
    expect(number('{"a":1}')).toBeNull();
    expect(number('[1]')).toBeNull();
    expect(number('null')).toBeNull();
    expect(number('{"a":null}', 'a')).toBeNull();
  });

  it('is null for an empty payload, whitespace, and binary', () => {
    expect(number('')).toBeNull();
    expect(number('   \n')).toBeNull();
    expect(number(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toBeNull();
    expect(number(new Uint8Array([0xff, 0x32]), 'a')).toBeNull();
  });

  it('follows value paths: dotted, indexed and quoted', () => {
    const json = JSON.stringify({
      a: { b: 3.5, 'b c': 7 },
      values: [10, 20],
      sensor: { values: [{ t: '-2' }] },
      'x y': { z: 9 },
      $k: 1,
      'with-dash': 2,
    });
    expect(number(json, 'a.b')).toBe(3.5);
    expect(number(json, 'values[0]')).toBe(10);
    expect(number(json, 'values[1]')).toBe(20);
    expect(number(json, ' values [ 1 ] ')).toBe(20);
    expect(number(json, 'a["b c"]')).toBe(7);
    expect(number(json, "a['b c']")).toBe(7);
    expect(number(json, '["x y"].z')).toBe(9);
    expect(number(json, 'sensor.values[0].t')).toBe(-2);
    expect(number(json, '$k')).toBe(1);
    expect(number(json, 'with-dash')).toBe(2);
  });

  it('is null where the path finds nothing or reads into a non-object', () => {
    const json = JSON.stringify({ a: { b: [1] }, n: 5, s: 'x' });
    expect(number(json, 'a.c')).toBeNull();
    expect(number(json, 'a.b[5]')).toBeNull();
    expect(number(json, 'n.x')).toBeNull();
    expect(number(json, 's.length')).toBeNull();
    expect(number(json, 'missing.deeper')).toBeNull();
    // A path into text that is not JSON, or into a bare number.
    expect(number('21.5', 'temp')).toBeNull();
    expect(number('hello', 'temp')).toBeNull();
  });

  it('is null for malformed paths, whatever the payload', () => {
    const json = JSON.stringify({ a: { b: 1 }, x: 2 });
    for (const path of ['a..b', '.a', 'a[x]', 'a[', 'a]', 'a["b]', '[-1]', 'a.1', '1a', 'a b c[']) {
      expect(parseValuePath(path), path).toBeNull();
      expect(number(json, path), path).toBeNull();
    }
  });

  it('parses paths into keys as the app does', () => {
    expect(parseValuePath('temp')).toEqual(['temp']);
    expect(parseValuePath('sensor.values[0]')).toEqual(['sensor', 'values', 0]);
    expect(parseValuePath('a["b c"].d')).toEqual(['a', 'b c', 'd']);
    expect(parseValuePath('a["q\\"uote"]')).toEqual(['a', 'q"uote']);
    // Cached: the same answer twice, the malformed one too.
    expect(parseValuePath('a..b')).toBeNull();
    expect(parseValuePath('a..b')).toBeNull();
    expect(parseValuePath('sensor.values[0]')).toEqual(['sensor', 'values', 0]);
  });

  it('keeps reading after many distinct paths (the cache is bounded, not wrong)', () => {
    for (let i = 0; i < 1500; i++) expect(parseValuePath(`k${i}`)).toEqual([`k${i}`]);
    expect(number('{"k3":3}', 'k3')).toBe(3);
  });
});
