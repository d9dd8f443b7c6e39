/**
 * Soak: memory stays flat however many messages an open dashboard takes. A seeded dashboard
 * (a chart of two wildcard series, three gauges, four texts and an indicator) takes a flood
 * over many topics, as fast as the page keeps up; the JS heap after a forced GC, the array
 * buffers behind it, the DOM node count and what the chart keeps in IndexedDB are compared
 * at the start and at the end.
 *
 *   npm run soak                  # 1,000,000 messages over 50 topics (several minutes)
 *   npm run soak -- 200000 20     # messages, topics
 *
 * A report, not a test: it prints PASS or WARN against its bound and always exits 0. The
 * short form runs in CI as e2e/soak.spec.ts, which asserts; both use `soak` below.
 *
 * The long form's last result (Chromium 156 headless, 2 cores): 1,000,000 messages in 232 s,
 * 4,770 msgs/s. Heap after GC 28.2 MB at the start and 45.4 MB at the end; all of that came
 * while the chart's 20 lines filled to their 10,000 points (done after 437,500 messages), and
 * from 500,000 to 1,000,000 messages it moved by +0.4 MB. DOM nodes 718 → 718, listeners
 * 975 → 975, IndexedDB 200,000 points: the chart's bound.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { CDPSession, Page } from '@playwright/test';
import type { MqttClient } from 'mqtt';

const MB = 1024 * 1024;

/** The message kinds of a room, in topic order; a room is five topics. */
const METRICS = ['temp', 'hum', 'env', 'state', 'power'] as const;
type Metric = (typeof METRICS)[number];

/** Messages the live path keeps per topic (src/mqtt/ingest.ts, its default). */
const LIVE_HISTORY = 1000;

/** The fewest topics the dashboard needs: the widgets read rooms r0 to r3. */
export const MIN_TOPICS = 20;

export interface SoakPlan {
  /** Topic prefix, ending in `/`; every topic and filter is under it. */
  prefix: string;
  /** Distinct topics the flood goes round (rooms of five). */
  topics: number;
  /** Messages before the first measurement: they fill the bounded buffers. */
  warmup: number;
  /** Messages measured. */
  messages: number;
  /** Points the chart keeps per line. */
  maxPoints: number;
  /** Messages published before waiting for the page (one marker each). */
  batch?: number;
  /** Measurements along the way (besides start and end), to show the plateau. */
  checkpoints?: number;
  /**
   * Also take a heap snapshot at the start and at the end and say what grew, by kind: compiled
   * code (the JIT warming up: bounded) versus data. Costs a few seconds and some memory.
   */
  breakdown?: boolean;
  log?: (line: string) => void;
}

/** One measurement, after a forced garbage collection. */
export interface Sample {
  /** Messages measured so far (0 at the start). */
  messages: number;
  /** V8's used JS heap. */
  heapMB: number;
  /** Array buffers (the chart's typed arrays) and external strings: outside the JS heap. */
  buffersMB: number;
  /** DOM nodes alive in the renderer, detached ones included (Performance.getMetrics). */
  nodes: number;
  /** Elements in the page's document. */
  elements: number;
  listeners: number;
  /** One requestAnimationFrame from the test's side: the page is responsive. */
  frameMs: number;
  /** Messages per second over the stretch before this sample (the warm-up's for the start). */
  rate?: number;
}

export interface SoakReport {
  messages: number;
  topics: number;
  /** Wall time of the measured part, checkpoints included. */
  seconds: number;
  /** Messages per second while flooding (checkpoints excluded). */
  rate: number;
  start: Sample;
  end: Sample;
  samples: Sample[];
  /** Longest wait from a batch's last publish until the page showed its marker. */
  maxLagMs: number;
  /** Widgets found not showing the last value sent (empty: all did). */
  mismatches: string[];
  /** Points the chart holds when full: lines × maxPoints. */
  chartCapacity: number;
  /**
   * Measured messages after which every bounded buffer is full (the live path's 1,000 per
   * topic, the chart's maxPoints per line); 0: full from the start. Growth before it is the
   * buffers filling, growth after it would go on for weeks.
   */
  filledAt: number;
  storage: StorageReport | null;
  /** MB by kind of heap object, at the start and at the end (with `breakdown`). */
  breakdown: { start: Record<string, number>; end: Record<string, number> } | null;
}

