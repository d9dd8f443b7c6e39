import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { microtaskNextTick } from './mqtt-next-tick.ts';

const require = createRequire(import.meta.url);
const bundlePath = path.join(
  path.dirname(require.resolve('mqtt/package.json')),
  'dist/mqtt.esm.js',
);

describe("MQTT.js's nextTick, by microtask", () => {
  const original = readFileSync(bundlePath, 'utf8');
  const patched = microtaskNextTick(original);

  it('finds the polyfills in the installed bundle and queues their drain as a microtask', () => {
    const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;
    const queued = /\.length===1&&![\w$]+&&queueMicrotask\([\w$]+\)/g;
    const timed = /\.length===1&&![\w$]+&&setTimeout\([\w$]+,0\)/g;
    expect(count(original, queued)).toBe(0);
    expect(count(patched, queued)).toBe(3);
    expect(count(patched, timed)).toBe(0);
    // Nothing else changed: the two calls are all that differ.
    expect(Math.abs(original.length - patched.length)).toBeLessThan(40);
  });

  it('stops the build when the bundle no longer has that shape', () => {
    expect(() => microtaskNextTick('export default {}')).toThrow(/Has MQTT.js changed/);
  });
});
