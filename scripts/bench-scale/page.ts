/**
 * What scripts/bench-scale.ts runs inside the page. Every function here is handed to
 * Playwright (`addInitScript` / `evaluate`) as source, so each one is self-contained: it
 * uses nothing from this module but types. tsx wraps named inner functions in `__name(…)`,
 * which the page lacks: the bench defines a `__name` that does nothing before any of these run.
 *
 * All times are `performance.timeOrigin + performance.now()`, the clock Node uses too.
 */
import type { IClientOptions, MqttClient } from 'mqtt';

/** window.__bench: what the probes keep. Flat number arrays, cheap to fill and to hand over. */
export interface BenchState {
  /** start, duration, start, duration, … of every 'longtask' entry. */
  longTasks: number[];
  /**
   * Animation frames of 50 ms or more ('long-animation-frame'), described: when, how long,
   * the scripts that ran in them and their style and layout time. Read with BENCH_LOAF=1.
   */
  longFrames: string[];
  /** The time of every requestAnimationFrame callback since the last `resetFrames`. */
  frames: number[];
  /** Run once per frame, in the bench's own rAF callback, with its time. */
  hooks: Array<(t: number) => void>;
  watch?: WatchState;
  baseline?: BaselineState;
  /** value, DOM-change time, next-rAF time, … for each change the gauge showed. */
  gauge?: number[];
  /** The time of every keydown (capturing listener on window). */
  keys?: number[];
  /** time, text, … of the connection badge: at the start and at every change. */
  status?: Array<number | string>;
}

/** What the Tafel page shows: per watched widget, the sequence number its text shows now. */
export interface WatchState {
  /** -1: no number shown (no value yet, "—"). */
  shown: number[];
  /** The frame in which `shown` last changed. */
  changedAt: number[];
  /** t, shown[0], …, shown[n-1], t, … about every `sampleMs`. */
  samples: number[];
}

/** What the bare MQTT.js page received: per filter, the latest sequence number. */
export interface BaselineState {
  latest: number[];
  /** When the message with `latest` arrived. */
  changedAt: number[];
  /** t, latest[0], …, latest[n-1], t, … about every `sampleMs` (from the same rAF loop). */
  samples: number[];
  /** Messages received. */
  count: number;
  /** Receive time and sequence number of each message, up to the capacity asked for. */
  recvT: Float64Array;
  recvSeq: Float64Array;
  /** When the connection closed after it was up (it is not reopened). */
  closedAt: number[];
}

export interface WatchItem {
  /** The widget's title: the accessible name of its group. */
  name: string;
  /** text: the digits of the text widget's value; chart: of the "last value" in its label. */
  kind: 'text' | 'chart';
}

type BenchWindow = Window & { __bench: BenchState };

