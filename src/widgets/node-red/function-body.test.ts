import { describe, expect, it } from 'vitest';
import { readFunctionBody } from './function-body';

const pick = (valuePath: string, decimals: number | null = null, topic?: string) => ({
  kind: 'pick',
  valuePath,
  decimals,
  ...(topic !== undefined ? { topic } : {}),
});

describe('reading a function node body', () => {
  it('recognises the shapes that only pick, convert or round a field', () => {
    expect(readFunctionBody('msg.payload = msg.payload.temp;\nreturn msg;')).toEqual(pick('temp'));
    expect(readFunctionBody('return {payload: msg.payload.x};')).toEqual(pick('x'));
    expect(readFunctionBody('msg.payload = Number(msg.payload);\nreturn msg;')).toEqual(pick(''));
    expect(readFunctionBody('msg.payload = parseFloat(msg.payload["a b"].c);return msg;')).toEqual(
      pick('["a b"].c'),
    );
    expect(readFunctionBody('msg.payload = Math.round(msg.payload.t);return msg;')).toEqual(
      pick('t', 0),
    );
    expect(readFunctionBody('msg.payload = msg.payload.values[0].toFixed(2);return msg;')).toEqual(
      pick('values[0]', 2),
    );
    expect(
      readFunctionBody('var p = JSON.parse(msg.payload);\nmsg.payload = +p.power;\nreturn msg;'),
    ).toEqual(pick('power'));
    expect(
      readFunctionBody('node.status({text: "ok"});\nmsg.topic = "Wohnzimmer";\nreturn msg;'),
    ).toEqual(pick('', null, 'Wohnzimmer'));
    expect(readFunctionBody('return { payload: msg.payload.h, topic: "Feuchte" };')).toEqual(
      pick('h', null, 'Feuchte'),
    );
  });

  it('calls anything else opaque, and never runs it', () => {
    const opaque = { kind: 'opaque' };
    expect(readFunctionBody('msg.payload = msg.payload * 1.8 + 32;\nreturn msg;')).toEqual(opaque);
    expect(readFunctionBody('if (msg.payload > 3) return msg;')).toEqual(opaque);
    expect(readFunctionBody('node.send(msg);')).toEqual(opaque);
    expect(readFunctionBody('globalThis.ran = true; return msg;')).toEqual(opaque);
    expect(readFunctionBody('this is not javascript')).toEqual(opaque);
    expect(readFunctionBody(undefined)).toEqual(opaque);
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
  });
});
