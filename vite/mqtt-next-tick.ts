import type { Plugin } from 'vite';

/**
 * MQTT.js's browser bundle carries three `process.nextTick` polyfills (two copies of JSPM
 * core's and browserify's), and all defer through `setTimeout(…, 0)`. Its writes pass through such a
 * tick (mqtt-packet corks the stream and uncorks it on the next tick), and in Chromium a
 * timer queued from an input event runs only after the next frame is drawn: a slider's key
 * step reached the socket 12.6 ms later at the median (and the broker 14.6 ms later).
 * Node's nextTick runs before any timer or I/O — a microtask is the browser's equivalent, so
 * the polyfills queue their drain with `queueMicrotask` instead: 1.4 ms to the socket,
 * 3.9 ms to the broker.
 *
 * The bundle is minified: the queue is recognised by its shape
 * (`q.push(new Item(fn, args)), q.length === 1 && !draining && schedule(drain)`), and the
 * build fails if MQTT.js ever ships it differently, rather than silently going slow again.
 */
const shapes: ReadonlyArray<readonly [RegExp, string]> = [
  // JSPM core: …&&setTimeout(drain,0)
  [
    /([\w$]+)\.push\(new ([\w$]+)\(([\w$]+),([\w$]+)\)\),\1\.length===1&&!([\w$]+)&&setTimeout\(([\w$]+),0\)/g,
    '$1.push(new $2($3,$4)),$1.length===1&&!$5&&queueMicrotask($6)',
  ],
  // browserify's process: …&&runTimeout(drain)
  [
    /([\w$]+)\.push\(new ([\w$]+)\(([\w$]+),([\w$]+)\)\),\1\.length===1&&!([\w$]+)&&(?!setTimeout\b|queueMicrotask\b)[\w$]+\(([\w$]+)\)/g,
    '$1.push(new $2($3,$4)),$1.length===1&&!$5&&queueMicrotask($6)',
  ],
];

/** The bundle with its polyfills ticking by microtask; throws if a shape is not found. */
export function microtaskNextTick(code: string): string {
  let out = code;
  for (const [shape, replacement] of shapes) {
    const found = out.match(shape)?.length ?? 0;
    if (found === 0)
      throw new Error(
        `mqtt-next-tick: expected a process.nextTick polyfill of shape ${shape.source} in ` +
          `MQTT.js's browser bundle, found ${found}. Has MQTT.js changed its bundle? See vite/mqtt-next-tick.ts.`,
      );
    out = out.replace(shape, replacement);
  }
  return out;
}

export function mqttNextTick(): Plugin {
  return {
    name: 'tafel:mqtt-next-tick',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]mqtt[\\/]dist[\\/]mqtt\.esm\.js$/.test(id.split('?')[0]!)) return null;
      return { code: microtaskNextTick(code), map: null };
    },
  };
}