/** Init script for every bench page: long tasks and a rAF loop, from before the app runs. */
export function installBench(): void {
  const w = window as unknown as BenchWindow;
  if (w.__bench) return;
  const b: BenchState = { longTasks: [], longFrames: [], frames: [], hooks: [] };
  w.__bench = b;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        b.longTasks.push(performance.timeOrigin + e.startTime, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task API: the count stays 0 (the bench says so by printing 0).
  }
  try {
    interface Script {
      duration: number;
      invoker: string;
      sourceFunctionName: string;
      sourceURL: string;
      sourceCharPosition: number;
      forcedStyleAndLayoutDuration: number;
    }
    interface Frame {
      startTime: number;
      duration: number;
      renderStart: number;
      styleAndLayoutStart: number;
      blockingDuration: number;
      scripts: Script[];
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as Frame[]) {
        const scripts = e.scripts
          .map(
            (s) =>
              `${Math.round(s.duration)} ms ${s.invoker} ${s.sourceFunctionName || ''}@` +
              `${s.sourceURL.split('/').pop() ?? ''}:${s.sourceCharPosition}` +
              (s.forcedStyleAndLayoutDuration
                ? ` (forced layout ${Math.round(s.forcedStyleAndLayoutDuration)} ms)`
                : ''),
          )
          .join('; ');
        const layout = e.styleAndLayoutStart
          ? Math.round(e.startTime + e.duration - e.styleAndLayoutStart)
          : 0;
        b.longFrames.push(
          `${Math.round(performance.timeOrigin + e.startTime)}: ${Math.round(e.duration)} ms ` +
            `(blocking ${Math.round(e.blockingDuration)}); style+layout+paint ${layout} ms; ${scripts}`,
        );
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No long-animation-frame API: nothing to describe.
  }
  const tick = () => {
    const t = performance.timeOrigin + performance.now();
    b.frames.push(t);
    for (const h of b.hooks) h(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Start counting frames afresh (the array would otherwise hold the page's whole life). */
export function resetFrames(): void {
  (window as unknown as BenchWindow).__bench.frames.length = 0;
}

/**
 * Reads, once per frame, the number each widget in `items` shows (found by its group's
 * accessible name), and samples all of them every `sampleMs`. Returns the titles not found.
 */
export function watchItems(arg: { items: WatchItem[]; sampleMs: number }): string[] {
  const b = (window as unknown as BenchWindow).__bench;
  const byName = new Map<string, Element>();
  for (const g of document.querySelectorAll('[role=group][aria-labelledby]')) {
    const id = g.getAttribute('aria-labelledby');
    const title = id ? document.getElementById(id)?.textContent?.trim() : undefined;
    if (title) byName.set(title, g);
  }
  const groups = arg.items.map((it) => byName.get(it.name) ?? null);
  const n = arg.items.length;
  const state: WatchState = {
    shown: new Array<number>(n).fill(-1),
    changedAt: new Array<number>(n).fill(NaN),
    samples: [],
  };
  b.watch = state;
  const digits = (s: string | null | undefined): number => {
    if (!s) return -1;
    const d = s.replace(/\D/g, '');
    return d === '' ? -1 : Number(d);
  };
  // The element holding the value, found again only when React replaced it.
  const cache: Array<Element | null> = new Array<Element | null>(n).fill(null);
  const readOne = (i: number): number => {
    const g = groups[i];
    if (!g) return -1;
    const item = arg.items[i]!;
    let el = cache[i] ?? null;
    if (!el || !el.isConnected) {
      el = g.querySelector(item.kind === 'text' ? '.text-value' : '[role=img][aria-label]');
      cache[i] = el;
    }
    if (!el) return -1;
    if (item.kind === 'text') return digits(el.textContent);
    const m = /last value (.*)$/.exec(el.getAttribute('aria-label') ?? '');
    return digits(m?.[1]);
  };
  let lastSample = -Infinity;
  b.hooks.push((t) => {
    for (let i = 0; i < n; i++) {
      const s = readOne(i);
      if (s !== state.shown[i]) {
        state.shown[i] = s;
        state.changedAt[i] = t;
      }
    }
    if (t - lastSample >= arg.sampleMs) {
      lastSample = t;
      state.samples.push(t, ...state.shown);
    }
  });
  return arg.items.filter((_, i) => groups[i] === null).map((it) => it.name);
}

/** How many of the watched widgets are inside the viewport. */
export function visibleCount(names: string[]): number {
  let visible = 0;
  for (const g of document.querySelectorAll('[role=group][aria-labelledby]')) {
    const id = g.getAttribute('aria-labelledby');
    const title = id ? document.getElementById(id)?.textContent?.trim() : undefined;
    if (!title || !names.includes(title)) continue;
    const r = g.getBoundingClientRect();
    if (r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth) visible++;
  }
  return visible;
}

/**
 * The baseline: bare MQTT.js (its browser bundle, loaded as a script tag), subscribed to
 * `filters`, recording per message only the count, the latest sequence number per filter and
 * the receive time. No rendering, no store. Resolves once the broker acknowledged the
 * subscriptions.
 */
export async function startBaseline(arg: {
  url: string;
  filters: string[];
  capacity: number;
  sampleMs: number;
  keepalive: number;
}): Promise<void> {
  const b = (window as unknown as BenchWindow).__bench;
  const lib = (
    window as unknown as { mqtt: { connect(url: string, o: IClientOptions): MqttClient } }
  ).mqtt;
  const n = arg.filters.length;
  const state: BaselineState = {
    latest: new Array<number>(n).fill(-1),
    changedAt: new Array<number>(n).fill(NaN),
    samples: [],
    count: 0,
    recvT: new Float64Array(arg.capacity),
    recvSeq: new Float64Array(arg.capacity),
    closedAt: [],
  };
  b.baseline = state;
  const split = arg.filters.map((f) => f.split('/'));
  const matches = (f: string[], topic: string): boolean => {
    const t = topic.split('/');
    for (let i = 0; i < f.length; i++) {
      if (f[i] === '#') return true;
      if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
    }
    return f.length === t.length;
  };
  // Which filter a topic falls under, worked out once per topic.
  const filterOf = new Map<string, number>();
  const decoder = new TextDecoder();
  let up = false;
  // As Tafel connects (src/mqtt/connection.ts), with its default keepalive: MQTT.js gives up
  // when a PINGRESP takes longer than half a keepalive, which a long backlog can cause.
  const client = lib.connect(arg.url, {
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
    keepalive: arg.keepalive,
  });
  client.on('message', (topic, payload) => {
    const t = performance.timeOrigin + performance.now();
    let f = filterOf.get(topic);
    if (f === undefined) {
      f = split.findIndex((s) => matches(s, topic));
      filterOf.set(topic, f);
    }
    const seq = Number(decoder.decode(payload));
    if (state.count < arg.capacity) {
      state.recvT[state.count] = t;
      state.recvSeq[state.count] = seq;
    }
    state.count++;
    if (f >= 0) {
      state.latest[f] = seq;
      state.changedAt[f] = t;
    }
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => {
      if (up) return;
      client.end(true);
      reject(new Error(`baseline: MQTT.js could not connect to ${arg.url}: ${why}`));
    };
    const timer = setTimeout(() => fail('no CONNACK in 10 s'), 10_000);
    client.once('connect', () => {
      clearTimeout(timer);
      up = true;
      resolve();
    });
    client.once('error', (e) => fail(e.message));
    client.once('close', () => fail('the connection closed'));
  });
  client.on('close', () => {
    if (up) state.closedAt.push(performance.timeOrigin + performance.now());
  });
  await client.subscribeAsync(arg.filters, { qos: 0 });
  let lastSample = -Infinity;
  b.hooks.push((t) => {
    if (t - lastSample >= arg.sampleMs) {
      lastSample = t;
      state.samples.push(t, ...state.latest);
    }
  });
}

/**
 * Records each value the gauge named `name` shows: when a MutationObserver saw its
 * aria-valuenow (or its readout) change, and when the first requestAnimationFrame callback
 * after that ran (≈ the frame that paints it). False when there is no such gauge.
 */
export function watchGauge(name: string): boolean {
  const b = (window as unknown as BenchWindow).__bench;
  const meter = [...document.querySelectorAll('[role=meter]')].find(
    (m) => m.getAttribute('aria-label') === name,
  );
  if (!meter) return false;
  const readout = meter.parentElement?.querySelector('.gauge__readout');
  const rec: number[] = [];
  b.gauge = rec;
  let last = meter.getAttribute('aria-valuenow');
  const mo = new MutationObserver(() => {
    const v = meter.getAttribute('aria-valuenow');
    if (v === last || v === null) return;
    last = v;
    const i = rec.length;
    rec.push(Number(v), performance.timeOrigin + performance.now(), NaN);
    requestAnimationFrame(() => {
      rec[i + 2] = performance.timeOrigin + performance.now();
    });
  });
  mo.observe(meter, { attributes: true, attributeFilter: ['aria-valuenow'] });
  if (readout) mo.observe(readout, { subtree: true, childList: true, characterData: true });
  return true;
}

/** Records the time of every keydown, before the page's own listeners see it. */
export function watchKeys(): void {
  const b = (window as unknown as BenchWindow).__bench;
  const keys: number[] = [];
  b.keys = keys;
  window.addEventListener('keydown', () => keys.push(performance.timeOrigin + performance.now()), {
    capture: true,
  });
}

/** Records the connection badge's text ("Connected", "Reconnecting", …) and every change of it. */
export function watchStatus(): boolean {
  const b = (window as unknown as BenchWindow).__bench;
  const log: Array<number | string> = [];
  b.status = log;
  const el = document.querySelector('[role=status][aria-label="Connection"]');
  if (!el) return false;
  let last = el.textContent ?? '';
  log.push(performance.timeOrigin + performance.now(), last);
  new MutationObserver(() => {
    const text = el.textContent ?? '';
    if (text === last) return;
    last = text;
    log.push(performance.timeOrigin + performance.now(), text);
  }).observe(el, { subtree: true, childList: true, characterData: true });
  return true;
}