export interface StorageReport {
  series: number;
  points: number;
  /** navigator.storage.estimate().usage, if the browser gives it. */
  usageMB: number | null;
}

/** The flood's topics: `<prefix>r<room>/<metric>`, five per room. */
export function soakTopics(prefix: string, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${prefix}r${Math.floor(i / METRICS.length)}/${METRICS[i % METRICS.length]}`,
  );
}

const seqTopic = (prefix: string) => `${prefix}ctl/seq`;

/**
 * The soak dashboard's widgets (the shape e2e's `dashboardOf` takes): a chart with a line
 * per room for `+/temp` and for the `hum` inside `+/env`'s JSON, three gauges, texts on a
 * topic, a JSON path and a wildcard, an indicator, and the sequence the flood waits on.
 */
export function soakWidgets(prefix: string, maxPoints: number) {
  const p = prefix;
  return [
    {
      type: 'chart',
      config: {
        title: 'Soak',
        windowSeconds: 600,
        maxPoints,
        series: [
          { topic: `${p}+/temp`, valuePath: '', label: 'T', color: '#1f6feb' },
          { topic: `${p}+/env`, valuePath: 'hum', label: 'H', color: '#e8590c' },
        ],
      },
      layout: { x: 0, y: 0, w: 12, h: 6 },
    },
    {
      type: 'gauge',
      config: { title: 'Temp r0', topic: `${p}r0/temp`, unit: '°C' },
      layout: { x: 0, y: 6, w: 4, h: 4 },
    },
    {
      type: 'gauge',
      config: { title: 'Temp r1', topic: `${p}r1/temp`, variant: 'donut' },
      layout: { x: 4, y: 6, w: 4, h: 4 },
    },
    {
      type: 'gauge',
      config: { title: 'Power r2', topic: `${p}r2/power`, variant: 'level', unit: 'W' },
      layout: { x: 8, y: 6, w: 4, h: 4 },
    },
    {
      type: 'text',
      config: { label: 'Env r0', topic: `${p}r0/env`, valuePath: 'temp', decimals: 1 },
      layout: { x: 0, y: 10, w: 3, h: 2 },
    },
    {
      type: 'text',
      config: { label: 'Hum r1', topic: `${p}r1/hum`, unit: '%' },
      layout: { x: 3, y: 10, w: 3, h: 2 },
    },
    {
      type: 'text',
      config: { label: 'Any hum', topic: `${p}+/hum` },
      layout: { x: 6, y: 10, w: 3, h: 2 },
    },
    {
      type: 'text',
      config: { label: 'Sequence', topic: seqTopic(p) },
      layout: { x: 9, y: 10, w: 3, h: 2 },
    },
    {
      type: 'indicator',
      config: { label: 'Heating r3', topic: `${p}r3/state` },
      layout: { x: 0, y: 12, w: 3, h: 2 },
    },
  ];
}

/** A number from 0 to 99.9 with at most one decimal, so String() is its canonical text. */
const num = (i: number, k: number) => ((i * k) % 1000) / 10;

/** The i-th message of the flood: its topic index and payload. */
function message(i: number, topics: number): { index: number; payload: string } {
  const index = i % topics;
  const round = Math.floor(i / topics);
  const metric = METRICS[index % METRICS.length] as Metric;
  switch (metric) {
    case 'env':
      return { index, payload: `{"temp":${num(i, 7919)},"hum":${num(i, 104_729)},"n":${i}}` };
    case 'state':
      return { index, payload: round % 2 === 0 ? 'on' : 'off' };
    default:
      return { index, payload: String(num(i, 7919)) };
  }
}

/** What a widget should show, checked in the page. */
type Expected =
  | { kind: 'gauge'; name: string; value: number }
  | { kind: 'text'; name: string; value: number; decimals: number | null }
  | { kind: 'indicator'; name: string; text: string }
  | { kind: 'chart'; name: string; lines: Array<[label: string, value: number]> };

/** Runs in the page: the widgets that do not show what `expected` says, and what they show. */
function findMismatches(expected: Expected[]): string[] {
  const format = (v: number, decimals: number | null) =>
    new Intl.NumberFormat(undefined, {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 3,
    }).format(v);
  const widget = (name: string) =>
    [...document.querySelectorAll('section.widget')].find(
      (s) => s.querySelector('.widget__title')?.textContent?.trim() === name,
    );
  const out: string[] = [];
  for (const e of expected) {
    let got: string | null | undefined;
    let want: string;
    if (e.kind === 'gauge') {
      got = document
        .querySelector(`[role=meter][aria-label="${e.name}"]`)
        ?.getAttribute('aria-valuenow');
      want = String(e.value);
    } else if (e.kind === 'text') {
      got = widget(e.name)?.querySelector('.text-value__value')?.textContent;
      want = format(e.value, e.decimals);
    } else if (e.kind === 'indicator') {
      got = widget(e.name)?.querySelector('[role=img]')?.getAttribute('aria-label');
      want = `${e.name}: ${e.text}`;
    } else {
      const label =
        document
          .querySelector(`[role=img][aria-label^="${e.name}: chart"]`)
          ?.getAttribute('aria-label') ?? '';
      const shown = new Set(label.split(', last value ')[1]?.split(', ') ?? []);
      const missing = e.lines
        .map(([l, v]) => `${l} ${format(v, null)}`)
        .filter((s) => !shown.has(s));
      if (missing.length === 0) continue;
      got = label;
      want = `lines ${missing.join(', ')}`;
    }
    if (got !== want) out.push(`${e.name}: shows ${JSON.stringify(got)}, expected ${want}`);
  }
  return out;
}

/** Runs in the page: the highest sequence marker shown (-1: none yet). */
function shownSeq(): number {
  for (const el of document.querySelectorAll('.text-value__value')) {
    const m = /^seq-(\d+)$/.exec(el.textContent ?? '');
    if (m) return Number(m[1]);
  }
  return -1;
}

/** The page's window with the helpers `soak` installs there. */
type SoakWindow = {
  __soak: {
    seq(): number;
    mismatches(e: Expected[]): string[];
    storage(): Promise<StorageReport | null>;
  };
};

/**
 * Heap after GC (twice: the first frees what finalizers then release), DOM and a frame. The
 * least of three readings 300 ms apart: work still under way (a gauge's needle easing to its
 * value, a chart redraw) holds memory and detached nodes for a moment, and only ever adds.
 */
async function sample(page: Page, cdp: CDPSession, messages: number): Promise<Sample> {
  const readings: Sample[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 300));
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const t0 = performance.now();
    const elements = await page.evaluate(
      () =>
        new Promise<number>((r) =>
          requestAnimationFrame(() => r(document.getElementsByTagName('*').length)),
        ),
    );
    readings.push({
      messages,
      heapMB: heap.usedSize / MB,
      buffersMB: heap.backingStorageSize / MB,
      nodes: metric('Nodes'),
      elements,
      listeners: metric('JSEventListeners'),
      frameMs: performance.now() - t0,
    });
  }
  const least = (k: 'heapMB' | 'buffersMB' | 'nodes' | 'elements' | 'listeners') =>
    Math.min(...readings.map((r) => r[k]));
  return {
    messages,
    heapMB: least('heapMB'),
    buffersMB: least('buffersMB'),
    nodes: least('nodes'),
    elements: least('elements'),
    listeners: least('listeners'),
    // The page's responsiveness: the slowest frame, not the quickest.
    frameMs: Math.max(...readings.map((r) => r.frameMs)),
  };
}

/** What a heap snapshot's node types count as. */
const KINDS: Record<string, string> = {
  code: 'code',
  string: 'strings',
  'concatenated string': 'strings',
  'sliced string': 'strings',
  native: 'native',
  hidden: 'system',
  'object shape': 'system',
  synthetic: 'system',
};

/** A heap snapshot summed by kind (MB of self size): code, strings, objects, system, native. */
async function heapByKind(cdp: CDPSession): Promise<Record<string, number>> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const type = fields.indexOf('type');
  const size = fields.indexOf('self_size');
  const out: Record<string, number> = {};
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const kind = KINDS[types[0][snapshot.nodes[i + type]!]!] ?? 'objects';
    out[kind] = (out[kind] ?? 0) + snapshot.nodes[i + size]! / MB;
  }
  return out;
}

/**
 * In the page: save the chart now (as when the page is left), then read what IndexedDB holds
 * (null: no chart database).
 */
async function storedHistory(): Promise<StorageReport | null> {
  const before = Date.now();
  window.dispatchEvent(new Event('pagehide'));
  const request = (r: IDBRequest) =>
    new Promise<unknown>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const db = (await request(indexedDB.open('tafel-chart'))) as IDBDatabase;
  try {
    if (!db.objectStoreNames.contains('series')) return null;
    const read = async () => {
      const store = db.transaction('series').objectStore('series');
      const keys = (await request(store.getAllKeys())) as string[];
      const values = (await request(store.getAll())) as unknown[];
      return keys.map((k, i) => [k, values[i]] as const);
    };
    // The save is asynchronous: wait until the index says every series was written after
    // the pagehide.
    let entries = await read();
    for (let i = 0; i < 100; i++) {
      const index = entries.find(([k]) => k === 'index')?.[1] as Record<string, number>;
      if (index && Object.values(index).every((at) => at >= before)) break;
      await new Promise((r) => setTimeout(r, 50));
      entries = await read();
    }
    let series = 0;
    let points = 0;
    for (const [key, value] of entries) {
      if (!key.startsWith('series:')) continue;
      series++;
      for (const line of (value as { lines: Array<{ t: ArrayLike<number> }> }).lines)
        points += line.t.length;
    }
    const estimate = await navigator.storage?.estimate?.();
    return {
      series,
      points,
      usageMB: estimate?.usage === undefined ? null : estimate.usage / (1024 * 1024),
    };
  } finally {
    db.close();
  }
}

/**
 * Floods `page` (already showing `soakWidgets(plan.prefix, plan.maxPoints)`) through `sensor`:
 * the warm-up, a measurement, the measured messages with checkpoints, and a final
 * measurement. Batches are paced by the page: after publishing a batch and its sequence
 * marker, it waits until the page shows the previous marker, so at most two batches are in
 * flight and the broker's queues stay short.
 */
export async function soak(page: Page, sensor: MqttClient, plan: SoakPlan): Promise<SoakReport> {
  const { prefix, topics, warmup, messages, maxPoints } = plan;
  if (topics < MIN_TOPICS) throw new RangeError(`topics must be ≥ ${MIN_TOPICS}`);
  const batch = plan.batch ?? 2500;
  const checkpoints = plan.checkpoints ?? 4;
  const log = plan.log ?? (() => {});
  const names = soakTopics(prefix, topics);
  const last: string[] = new Array<string>(topics).fill('');
  let lastHum = '';
  const seq = seqTopic(prefix);
  let marker = 0;
  let maxLagMs = 0;
  let sent = 0; // over the whole run, warm-up included: message numbers go on

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // The page-side helpers, by source: Playwright cannot pass functions as arguments. tsx
  // wraps named functions in `__name(…)`, which the page lacks: a local one that does nothing.
  await page.evaluate(
    `(() => { const __name = (f) => f; window.__soak = { seq: ${shownSeq.toString()}, ` +
      `mismatches: ${findMismatches.toString()}, storage: ${storedHistory.toString()} }; })()`,
  );
  const waitForMarker = async (n: number) => {
    await page.waitForFunction(
      (want) => (window as unknown as SoakWindow).__soak.seq() >= want,
      n,
      {
        polling: 10,
        timeout: 60_000,
      },
    );
  };

  const rooms = Math.min(Math.ceil(topics / METRICS.length), 12); // lines per wildcard series
  const expected = (): Expected[] => {
    const value = (room: number, metric: Metric) =>
      last[room * METRICS.length + METRICS.indexOf(metric)]!;
    const lines: Array<[string, number]> = [];
    for (let r = 0; r < rooms; r++) {
      // A room's topics all exist (topics is a multiple of five) or only some do.
      const t = value(r, 'temp');
      if (t) lines.push([`T r${r}`, Number(t)]);
      const env = value(r, 'env');
      if (env) lines.push([`H r${r}`, (JSON.parse(env) as { hum: number }).hum]);
    }
    return [
      { kind: 'gauge', name: 'Temp r0', value: Number(value(0, 'temp')) },
      { kind: 'gauge', name: 'Temp r1', value: Number(value(1, 'temp')) },
      { kind: 'gauge', name: 'Power r2', value: Number(value(2, 'power')) },
      {
        kind: 'text',
        name: 'Env r0',
        value: (JSON.parse(value(0, 'env')) as { temp: number }).temp,
        decimals: 1,
      },
      { kind: 'text', name: 'Hum r1', value: Number(value(1, 'hum')), decimals: null },
      { kind: 'text', name: 'Any hum', value: Number(lastHum), decimals: null },
      { kind: 'indicator', name: 'Heating r3', text: value(3, 'state') === 'on' ? 'On' : 'Off' },
      { kind: 'chart', name: 'Soak', lines },
    ];
  };

  /** Publish `count` messages, paced by the page; resolves when the page shows the last. */
  const flood = async (count: number) => {
    let pending: { marker: number; at: number } | null = null;
    for (let done = 0; done < count;) {
      const n = Math.min(batch, count - done);
      for (let k = 0; k < n; k++, sent++) {
        const { index, payload } = message(sent, topics);
        sensor.publish(names[index]!, payload);
        last[index] = payload;
        if (index % METRICS.length === 1) lastHum = payload;
      }
      done += n;
      sensor.publish(seq, `seq-${++marker}`);
      const previous = pending;
      pending = { marker, at: performance.now() };
      if (previous) {
        await waitForMarker(previous.marker);
        maxLagMs = Math.max(maxLagMs, performance.now() - previous.at);
      }
    }
    if (pending) {
      await waitForMarker(pending.marker);
      maxLagMs = Math.max(maxLagMs, performance.now() - pending.at);
    }
  };

  /** Every widget shows the last value sent to it (the chart redraws within 250 ms). */
  const check = async (): Promise<string[]> => {
    const want = expected();
    try {
      await page.waitForFunction(
        (w) => (window as unknown as SoakWindow).__soak.mismatches(w).length === 0,
        want,
        {
          polling: 50,
          timeout: 5000,
        },
      );
      return [];
    } catch {
      return page.evaluate((w) => (window as unknown as SoakWindow).__soak.mismatches(w), want);
    }
  };

  await page.getByRole('img', { name: /^Soak: chart/ }).waitFor();
  const w0 = performance.now();
  await flood(warmup);
  const warmMs = performance.now() - w0;
  log(
    `warm-up: ${warmup.toLocaleString('en')} messages in ${(warmMs / 1000).toFixed(1)} s ` +
      `(${Math.round(warmup / (warmMs / 1000)).toLocaleString('en')} msgs/s)`,
  );
  const mismatches = await check();
  // The snapshot first, then a batch more: taking one leaves garbage that survives a forced GC
  // for a while, and a little for good (source positions). Neither may count as growth.
  const kindsAtStart = plan.breakdown ? await heapByKind(cdp) : null;
  if (kindsAtStart) await flood(batch);
  const start = { ...(await sample(page, cdp, 0)), rate: warmup / (warmMs / 1000) };
  const samples = [start];
  log(line(start));

  const t0 = performance.now();
  let floodMs = 0;
  const every = Math.ceil(messages / (checkpoints + 1));
  for (let done = 0; done < messages;) {
    const n = Math.min(every, messages - done);
    const f0 = performance.now();
    await flood(n);
    const ms = performance.now() - f0;
    floodMs += ms;
    done += n;
    for (const m of await check()) mismatches.push(`after ${done} messages: ${m}`);
    const s = { ...(await sample(page, cdp, done)), rate: n / (ms / 1000) };
    samples.push(s);
    log(line(s));
  }
  const seconds = (performance.now() - t0) / 1000;
  const end = samples[samples.length - 1]!;
  const kindsAtEnd = kindsAtStart ? await heapByKind(cdp) : null;
  const storage = await page.evaluate(() => (window as unknown as SoakWindow).__soak.storage());
  await cdp.detach();
  return {
    messages,
    topics,
    seconds,
    rate: messages / (floodMs / 1000),
    start,
    end,
    samples,
    maxLagMs,
    mismatches,
    chartCapacity: 2 * rooms * maxPoints,
    filledAt: Math.max(
      0,
      topics * Math.max(LIVE_HISTORY, maxPoints) - warmup - (kindsAtStart ? batch : 0),
    ),
    storage,
    breakdown: kindsAtStart && kindsAtEnd ? { start: kindsAtStart, end: kindsAtEnd } : null,
  };
}

function line(s: Sample): string {
  return (
    `  ${s.messages.toLocaleString('en').padStart(9)} msgs: heap ${s.heapMB.toFixed(2)} MB, ` +
    `array buffers ${s.buffersMB.toFixed(2)} MB, ${s.nodes} DOM nodes (${s.elements} elements), ` +
    `${s.listeners} listeners, a frame in ${s.frameMs.toFixed(0)} ms` +
    (s.rate === undefined ? '' : `; ${Math.round(s.rate).toLocaleString('en')} msgs/s before`)
  );
}

/** The report as lines of text. */
export function formatReport(r: SoakReport, boundMB: number): string[] {
  const growth = r.end.heapMB - r.start.heapMB;
  const buffers = r.end.buffersMB - r.start.buffersMB;
  // The bound applies from when every buffer was full: the first sample then, if not the last.
  const full = r.samples.find((s) => s.messages >= r.filledAt);
  const base = full && full !== r.end ? full : r.start;
  const flat = r.end.heapMB - base.heapMB;
  const pass = flat < boundMB && r.mismatches.length === 0;
  return [
    `messages: ${r.messages.toLocaleString('en')} over ${r.topics} topics`,
    `duration: ${r.seconds.toFixed(1)} s, ${Math.round(r.rate).toLocaleString('en')} msgs/s ` +
      `while flooding; a batch's marker reached the page after ${r.maxLagMs.toFixed(0)} ms at most`,
    `heap after GC: ${r.start.heapMB.toFixed(2)} MB at the start, ${r.end.heapMB.toFixed(2)} MB at the end: ` +
      `${sign(growth)} MB (${sign((growth / r.start.heapMB) * 100, 1)} %)`,
    base === r.start
      ? r.filledAt === 0
        ? 'every bounded buffer was full at the start'
        : `the buffers were still filling at the end (full after ${r.filledAt.toLocaleString('en')} messages)`
      : `every bounded buffer was full after ${r.filledAt.toLocaleString('en')} messages: heap ` +
        `${base.heapMB.toFixed(2)} MB at the first measurement since (${base.messages.toLocaleString('en')}), ` +
        `${sign(flat)} MB to the end (${sign((flat / base.heapMB) * 100, 1)} %)`,
    `array buffers: ${r.start.buffersMB.toFixed(2)} → ${r.end.buffersMB.toFixed(2)} MB (${sign(buffers)} MB; ` +
      `the chart's lines hold at most ${r.chartCapacity.toLocaleString('en')} points = ` +
      `${((r.chartCapacity * 16) / MB).toFixed(1)} MB)`,
    `DOM nodes: ${r.start.nodes} → ${r.end.nodes}, elements in the page ${r.start.elements} → ` +
      `${r.end.elements}; listeners ${r.start.listeners} → ${r.end.listeners}`,
    r.storage
      ? `IndexedDB: ${r.storage.series} series, ${r.storage.points.toLocaleString('en')} points` +
        (r.storage.usageMB === null ? '' : `, storage estimate ${r.storage.usageMB.toFixed(1)} MB`)
      : 'IndexedDB: not readable',
    ...(r.breakdown
      ? [
          'heap snapshot, growth by kind: ' +
            Object.keys(r.breakdown.end)
              .map((k) => `${k} ${sign(r.breakdown!.end[k]! - (r.breakdown!.start[k] ?? 0))} MB`)
              .join(', ') +
            ' (code: the JIT compiling hot functions; native: outside the JS heap)',
        ]
      : []),
    r.mismatches.length === 0
      ? 'widgets: every checkpoint showed the last values sent'
      : `widgets: ${r.mismatches.length} mismatches, e.g. ${r.mismatches.slice(0, 3).join('; ')}`,
    `${pass ? 'PASS' : 'WARN'}: heap growth ${base === r.start ? '' : 'once full '}${sign(flat)} MB ` +
      `${flat < boundMB ? '<' : '≥'} ${boundMB} MB` +
      (r.mismatches.length === 0 ? '' : ', and widgets missed values'),
  ];
}

