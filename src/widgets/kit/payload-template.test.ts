import { describe, expect, it } from 'vitest';
import { renderPayload } from './payload-template';

describe('renderPayload', () => {
  it('sends the value alone without a template', () => {
    expect(renderPayload('', 42)).toBe('42');
    expect(renderPayload('  ', 'on')).toBe('on');
    expect(renderPayload('', true)).toBe('true');
  });

  it('replaces {value} in text', () => {
    expect(renderPayload('set {value}', 21.5)).toBe('set 21.5');
    expect(renderPayload('{value}/{value}', 'a')).toBe('a/a');
  });

  it('keeps JSON templates valid', () => {
    expect(renderPayload('{"brightness": {value}}', 80)).toBe('{"brightness": 80}');
    expect(renderPayload('{"on": {value}}', false)).toBe('{"on": false}');
    expect(renderPayload('{"mode": {value}}', 'eco')).toBe('{"mode": "eco"}');
    expect(renderPayload('{"mode": "{value}"}', 'say "hi"')).toBe('{"mode": "say \\"hi\\""}');
    expect(JSON.parse(renderPayload('[{value}, 1]', 'x'))).toEqual(['x', 1]);
  });
});