const sign = (v: number, digits = 2) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;

/** Heap growth the script accepts, in MB. */
const BOUND_MB = 10;

async function main() {
  const messages = Number(process.argv[2] ?? 1_000_000);
  const topics = Number(process.argv[3] ?? 50);
  if (
    !Number.isInteger(messages) ||
    messages < 1 ||
    !Number.isInteger(topics) ||
    topics < MIN_TOPICS
  )
    throw new Error(`usage: npm run soak -- [messages ≥ 1] [topics ≥ ${MIN_TOPICS}]`);
  // Fill the live path's history (1,000 points per topic) and let the JIT compile the hot
  // path before measuring; the chart's 10,000 points per line fill during the run.
  const warmup = Math.max(60_000, topics * LIVE_HISTORY);
  const maxPoints = 10_000;
  const { withRunningApp } = await import('./with-running-app.ts');
  await withRunningApp(async ({ appUrl, browser, sensor }) => {
    const prefix = 'soak/';
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    const dashboard = {
      id: 'soak',
      title: 'Soak',
      revision: 1,
      updatedAt: new Date().toISOString(),
      pages: [
        {
          id: 'p',
          title: 'Home',
          groups: [
            {
              id: 'g',
              title: 'Soak',
              width: 12,
              showTitle: true,
              widgets: soakWidgets(prefix, maxPoints).map((w, i) => ({
                id: `w${i}`,
                version: 1,
                ...w,
              })),
            },
          ],
        },
      ],
    };
    await page.addInitScript((d) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(
        'tafel.dashboards',
        JSON.stringify({ schemaVersion: 1, dashboards: [d] }),
      );
      localStorage.setItem(
        'tafel.sync',
        JSON.stringify({ enabled: false, prefix: 'tafel/dashboards/' }),
      );
    }, dashboard);
    await page.goto(`${appUrl}d/soak`);
    await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
    // This process is the server, the broker and the sensor: its heap after a GC too.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const nodeMemory = () => {
      gc();
      return process.memoryUsage();
    };
    const node0 = nodeMemory();
    console.log(
      `soak: ${messages.toLocaleString('en')} messages over ${topics} topics after a warm-up of ` +
        `${warmup.toLocaleString('en')}; chart keeps ${maxPoints.toLocaleString('en')} points per line`,
    );
    const report = await soak(page, sensor, {
      prefix,
      topics,
      warmup,
      messages,
      maxPoints,
      checkpoints: 9,
      breakdown: true,
      log: console.log,
    });
    const node1 = nodeMemory();
    for (const l of formatReport(report, BOUND_MB)) console.log(l);
    console.log(
      `node (server, broker and sensor): rss ${(node0.rss / MB).toFixed(0)} → ${(node1.rss / MB).toFixed(0)} MB, ` +
        `heap ${(node0.heapUsed / MB).toFixed(0)} → ${(node1.heapUsed / MB).toFixed(0)} MB (after GC)`,
    );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    // A report: it says what went wrong and still exits 0.
    console.log(`WARN: the soak did not finish: ${e instanceof Error ? e.message : String(e)}`);
  });
}
