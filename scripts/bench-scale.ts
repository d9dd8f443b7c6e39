/**
 * The scale benchmark: Tafel in Chromium against a page with nothing but bare MQTT.js (the
 * baseline: same broker, same filters, no rendering), on the embedded broker and on
 * Mosquitto. For each broker, each scenario runs Tafel first, then the baseline. Prints raw
 * numbers per run, then one table per broker. Asserts nothing. Part of `npm run bench`.
 *
 *   node --import tsx scripts/bench-scale.ts
 *   BENCH_SECONDS=5 BENCH_ONLY=1,3 BENCH_BROKERS=embedded node --import tsx scripts/bench-scale.ts
 *
 * Environment: BENCH_SECONDS (scenario 1's publishing time, default 30), BENCH_RATE (its
 * msgs/s, default 10000), BENCH_FLOOD (scenario 2's messages, default 5000), BENCH_ONLY
 * (scenarios, default 1,2,3,4), BENCH_BROKERS (default embedded,mosquitto), BENCH_NO_BUILD=1
 * (serve dist/ as it is, even if stale: no `vite build` while tests may be serving it),
 * BENCH_LIVE (worker or page), CHROMIUM_PATH, MOSQUITTO_PATH. To find where time goes:
 * BENCH_PROFILE=1 (+ BENCH_PROFILE_OUT=/tmp/p), BENCH_TRACE=/tmp/t, BENCH_LOAF=1 (below).
 *
 * The publisher is one MQTT.js client in Node over TCP, QoS 0. Every payload is a global
 * sequence number n (the n-th message of the run); Node keeps n → publish time. Times are
 * `performance.timeOrigin + performance.now()` in Node and in the page: the same clock,
 * except for a small offset between the two processes' time origins, measured (shortest of
 * ten round trips) and subtracted.
 *
 * Scenarios:
 * 1. 100 text widgets, widget i on `bench/s1/r<i>/+`, over 1,000 topics `bench/s1/r<i>/t<j>`
 *    (j < 10), round-robin (message n goes to topic k = n mod 1000: widget k mod 100, j = ⌊k/100⌋,
 *    so every widget gets every 100th message) at BENCH_RATE for BENCH_SECONDS, in batches
 *    every ~10 ms; then every topic gets one final value (the next 1,000 sequence numbers).
 * 2. The flood: BENCH_FLOOD messages round-robin over 20 text widgets (exact topics) and one
 *    chart (one more topic), published in one synchronous loop.
 * 3. 200 values at 20 msgs/s into a gauge: publish → painted frame.
 * 4. 20 slider key steps (ArrowRight, ~150 ms apart): keydown → message at a Node subscriber.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from '@playwright/test';
import mqtt, { type MqttClient } from 'mqtt';
import { ensureBuild, staleReason } from '../server/build.ts';
import { repoRoot } from '../server/paths.ts';
import {
  cleanUpNow,
  startEmbedded,
  startMosquitto,
  type BenchBroker,
  type BrokerKind,
} from './bench-scale/brokers.ts';
import { PageWorkers } from './bench-scale/workers.ts';
import {
  installBench,
  resetFrames,
  startBaseline,
  visibleCount,
  watchGauge,
  watchItems,
  watchKeys,
  watchStatus,
  type BenchState,
  type WatchItem,
} from './bench-scale/page.ts';

// ---------------------------------------------------------------------------------------------
// Settings

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return v;
}

const SECONDS = envNumber('BENCH_SECONDS', 30);
const RATE = envNumber('BENCH_RATE', 10_000);
const FLOOD = Math.round(envNumber('BENCH_FLOOD', 5000));
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? '1,2,3,4')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number),
);
const BROKERS = (process.env.BENCH_BROKERS ?? 'embedded,mosquitto')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as BrokerKind[];
for (const b of BROKERS) {
  if (b !== 'embedded' && b !== 'mosquitto')
    throw new Error(`BENCH_BROKERS: unknown broker "${b}" (embedded, mosquitto)`);
}

/** Where Tafel runs its live path: the worker (its default) or the page (`?live=page`). */
const LIVE = process.env.BENCH_LIVE ?? 'worker';
if (LIVE !== 'worker' && LIVE !== 'page')
  throw new Error(`BENCH_LIVE=${LIVE}: expected worker or page`);

/**
 * BENCH_PROFILE=1: a CPU profile of the page's main thread in scenarios 1 and 2, its top functions;
 * BENCH_PROFILE_OUT=/tmp/p also writes it (/tmp/p-embedded-s2.cpuprofile) for DevTools.
 */
const PROFILE = process.env.BENCH_PROFILE === '1';
/**
 * BENCH_TRACE=/tmp/t: a Chromium trace of scenario 2's flood (/tmp/t-embedded-s2.json) and of
 * scenario 1's publishing (-s1.json: large, so with a short BENCH_SECONDS).
 */
const TRACE = process.env.BENCH_TRACE;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

async function printProfile(kind: BrokerKind, cdp: CDPSession, scenario: string): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  if (process.env.BENCH_PROFILE_OUT) {
    const file = `${process.env.BENCH_PROFILE_OUT}-${kind}-s${scenario}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    log(kind, `  profile written to ${file} (open it in Chromium's DevTools, Performance)`);
  }
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  log(
    kind,
    `scenario ${scenario} profile of the page's main thread (${fmt(total)} ms sampled), top self time:`,
  );
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${fmt(ms).padStart(7)} ms  ${key}`);
}

/** How long to wait, after the last publish, for the final values to show. */
const FINAL_TIMEOUT_MS = 60_000;
/** How often the probes sample what is shown (for the lag). */
const SAMPLE_MS = 100;
const FRAME_MS = 1000 / 60;
const MiB = 1024 * 1024;
/** Tafel's default keepalive (src/mqtt/settings.ts); the baseline uses it too. */
const KEEPALIVE_S = 30;
const MQTT_BUNDLE = path.join(repoRoot, 'node_modules', 'mqtt', 'dist', 'mqtt.min.js');
const BASELINE_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>MQTT.js baseline</title>' +
  '<body><p>Bare MQTT.js, no rendering.</p></body></html>';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Numbers

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

function maxOf(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return values.length ? m : NaN;
}

/** How many of the ascending `seqs` are ≤ s. */
function upTo(seqs: number[], s: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid]! <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function fmt(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  return v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// ---------------------------------------------------------------------------------------------
// The report

type Cell = number | string | null;
interface Row {
  scenario: string;
  metric: string;
  tafel: Cell;
  baseline: Cell;
  digits?: number;
  /** Print Tafel/baseline (both numbers). */
  ratio?: boolean;
}

const tables = new Map<BrokerKind, Row[]>();
const problems: string[] = [];

function cell(c: Cell, digits = 0): string {
  return typeof c === 'number' ? fmt(c, digits) : c === null ? 'n/a' : c;
}

function printTable(kind: BrokerKind, rows: Row[]): void {
  const head = ['scenario', 'metric', 'Tafel', 'baseline', 'Tafel/baseline'];
  const body = rows.map((r) => [
    r.scenario,
    r.metric,
    cell(r.tafel, r.digits),
    cell(r.baseline, r.digits),
    r.ratio && typeof r.tafel === 'number' && typeof r.baseline === 'number' && r.baseline !== 0
      ? `${fmt(r.tafel / r.baseline, 2)}×`
      : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cols: string[]) =>
    cols.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n=== ${kind} broker, live path in the ${LIVE} ===`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

const log = (kind: BrokerKind, text: string) => console.log(`[${kind}] ${text}`);

// ---------------------------------------------------------------------------------------------
// Pages

/** A dashboard of one page and one 12-unit group (the document format of src/dashboard/schema.ts). */
function dashboardOf(
  id: string,
  title: string,
  widgets: Array<{
    type: string;
    config: Record<string, unknown>;
    layout: { x: number; y: number; w: number; h: number };
  }>,
) {
  return {
    id,
    title,
    revision: 1,
    updatedAt: new Date().toISOString(),
    pages: [
      {
        id: 'p1',
        title: 'Home',
        groups: [
          {
            id: 'g1',
            title: 'Bench',
            width: 12,
            showTitle: false,
            widgets: widgets.map((w, i) => ({
              id: `w${i}`,
              type: w.type,
              version: 1,
              config: w.config,
              layout: w.layout,
            })),
          },
        ],
      },
    ],
  };
}
type Dashboard = ReturnType<typeof dashboardOf>;

interface Opened {
  page: Page;
  cdp: CDPSession;
  workers: PageWorkers;
  /** Page clock minus Node clock, ms. */
  offset: number;
  close(): Promise<void>;
}

async function benchContext(
  browser: Browser,
  options: { localNetwork?: boolean } = {},
): Promise<BrowserContext> {
  // Service workers blocked: the app's would precache every asset in the background, during
  // the measurement; a tablet that has it installed long since does not.
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    serviceWorkers: 'block',
    locale: 'en-US',
    // A page fulfilled by page.route has no address of its own, so Chromium's Local Network
    // Access checks treat it as public and block its WebSocket to 127.0.0.1 unless allowed.
    permissions: options.localNetwork ? ['local-network-access'] : [],
  });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript(installBench);
  return context;
}

function reportPageErrors(kind: BrokerKind, page: Page, what: string): void {
  page.on('pageerror', (e) => problems.push(`[${kind}] ${what}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`[${kind}] ${what}: console error: ${m.text()}`);
  });
}

/** The shortest of ten round trips: page clock − Node clock. */
async function clockOffset(page: Page): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < 10; i++) {
    const a = now();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const b = now();
    if (b - a < best.rtt) best = { offset: p - (a + b) / 2, rtt: b - a };
  }
  return best;
}

/** A CDP session on the page, attached to its workers, before the page loads. */
async function instrument(
  context: BrowserContext,
  page: Page,
): Promise<{ cdp: CDPSession; workers: PageWorkers }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const workers = new PageWorkers(cdp);
  await workers.start();
  return { cdp, workers };
}

async function opened(
  context: BrowserContext,
  page: Page,
  { cdp, workers }: { cdp: CDPSession; workers: PageWorkers },
  kind: BrokerKind,
): Promise<Opened> {
  const { offset, rtt } = await clockOffset(page);
  log(
    kind,
    `  clock: page − Node = ${fmt(offset, 2)} ms (round trip ${fmt(rtt, 2)} ms); ${workers.count} worker(s) in the page`,
  );
  return {
    page,
    cdp,
    workers,
    offset,
    close: async () => {
      await cdp.detach().catch(() => {});
      await context.close();
    },
  };
}

/**
 * Tafel with `dashboard` saved in this browser (sync off), connected and showing it. Tried a
 * second time after a failure: a `vite build` elsewhere rewrites dist/ for a few seconds.
 */
async function openTafel(
  browser: Browser,
  broker: BenchBroker,
  dashboard: Dashboard,
): Promise<Opened> {
  try {
    return await openTafelOnce(browser, broker, dashboard);
  } catch (e) {
    const first = (e as Error).message.split('\n')[0]!;
    log(broker.kind, `  opening Tafel failed (${first}); once more in 5 s`);
    problems.push(`[${broker.kind}] ${dashboard.title}: opening Tafel failed once: ${first}`);
    await sleep(5000);
    return openTafelOnce(browser, broker, dashboard);
  }
}

async function openTafelOnce(
  browser: Browser,
  broker: BenchBroker,
  dashboard: Dashboard,
): Promise<Opened> {
  const context = await benchContext(browser);
  await context.addInitScript((d) => {
    try {
      if (sessionStorage.getItem('seeded')) return;
    } catch {
      return; // an error page (server not answering): no storage to seed
    }
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('tafel.dashboards', JSON.stringify({ schemaVersion: 1, dashboards: [d] }));
    localStorage.setItem('tafel.last-dashboard', d.id);
    localStorage.setItem(
      'tafel.sync',
      JSON.stringify({ enabled: false, prefix: 'tafel/dashboards/' }),
    );
  }, dashboard);
  const page = await context.newPage();
  reportPageErrors(broker.kind, page, `Tafel (${dashboard.title})`);
  try {
    const cdp = await instrument(context, page);
    await page.goto(
      `${broker.origin}${broker.query ? broker.query + '&' : '?'}lang=en${LIVE === 'page' ? '&live=page' : ''}`,
    );
    await page
      .getByRole('status', { name: 'Connection' })
      .getByText('Connected')
      .waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: dashboard.title }).waitFor();
    if (!(await page.evaluate(watchStatus))) throw new Error('no connection badge');
    return await opened(context, page, cdp, broker.kind);
  } catch (e) {
    await context.close();
    // A `vite build` running elsewhere empties dist/ for a while: say so rather than just "timeout".
    if (staleReason(repoRoot) === 'dist/index.html is missing')
      throw new Error(
        `${(e as Error).message.split('\n')[0]} (dist/index.html is missing: a build running?)`,
      );
    throw e;
  }
}

/** The baseline page: served from the app's origin, MQTT.js's browser bundle, nothing else. */
async function openBaseline(
  browser: Browser,
  broker: BenchBroker,
  filters: string[],
  capacity: number,
): Promise<Opened> {
  const context = await benchContext(browser, { localNetwork: true });
  const page = await context.newPage();
  reportPageErrors(broker.kind, page, 'baseline');
  try {
    const cdp = await instrument(context, page);
    await page.route('**/__baseline', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BASELINE_HTML }),
    );
    await page.goto(`${broker.origin}__baseline`);
    await page.addScriptTag({ path: MQTT_BUNDLE });
    await page.evaluate(startBaseline, {
      url: broker.wsUrl,
      filters,
      capacity,
      sampleMs: SAMPLE_MS,
      keepalive: KEEPALIVE_S,
    });
    return await opened(context, page, cdp, broker.kind);
  } catch (e) {
    await context.close();
    throw e;
  }
}

interface Heap {
  /** MiB, the page's and its workers'. */
  total: number;
  text: string;
}

/** Used JS heap after forced GCs (twice: the first frees what finalizers then release). */
async function heapOf(o: Opened): Promise<Heap> {
  await o.cdp.send('HeapProfiler.collectGarbage');
  await o.cdp.send('HeapProfiler.collectGarbage');
  const page = (await o.cdp.send('Runtime.getHeapUsage')).usedSize / MiB;
  const n = o.workers.count;
  const workers = n ? (await o.workers.heapBytes()) / MiB : 0;
  return {
    total: page + workers,
    text: n
      ? `${fmt(page + workers, 1)} MiB (page ${fmt(page, 1)} + ${n} worker${n > 1 ? 's' : ''} ${fmt(workers, 1)})`
      : `${fmt(page, 1)} MiB (no worker)`,
  };
}

/** The browser-level CDP session (SystemInfo), made once in main(). */
let browserCdp: CDPSession | null = null;

interface Busy {
  /** The page's main-thread task time so far (Performance.getMetrics TaskDuration), s. */
  task: number;
  script: number;
  /** CPU time of every renderer process so far (SystemInfo.getProcessInfo), by PID, s. */
  renderers: Map<number, number>;
}

async function busySeconds(cdp: CDPSession): Promise<Busy> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const renderers = new Map<number, number>();
  if (browserCdp) {
    const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
    for (const p of processInfo) if (p.type === 'renderer') renderers.set(p.id, p.cpuTime);
  }
  return { task: metric('TaskDuration'), script: metric('ScriptDuration'), renderers };
}

/**
 * Renderer process CPU between two readings, s: every thread of the renderer (main, workers,
 * compositor, IO), summed over all renderer processes (only the page's is busy: one page is
 * open at a time; a renderer that started in between counts from 0).
 */
function rendererCpu(a: Busy, b: Busy): number {
  if (!b.renderers.size) return NaN;
  let total = 0;
  for (const [pid, t] of b.renderers) total += t - (a.renderers.get(pid) ?? 0);
  return total;
}

interface PageTimes {
  longTasks: number[];
  frames: number[];
  longFrames: string[];
}

async function pageTimes(page: Page): Promise<PageTimes> {
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: BenchState }).__bench;
    return { longTasks: b.longTasks, frames: b.frames, longFrames: b.longFrames };
  });
}

/** BENCH_LOAF=1: describe Tafel's long animation frames in scenarios 1 and 2 (the scripts in them). */
const LOAF = process.env.BENCH_LOAF === '1';

function printLongFrames(kind: BrokerKind, t: PageTimes, offset: number, from: number, to: number) {
  if (!LOAF) return;
  const inside = t.longFrames.filter((f) => {
    const at = Number(f.slice(0, f.indexOf(':'))) - offset;
    return at >= from && at <= to;
  });
  log(kind, `  long animation frames: ${inside.length}`);
  for (const f of inside.slice(0, 20)) console.log(`    ${f}`);
}

/**
 * What Tafel's connection badge did from `from` on (Node clock): "stayed Connected", or its
 * changes. A change is also a problem: a reconnect drops what the broker still had queued.
 */
async function connectionDuring(
  page: Page,
  offset: number,
  from: number,
  kind: BrokerKind,
  what: string,
): Promise<string> {
  const log = await page.evaluate(
    () => (window as unknown as { __bench: BenchState }).__bench.status ?? [],
  );
  const changes: string[] = [];
  for (let i = 2; i + 1 < log.length; i += 2) {
    const at = (log[i] as number) - offset;
    changes.push(`${fmt((at - from) / 1000, 1)} s: ${String(log[i + 1])}`);
  }
  if (!changes.length) return `stayed ${String(log[1] ?? '?')}`;
  const text = `changed (s after the first publish): ${changes.join('; ')}`;
  problems.push(`[${kind}] ${what}: Tafel's connection badge ${text}`);
  return text;
}

/** The baseline's connection: "stayed up", or when it closed. */
function baselineConnection(
  closedAt: number[],
  offset: number,
  from: number,
  kind: BrokerKind,
  what: string,
): string {
  if (!closedAt.length) return 'stayed up';
  const text = `closed at ${closedAt.map((t) => `${fmt((t - offset - from) / 1000, 1)} s`).join(', ')} after the first publish`;
  problems.push(`[${kind}] ${what}: the baseline's connection ${text}`);
  return text;
}

/** Long tasks that started in [from, to] (Node clock). */
function longTasksIn(t: PageTimes, offset: number, from: number, to: number) {
  const durations: number[] = [];
  for (let i = 0; i + 1 < t.longTasks.length; i += 2) {
    const start = t.longTasks[i]! - offset;
    if (start >= from && start <= to) durations.push(t.longTasks[i + 1]!);
  }
  return { count: durations.length, maxMs: durations.length ? maxOf(durations) : 0 };
}

/** Frames per second in [from, to] (Node clock), and the longest gap between two frames. */
function framesIn(t: PageTimes, offset: number, from: number, to: number) {
  const inside = t.frames.map((f) => f - offset).filter((f) => f >= from && f <= to);
  let gap = 0;
  for (let i = 1; i < inside.length; i++) gap = Math.max(gap, inside[i]! - inside[i - 1]!);
  return { fps: inside.length / ((to - from) / 1000), maxGapMs: gap };
}

// ---------------------------------------------------------------------------------------------
// Publishing

interface Plan {
  topics: string[];
  /** The topic index of message n. */
  topicOf: (n: number) => number;
  /** Which watched widget / filter topic k feeds (-1: none). */
  itemOfTopic: (k: number) => number;
  items: number;
  count: number;
  /** msgs/s; Infinity: one synchronous loop, as fast as MQTT.js takes them. */
  rate: number;
  /** Topic indexes that get one more (final) message each, after the `count`. */
  finals?: number[];
}

interface Published {
  /** n → publish time (Node clock, when publish() was called). */
  pubAt: Float64Array;
  count: number;
  /** Messages before the finals. */
  runCount: number;
  firstAt: number;
  lastRunAt: number;
  lastAt: number;
  /** When the publisher's socket had written everything out (its writableLength was 0). */
  drainedAt: number;
  /** Per watched item, the sequence numbers published on it, ascending. */
  perItem: number[][];
  /** Per watched item, the last sequence number published on it (its final value). */
  expected: number[];
}

async function publishPlan(client: MqttClient, p: Plan): Promise<Published> {
  const total = p.count + (p.finals?.length ?? 0);
  const pubAt = new Float64Array(total);
  const perItem = Array.from({ length: p.items }, () => [] as number[]);
  let n = 0;
  const send = (k: number) => {
    pubAt[n] = now();
    client.publish(p.topics[k]!, String(n), { qos: 0 });
    const item = p.itemOfTopic(k);
    if (item >= 0) perItem[item]!.push(n);
    n++;
  };
  const t0 = now();
  if (!Number.isFinite(p.rate)) {
    while (n < p.count) send(p.topicOf(n));
  } else {
    while (n < p.count) {
      const due = Math.min(p.count, Math.floor(((now() - t0) * p.rate) / 1000) + 1);
      while (n < due) send(p.topicOf(n));
      if (n >= p.count) break;
      // Fast rates: a batch every ~10 ms. Slow ones: wake up when the next one is due.
      await sleep(p.rate >= 100 ? 10 : Math.max(0, t0 + (n * 1000) / p.rate - now()));
    }
  }
  const runCount = n;
  for (const k of p.finals ?? []) send(k);
  const lastAt = pubAt[n - 1]!;
  const stream = (client as unknown as { stream?: { writableLength?: number } }).stream;
  while ((stream?.writableLength ?? 0) > 0 && now() - lastAt < 30_000) await sleep(1);
  return {
    pubAt,
    count: n,
    runCount,
    firstAt: pubAt[0]!,
    lastRunAt: pubAt[runCount - 1]!,
    lastAt,
    drainedAt: now(),
    perItem,
    expected: perItem.map((s) => (s.length ? s[s.length - 1]! : -1)),
  };
}

/** Polls `read` until it equals `expected` or the deadline passes. */
async function waitForAll(
  read: () => Promise<number[]>,
  expected: number[],
  deadline: number,
): Promise<boolean> {
  for (;;) {
    const got = await read();
    if (expected.every((e, i) => got[i] === e)) return true;
    if (now() > deadline) return false;
    await sleep(200);
  }
}

const readShown = (page: Page) =>
  page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench.watch!.shown);
const readLatest = (page: Page) =>
  page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench.baseline!.latest);

interface Seen {
  shown: number[];
  changedAt: number[];
  samples: number[];
}

const readWatch = (page: Page): Promise<Seen> =>
  page.evaluate(() => {
    const w = (window as unknown as { __bench: BenchState }).__bench.watch!;
    return { shown: w.shown, changedAt: w.changedAt, samples: w.samples };
  });

interface BaselineSeen extends Seen {
  count: number;
  recvT: number[];
  recvSeq: number[];
  closedAt: number[];
}

const readBaseline = (page: Page): Promise<BaselineSeen> =>
  page.evaluate(() => {
    const s = (window as unknown as { __bench: BenchState }).__bench.baseline!;
    const n = Math.min(s.count, s.recvT.length);
    return {
      shown: s.latest,
      changedAt: s.changedAt,
      samples: s.samples,
      count: s.count,
      recvT: Array.from(s.recvT.subarray(0, n)),
      recvSeq: Array.from(s.recvSeq.subarray(0, n)),
      closedAt: s.closedAt,
    };
  });

/** Publish → receive latency of every message the baseline recorded (Node clock), ms. */
function receiveLatencies(b: BaselineSeen, pub: Published, offset: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.recvT.length; i++) {
    const seq = b.recvSeq[i]!;
    if (seq >= 0 && seq < pub.count) out.push(b.recvT[i]! - offset - pub.pubAt[seq]!);
  }
  return out;
}

/**
 * What scenario 1 measures from what was shown (Tafel: the widgets' text; baseline: the
 * latest message per filter):
 *
 * - kept-up rate: C / (T_end − first publish), where C is the number of published messages
 *   "covered" at T_end — a message on widget i counts when widget i then shows its sequence
 *   number or a later one (so a value that was skipped because a newer one was shown in the
 *   same frame counts: that is the point of showing the latest), summed over the widgets —
 *   and T_end is when the last widget showed its final value (then C is every message
 *   published), or, if not all did within 60 s after the last publish, the end of that wait.
 * - kept-up while publishing: the same, at the last sample taken before the last
 *   (non-final) publish.
 * - lag of the stalest widget, per sample (~every 100 ms, in the rAF loop) taken between
 *   the first and the last non-final publish: sample time − publish time of the oldest
 *   sequence number shown across the widgets (a widget showing nothing yet counts as
 *   showing the first message published).
 */
function analyseShown(
  seen: Seen,
  pub: Published,
  offset: number,
  allShown: boolean,
  endedAt: number,
) {
  const n = seen.shown.length;
  const doneAt = allShown ? maxOf(seen.changedAt) - offset : NaN;
  const tEnd = allShown ? doneAt : endedAt;
  const covered = (shown: ArrayLike<number>, at: number) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += upTo(pub.perItem[i]!, shown[at + i]!);
    return c;
  };
  const keptUp = covered(seen.shown, 0) / ((tEnd - pub.firstAt) / 1000);
  const lags: number[] = [];
  let whilePublishing = NaN;
  for (let o = 0; o + n < seen.samples.length; o += n + 1) {
    const t = seen.samples[o]! - offset;
    if (t < pub.firstAt || t > pub.lastRunAt) continue;
    let oldest = Infinity;
    for (let i = 1; i <= n; i++) oldest = Math.min(oldest, seen.samples[o + i]!);
    const from = oldest < 0 || oldest >= pub.count ? pub.firstAt : pub.pubAt[oldest]!;
    lags.push(t - from);
    if (t > pub.firstAt + 500)
      whilePublishing = covered(seen.samples, o + 1) / ((t - pub.firstAt) / 1000);
  }
  return {
    allShown,
    doneAt,
    tEnd,
    keptUp,
    whilePublishing,
    lagP50: percentile(lags, 50),
    lagMax: lags.length ? maxOf(lags) : NaN,
    lagSamples: lags.length,
  };
}

/** The widgets (by name) not showing their final value, for the problem list. */
function missing(names: string[], shown: number[], expected: number[]): string {
  const bad = names
    .map((name, i) => ({ name, shown: shown[i]!, want: expected[i]! }))
    .filter((x) => x.shown !== x.want);
  return bad
    .slice(0, 8)
    .map((x) => `${x.name} shows ${x.shown < 0 ? 'nothing' : x.shown}, final ${x.want}`)
    .concat(bad.length > 8 ? [`… ${bad.length - 8} more`] : [])
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// Scenario 1: 100 wildcard text widgets over 1,000 topics

const S1_WIDGETS = 100;
const S1_TOPICS = 1000;
const s1Names = Array.from({ length: S1_WIDGETS }, (_, i) => `W${i}`);
const s1Filters = Array.from({ length: S1_WIDGETS }, (_, i) => `bench/s1/r${i}/+`);
const s1Plan = (): Plan => ({
  topics: Array.from(
    { length: S1_TOPICS },
    (_, k) => `bench/s1/r${k % S1_WIDGETS}/t${Math.floor(k / S1_WIDGETS)}`,
  ),
  topicOf: (n) => n % S1_TOPICS,
  itemOfTopic: (k) => k % S1_WIDGETS,
  items: S1_WIDGETS,
  count: Math.round(RATE * SECONDS),
  rate: RATE,
  finals: Array.from({ length: S1_TOPICS }, (_, k) => k),
});

function describePublished(kind: BrokerKind, pub: Published): void {
  const secs = (pub.lastRunAt - pub.firstAt) / 1000;
  log(
    kind,
    `  published ${fmt(pub.runCount)} msgs in ${fmt(secs, 2)} s = ${fmt(pub.runCount / secs)} msgs/s achieved ` +
      `(asked ${fmt(RATE)}), then ${fmt(pub.count - pub.runCount)} finals; ` +
      `publisher socket drained ${fmt(pub.drainedAt - pub.lastAt)} ms after the last publish`,
  );
}

async function scenario1(
  browser: Browser,
  broker: BenchBroker,
  client: MqttClient,
): Promise<Row[]> {
  const kind = broker.kind;
  const sc = '1 wildcards';
  const dashboard = dashboardOf(
    'bench-s1',
    'Bench S1',
    s1Names.map((name, i) => ({
      type: 'text',
      config: { label: name, topic: s1Filters[i], decimals: 0 },
      layout: { x: i % 12, y: Math.floor(i / 12) * 2, w: 1, h: 2 },
    })),
  );
  const items: WatchItem[] = s1Names.map((name) => ({ name, kind: 'text' }));

  // Tafel
  log(
    kind,
    `scenario 1, Tafel: ${S1_WIDGETS} text widgets on wildcards, ${S1_TOPICS} topics, ${fmt(RATE)} msgs/s for ${SECONDS} s`,
  );
  const t = await openTafel(browser, broker, dashboard);
  let tafel;
  try {
    await t.page.waitForFunction(
      (n) => document.querySelectorAll('.widget--text .text-value').length >= n,
      S1_WIDGETS,
      { timeout: 30_000 },
    );
    const notFound = await t.page.evaluate(watchItems, { items, sampleMs: SAMPLE_MS });
    if (notFound.length) throw new Error(`widgets not found: ${notFound.join(', ')}`);
    const visible = await t.page.evaluate(visibleCount, s1Names);
    const heapBefore = await heapOf(t);
    await t.page.evaluate(resetFrames);
    const busy0 = await busySeconds(t.cdp);
    if (PROFILE) {
      await t.cdp.send('Profiler.enable');
      await t.cdp.send('Profiler.start');
    }
    const m0 = now();
    if (TRACE) await browser.startTracing(t.page, { path: `${TRACE}-${kind}-s1.json` });
    const pub = await publishPlan(client, s1Plan());
    if (TRACE) await browser.stopTracing();
    describePublished(kind, pub);
    if (PROFILE) await printProfile(kind, t.cdp, '1');
    const allShown = await waitForAll(
      () => readShown(t.page),
      pub.expected,
      pub.lastAt + FINAL_TIMEOUT_MS,
    );
    const endedAt = now();
    const busy1 = await busySeconds(t.cdp);
    const seen = await readWatch(t.page);
    const times = await pageTimes(t.page);
    const heapAfter = await heapOf(t);
    const a = analyseShown(seen, pub, t.offset, allShown, endedAt);
    const lt = longTasksIn(times, t.offset, pub.firstAt, a.tEnd);
    printLongFrames(kind, times, t.offset, pub.firstAt, a.tEnd);
    const fr = framesIn(times, t.offset, pub.firstAt, pub.lastRunAt);
    const cpu = busy1.task - busy0.task;
    const proc = rendererCpu(busy0, busy1);
    const wall = (endedAt - m0) / 1000;
    if (!allShown)
      problems.push(
        `[${kind}] scenario 1: Tafel did not show every final value within ${FINAL_TIMEOUT_MS / 1000} s: ` +
          missing(s1Names, seen.shown, pub.expected),
      );
    log(kind, `  ${visible} of ${S1_WIDGETS} widgets inside the 1920×1080 viewport`);
    log(
      kind,
      `  connection badge: ${await connectionDuring(t.page, t.offset, pub.firstAt, kind, 'scenario 1')}`,
    );
    log(
      kind,
      `  all final values shown: ${allShown ? `yes, ${fmt(a.doneAt - pub.lastAt)} ms after the last publish` : 'NO (timeout)'}`,
    );
    log(
      kind,
      `  kept up: ${fmt(a.keptUp)} msgs/s (while publishing: ${fmt(a.whilePublishing)} msgs/s)`,
    );
    log(
      kind,
      `  display lag of the stalest widget: p50 ${fmt(a.lagP50)} ms, max ${fmt(a.lagMax)} ms (${a.lagSamples} samples)`,
    );
    log(
      kind,
      `  long tasks: ${lt.count}, longest ${fmt(lt.maxMs)} ms; ${fmt(fr.fps, 1)} frames/s while publishing (longest gap ${fmt(fr.maxGapMs)} ms)`,
    );
    log(
      kind,
      `  renderer main thread (Performance.getMetrics TaskDuration): ${fmt(cpu, 2)} s busy in ${fmt(wall, 1)} s = ${fmt((cpu / wall) * 100)}% of a core ` +
        `(ScriptDuration ${fmt(busy1.script - busy0.script, 2)} s); renderer process CPU (SystemInfo.getProcessInfo) ${fmt(proc, 2)} s = ${fmt((proc / wall) * 100)}%`,
    );
    log(kind, `  JS heap after GC: ${heapBefore.text} before, ${heapAfter.text} after`);
    tafel = { pub, a, lt, fr, cpu, proc, wall, heapBefore, heapAfter };
  } finally {
    await t.close();
  }

  // Baseline
  log(kind, `scenario 1, baseline: bare MQTT.js on the same ${S1_WIDGETS} filters`);
  const plan = s1Plan();
  const b = await openBaseline(browser, broker, s1Filters, plan.count + S1_TOPICS + 10);
  let base;
  try {
    const heapBefore = await heapOf(b);
    await b.page.evaluate(resetFrames);
    const busy0 = await busySeconds(b.cdp);
    const m0 = now();
    const pub = await publishPlan(client, plan);
    describePublished(kind, pub);
    const allShown = await waitForAll(
      () => readLatest(b.page),
      pub.expected,
      pub.lastAt + FINAL_TIMEOUT_MS,
    );
    const endedAt = now();
    const busy1 = await busySeconds(b.cdp);
    const seen = await readBaseline(b.page);
    const times = await pageTimes(b.page);
    const heapAfter = await heapOf(b);
    const a = analyseShown(seen, pub, b.offset, allShown, endedAt);
    const lt = longTasksIn(times, b.offset, pub.firstAt, a.tEnd);
    const fr = framesIn(times, b.offset, pub.firstAt, pub.lastRunAt);
    const lat = receiveLatencies(seen, pub, b.offset);
    const cpu = busy1.task - busy0.task;
    const proc = rendererCpu(busy0, busy1);
    const wall = (endedAt - m0) / 1000;
    if (!allShown)
      problems.push(
        `[${kind}] scenario 1: the baseline did not receive every final value within ${FINAL_TIMEOUT_MS / 1000} s ` +
          `(received ${fmt(seen.count)} of ${fmt(pub.count)}): ${missing(s1Filters, seen.shown, pub.expected)}`,
      );
    log(
      kind,
      `  received ${fmt(seen.count)} of ${fmt(pub.count)} messages; connection ${baselineConnection(seen.closedAt, b.offset, pub.firstAt, kind, 'scenario 1')}`,
    );
    log(
      kind,
      `  all final values received: ${allShown ? `yes, ${fmt(a.doneAt - pub.lastAt)} ms after the last publish` : 'NO (timeout)'}`,
    );
    log(
      kind,
      `  kept up: ${fmt(a.keptUp)} msgs/s (while publishing: ${fmt(a.whilePublishing)} msgs/s)`,
    );
    log(
      kind,
      `  receive lag of the stalest filter: p50 ${fmt(a.lagP50)} ms, max ${fmt(a.lagMax)} ms (${a.lagSamples} samples); ` +
        `per message publish → receive: p50 ${fmt(percentile(lat, 50), 1)} ms, p99 ${fmt(percentile(lat, 99), 1)} ms, max ${fmt(maxOf(lat), 1)} ms`,
    );
    log(
      kind,
      `  long tasks: ${lt.count}, longest ${fmt(lt.maxMs)} ms; ${fmt(fr.fps, 1)} frames/s while publishing (longest gap ${fmt(fr.maxGapMs)} ms)`,
    );
    log(
      kind,
      `  renderer main thread (TaskDuration): ${fmt(cpu, 2)} s busy in ${fmt(wall, 1)} s = ${fmt((cpu / wall) * 100)}% of a core; ` +
        `renderer process CPU ${fmt(proc, 2)} s = ${fmt((proc / wall) * 100)}%`,
    );
    log(
      kind,
      `  JS heap after GC: ${heapBefore.text} before, ${heapAfter.text} after (includes the receive log, 16 B/msg)`,
    );
    base = { pub, a, lt, fr, cpu, proc, wall, heapBefore, heapAfter };
  } finally {
    await b.close();
  }

  const rate = (p: Published) => p.runCount / ((p.lastRunAt - p.firstAt) / 1000);
  return [
    {
      scenario: sc,
      metric: 'published msgs/s (achieved)',
      tafel: rate(tafel.pub),
      baseline: rate(base.pub),
    },
    {
      scenario: sc,
      metric: 'kept-up msgs/s (finals included)',
      tafel: tafel.a.keptUp,
      baseline: base.a.keptUp,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'kept-up msgs/s while publishing',
      tafel: tafel.a.whilePublishing,
      baseline: base.a.whilePublishing,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'lag of stalest, p50 ms',
      tafel: tafel.a.lagP50,
      baseline: base.a.lagP50,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'lag of stalest, max ms',
      tafel: tafel.a.lagMax,
      baseline: base.a.lagMax,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'all finals shown, ms after last publish',
      tafel: tafel.a.allShown ? tafel.a.doneAt - tafel.pub.lastAt : 'not in 60 s',
      baseline: base.a.allShown ? base.a.doneAt - base.pub.lastAt : 'not in 60 s',
      ratio: true,
    },
    { scenario: sc, metric: 'long tasks (count)', tafel: tafel.lt.count, baseline: base.lt.count },
    { scenario: sc, metric: 'longest task ms', tafel: tafel.lt.maxMs, baseline: base.lt.maxMs },
    {
      scenario: sc,
      metric: 'frames/s while publishing',
      tafel: tafel.fr.fps,
      baseline: base.fr.fps,
      digits: 1,
    },
    {
      scenario: sc,
      metric: 'renderer main thread, % of a core (TaskDuration)',
      tafel: (tafel.cpu / tafel.wall) * 100,
      baseline: (base.cpu / base.wall) * 100,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'renderer process CPU, % of a core (SystemInfo)',
      tafel: (tafel.proc / tafel.wall) * 100,
      baseline: (base.proc / base.wall) * 100,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'JS heap before, MiB (after GC)',
      tafel: tafel.heapBefore.total,
      baseline: base.heapBefore.total,
      digits: 1,
    },
    {
      scenario: sc,
      metric: 'JS heap after, MiB (after GC)',
      tafel: tafel.heapAfter.total,
      baseline: base.heapAfter.total,
      digits: 1,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Scenario 2: the flood

const S2_TEXTS = 20;
const s2Names = [...Array.from({ length: S2_TEXTS }, (_, i) => `F${i}`), 'Flood chart'];
const s2Topics = [
  ...Array.from({ length: S2_TEXTS }, (_, i) => `bench/s2/t${i}`),
  'bench/s2/chart',
];
const s2Plan = (): Plan => ({
  topics: s2Topics,
  topicOf: (n) => n % s2Topics.length,
  itemOfTopic: (k) => k,
  items: s2Topics.length,
  count: FLOOD,
  rate: Infinity,
});

async function scenario2(
  browser: Browser,
  broker: BenchBroker,
  client: MqttClient,
): Promise<Row[]> {
  const kind = broker.kind;
  const sc = '2 flood';
  const dashboard = dashboardOf('bench-s2', 'Bench S2', [
    ...Array.from({ length: S2_TEXTS }, (_, i) => ({
      type: 'text',
      config: { label: s2Names[i], topic: s2Topics[i], decimals: 0 },
      layout: { x: (i % 6) * 2, y: Math.floor(i / 6) * 2, w: 2, h: 2 },
    })),
    {
      type: 'chart',
      config: {
        title: 'Flood chart',
        windowSeconds: 600,
        series: [{ topic: s2Topics[S2_TEXTS], valuePath: '', label: 'flood', color: '#1f6feb' }],
      },
      layout: { x: 0, y: 8, w: 12, h: 6 },
    },
  ]);
  const items: WatchItem[] = s2Names.map((name, i) => ({
    name,
    kind: i < S2_TEXTS ? 'text' : 'chart',
  }));
  const seconds = (ms: number) => fmt(ms);

  log(
    kind,
    `scenario 2, Tafel: ${fmt(FLOOD)} messages as fast as possible over ${S2_TEXTS} text widgets and a chart`,
  );
  const t = await openTafel(browser, broker, dashboard);
  let tafel;
  try {
    await t.page.waitForFunction(
      (n) => document.querySelectorAll('.widget--text .text-value').length >= n,
      S2_TEXTS,
      { timeout: 30_000 },
    );
    await t.page.getByRole('img', { name: /^Flood chart/ }).waitFor({ timeout: 30_000 });
    const notFound = await t.page.evaluate(watchItems, { items, sampleMs: SAMPLE_MS });
    if (notFound.length) throw new Error(`widgets not found: ${notFound.join(', ')}`);
    const heapBefore = await heapOf(t);
    const busy0 = await busySeconds(t.cdp);
    if (PROFILE) {
      await t.cdp.send('Profiler.enable');
      await t.cdp.send('Profiler.start');
    }
    if (TRACE) await browser.startTracing(t.page, { path: `${TRACE}-${kind}-s2.json` });
    const pub = await publishPlan(client, s2Plan());
    log(
      kind,
      `  published in ${fmt(pub.lastAt - pub.firstAt)} ms (${fmt(pub.count / ((pub.lastAt - pub.firstAt) / 1000))} msgs/s into the socket); ` +
        `drained ${fmt(pub.drainedAt - pub.lastAt)} ms after the last publish`,
    );
    const allShown = await waitForAll(
      () => readShown(t.page),
      pub.expected,
      pub.lastAt + FINAL_TIMEOUT_MS,
    );
    const endedAt = now();
    if (TRACE) await browser.stopTracing();
    if (PROFILE) await printProfile(kind, t.cdp, '2');
    const busy1 = await busySeconds(t.cdp);
    const seen = await readWatch(t.page);
    const times = await pageTimes(t.page);
    const heapAfter = await heapOf(t);
    const doneAt = allShown ? maxOf(seen.changedAt) - t.offset : NaN;
    const lt = longTasksIn(times, t.offset, pub.firstAt, allShown ? doneAt : endedAt);
    printLongFrames(kind, times, t.offset, pub.firstAt, allShown ? doneAt : endedAt);
    if (!allShown)
      problems.push(
        `[${kind}] scenario 2: Tafel did not show every final value within ${FINAL_TIMEOUT_MS / 1000} s: ` +
          missing(s2Names, seen.shown, pub.expected),
      );
    const textsAt = maxOf(seen.changedAt.slice(0, S2_TEXTS)) - t.offset;
    const chartAt = seen.changedAt[S2_TEXTS]! - t.offset;
    log(
      kind,
      `  connection badge: ${await connectionDuring(t.page, t.offset, pub.firstAt, kind, 'scenario 2')}`,
    );
    log(
      kind,
      `  every final value shown: ${allShown ? `yes, ${seconds(doneAt - pub.firstAt)} ms after the first publish ` + `(texts ${seconds(textsAt - pub.firstAt)} ms, chart ${seconds(chartAt - pub.firstAt)} ms)` : 'NO (timeout)'}`,
    );
    log(kind, `  long tasks: ${lt.count}, longest ${fmt(lt.maxMs)} ms`);
    log(
      kind,
      `  renderer main thread (TaskDuration): ${fmt(busy1.task - busy0.task, 2)} s; renderer process CPU ${fmt(rendererCpu(busy0, busy1), 2)} s`,
    );
    log(kind, `  JS heap after GC: ${heapBefore.text} before, ${heapAfter.text} after the flood`);
    tafel = {
      pub,
      allShown,
      doneAt,
      lt,
      heapAfter,
      cpu: busy1.task - busy0.task,
      proc: rendererCpu(busy0, busy1),
    };
  } finally {
    await t.close();
  }

  log(kind, `scenario 2, baseline: bare MQTT.js on the same ${s2Topics.length} topics`);
  const b = await openBaseline(browser, broker, s2Topics, FLOOD + 10);
  let base;
  try {
    const busy0 = await busySeconds(b.cdp);
    const pub = await publishPlan(client, s2Plan());
    log(
      kind,
      `  published in ${fmt(pub.lastAt - pub.firstAt)} ms; drained ${fmt(pub.drainedAt - pub.lastAt)} ms after the last publish`,
    );
    const allShown = await waitForAll(
      () => readLatest(b.page),
      pub.expected,
      pub.lastAt + FINAL_TIMEOUT_MS,
    );
    const endedAt = now();
    const busy1 = await busySeconds(b.cdp);
    const seen = await readBaseline(b.page);
    const times = await pageTimes(b.page);
    const heapAfter = await heapOf(b);
    const doneAt = allShown ? maxOf(seen.changedAt) - b.offset : NaN;
    const lastRecv = seen.recvT.length ? seen.recvT[seen.recvT.length - 1]! - b.offset : NaN;
    const lt = longTasksIn(times, b.offset, pub.firstAt, allShown ? doneAt : endedAt);
    if (!allShown)
      problems.push(
        `[${kind}] scenario 2: the baseline did not receive every final value (received ${fmt(seen.count)} of ${fmt(pub.count)}): ` +
          missing(s2Topics, seen.shown, pub.expected),
      );
    log(
      kind,
      `  received ${fmt(seen.count)} of ${fmt(pub.count)} (connection ${baselineConnection(seen.closedAt, b.offset, pub.firstAt, kind, 'scenario 2')}); the last message ${fmt(lastRecv - pub.firstAt)} ms after the first publish; ` +
        `every final value: ${allShown ? `${fmt(doneAt - pub.firstAt)} ms` : 'NO (timeout)'}`,
    );
    log(
      kind,
      `  long tasks: ${lt.count}, longest ${fmt(lt.maxMs)} ms; renderer main thread ${fmt(busy1.task - busy0.task, 2)} s; ` +
        `renderer process CPU ${fmt(rendererCpu(busy0, busy1), 2)} s`,
    );
    log(kind, `  JS heap after GC: ${heapAfter.text} after the flood`);
    base = {
      pub,
      allShown,
      doneAt,
      lastRecv,
      lt,
      heapAfter,
      cpu: busy1.task - busy0.task,
      proc: rendererCpu(busy0, busy1),
    };
  } finally {
    await b.close();
  }

  return [
    {
      scenario: sc,
      metric: `all ${fmt(FLOOD)} shown/received, ms after first publish`,
      tafel: tafel.allShown ? tafel.doneAt - tafel.pub.firstAt : 'not in 60 s',
      baseline: base.allShown ? base.doneAt - base.pub.firstAt : 'not in 60 s',
      ratio: true,
    },
    { scenario: sc, metric: 'long tasks (count)', tafel: tafel.lt.count, baseline: base.lt.count },
    { scenario: sc, metric: 'longest task ms', tafel: tafel.lt.maxMs, baseline: base.lt.maxMs },
    {
      scenario: sc,
      metric: 'renderer main thread busy s (TaskDuration)',
      tafel: tafel.cpu,
      baseline: base.cpu,
      digits: 2,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'renderer process CPU s (SystemInfo)',
      tafel: tafel.proc,
      baseline: base.proc,
      digits: 2,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'JS heap after flood, MiB (after GC)',
      tafel: tafel.heapAfter.total,
      baseline: base.heapAfter.total,
      digits: 1,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Scenario 3: gauge, publish → painted

const S3_COUNT = 200;
const S3_RATE = 20;
const S3_TOPIC = 'bench/s3/gauge';
const s3Plan = (): Plan => ({
  topics: [S3_TOPIC],
  topicOf: () => 0,
  itemOfTopic: () => 0,
  items: 1,
  count: S3_COUNT,
  rate: S3_RATE,
});

async function scenario3(
  browser: Browser,
  broker: BenchBroker,
  client: MqttClient,
): Promise<Row[]> {
  const kind = broker.kind;
  const sc = '3 gauge';
  const name = 'Bench gauge';
  // The values are the sequence numbers 0…199, warm-up values far above them: all in range.
  const dashboard = dashboardOf('bench-s3', 'Bench S3', [
    {
      type: 'gauge',
      config: { title: name, topic: S3_TOPIC, min: 0, max: 2_000_000 },
      layout: { x: 0, y: 0, w: 6, h: 5 },
    },
  ]);

  log(kind, `scenario 3, Tafel: ${S3_COUNT} values at ${S3_RATE} msgs/s into a gauge`);
  const t = await openTafel(browser, broker, dashboard);
  let tafel;
  try {
    const meter = t.page.getByRole('meter', { name });
    await meter.locator('svg').first().waitFor({ timeout: 30_000 });
    // Warm-up: the first values draw the needle for the first time.
    for (const v of ['1000001', '1000002', '1000003']) {
      client.publish(S3_TOPIC, v, { qos: 0 });
      await sleep(100);
    }
    await t.page.waitForFunction(
      (n) =>
        document.querySelector(`[role=meter][aria-label="${n}"]`)?.getAttribute('aria-valuenow') ===
        '1000003',
      name,
      { timeout: 10_000 },
    );
    await sleep(500);
    if (!(await t.page.evaluate(watchGauge, name))) throw new Error('gauge not found');
    const pub = await publishPlan(client, s3Plan());
    await t.page
      .waitForFunction(
        (last) => {
          const g = (window as unknown as { __bench: BenchState }).__bench.gauge!;
          for (let i = 0; i < g.length; i += 3)
            if (g[i] === last && !Number.isNaN(g[i + 2])) return true;
          return false;
        },
        S3_COUNT - 1,
        { timeout: 10_000, polling: 100 },
      )
      .catch(() => {});
    const rec = await t.page.evaluate(
      () => (window as unknown as { __bench: BenchState }).__bench.gauge!,
    );
    const dom: number[] = [];
    const painted: number[] = [];
    const seenValues = new Set<number>();
    for (let i = 0; i + 2 < rec.length; i += 3) {
      const v = rec[i]!;
      if (!Number.isInteger(v) || v < 0 || v >= pub.count || seenValues.has(v)) continue;
      seenValues.add(v);
      dom.push(rec[i + 1]! - t.offset - pub.pubAt[v]!);
      if (!Number.isNaN(rec[i + 2]!)) painted.push(rec[i + 2]! - t.offset - pub.pubAt[v]!);
    }
    if (seenValues.size < S3_COUNT)
      problems.push(
        `[${kind}] scenario 3: the gauge showed ${seenValues.size} of ${S3_COUNT} values (others replaced within a frame, or lost)`,
      );
    log(
      kind,
      `  the gauge showed ${seenValues.size} of ${S3_COUNT} values; connection badge ${await connectionDuring(t.page, t.offset, pub.firstAt, kind, 'scenario 3')}`,
    );
    log(
      kind,
      `  publish → painted (first rAF after the DOM change): p50 ${fmt(percentile(painted, 50), 1)} ms = ${fmt(percentile(painted, 50) / FRAME_MS, 2)} frames, ` +
        `p99 ${fmt(percentile(painted, 99), 1)} ms = ${fmt(percentile(painted, 99) / FRAME_MS, 2)} frames, max ${fmt(maxOf(painted), 1)} ms`,
    );
    log(
      kind,
      `  publish → DOM changed (MutationObserver): p50 ${fmt(percentile(dom, 50), 1)} ms, p99 ${fmt(percentile(dom, 99), 1)} ms`,
    );
    tafel = { painted, dom, shown: seenValues.size };
  } finally {
    await t.close();
  }

  log(kind, `scenario 3, baseline: bare MQTT.js on ${S3_TOPIC}`);
  const b = await openBaseline(browser, broker, [S3_TOPIC], S3_COUNT + 10);
  let base;
  try {
    const pub = await publishPlan(client, s3Plan());
    await waitForAll(() => readLatest(b.page), pub.expected, pub.lastAt + 10_000);
    const seen = await readBaseline(b.page);
    const lat = receiveLatencies(seen, pub, b.offset);
    log(
      kind,
      `  received ${fmt(seen.count)} of ${S3_COUNT}; publish → received: p50 ${fmt(percentile(lat, 50), 1)} ms, p99 ${fmt(percentile(lat, 99), 1)} ms, max ${fmt(maxOf(lat), 1)} ms`,
    );
    base = { lat };
  } finally {
    await b.close();
  }
  const p = (v: number[], q: number) => percentile(v, q);
  return [
    {
      scenario: sc,
      metric: 'values shown / received (of 200)',
      tafel: tafel.shown,
      baseline: base.lat.length,
    },
    {
      scenario: sc,
      metric: 'publish→painted p50 ms (baseline: →received)',
      tafel: p(tafel.painted, 50),
      baseline: p(base.lat, 50),
      digits: 1,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'publish→painted p99 ms (baseline: →received)',
      tafel: p(tafel.painted, 99),
      baseline: p(base.lat, 99),
      digits: 1,
      ratio: true,
    },
    {
      scenario: sc,
      metric: 'publish→painted p50, frames',
      tafel: p(tafel.painted, 50) / FRAME_MS,
      baseline: p(base.lat, 50) / FRAME_MS,
      digits: 2,
    },
    {
      scenario: sc,
      metric: 'publish→painted p99, frames',
      tafel: p(tafel.painted, 99) / FRAME_MS,
      baseline: p(base.lat, 99) / FRAME_MS,
      digits: 2,
    },
    {
      scenario: sc,
      metric: 'publish→DOM p50 ms',
      tafel: p(tafel.dom, 50),
      baseline: null,
      digits: 1,
    },
    {
      scenario: sc,
      metric: 'publish→DOM p99 ms',
      tafel: p(tafel.dom, 99),
      baseline: null,
      digits: 1,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Scenario 4: slider key steps → message at a subscriber

const S4_STEPS = 20;
const S4_TOPIC = 'bench/s4/slider';

async function scenario4(browser: Browser, broker: BenchBroker): Promise<Row[]> {
  const kind = broker.kind;
  const sc = '4 slider';
  const name = 'Bench slider';
  const dashboard = dashboardOf('bench-s4', 'Bench S4', [
    {
      type: 'slider',
      config: { label: name, topic: S4_TOPIC, min: 0, max: 100, step: 1 },
      layout: { x: 0, y: 0, w: 6, h: 2 },
    },
  ]);
  log(kind, `scenario 4, Tafel: ${S4_STEPS} slider key steps, ~150 ms apart`);
  const subscriber = await mqtt.connectAsync(broker.tcpUrl, {
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  const received = new Map<string, number>();
  subscriber.on('message', (topic, payload) => {
    const at = now();
    const text = payload.toString();
    if (topic === S4_TOPIC && !received.has(text)) received.set(text, at);
  });
  await subscriber.subscribeAsync(S4_TOPIC, { qos: 0 });
  const t = await openTafel(browser, broker, dashboard);
  let latencies: number[] = [];
  try {
    const slider = t.page.getByRole('slider', { name });
    await slider.waitFor({ timeout: 30_000 });
    await t.page.evaluate(watchKeys);
    await slider.focus();
    for (let i = 0; i < S4_STEPS; i++) {
      await t.page.keyboard.press('ArrowRight');
      await sleep(150);
    }
    const deadline = now() + 5000;
    while (received.size < S4_STEPS && now() < deadline) await sleep(50);
    const keys = await t.page.evaluate(
      () => (window as unknown as { __bench: BenchState }).__bench.keys!,
    );
    latencies = keys
      .slice(0, S4_STEPS)
      .map((k, i) => (received.get(String(i + 1)) ?? NaN) - (k - t.offset))
      .filter((v) => !Number.isNaN(v));
    if (keys.length !== S4_STEPS || latencies.length !== S4_STEPS)
      problems.push(
        `[${kind}] scenario 4: ${keys.length} keydowns seen, ${latencies.length} of ${S4_STEPS} steps arrived as 1…${S4_STEPS} ` +
          `(got: ${[...received.keys()].join(', ')})`,
      );
    log(
      kind,
      `  keydown → message at a Node subscriber over TCP: p50 ${fmt(percentile(latencies, 50), 1)} ms, max ${fmt(maxOf(latencies), 1)} ms (${latencies.length} of ${S4_STEPS} steps)`,
    );
  } finally {
    await t.close();
    await subscriber.endAsync();
  }
  return [
    {
      scenario: sc,
      metric: 'keydown→subscriber p50 ms',
      tafel: percentile(latencies, 50),
      baseline: 'n/a',
      digits: 1,
    },
    {
      scenario: sc,
      metric: 'keydown→subscriber max ms',
      tafel: maxOf(latencies),
      baseline: 'n/a',
      digits: 1,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Main

/** dist/index.html's mtime, or 0 while it is missing. */
function distBuiltAt(): number {
  try {
    return statSync(path.join(repoRoot, 'dist', 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/** The broker set-up and the publisher, started again when dist/ was rebuilt under them. */
interface Setup {
  broker: BenchBroker;
  client: MqttClient;
  /** dist/index.html's mtime when the server started: it lists dist/ once, at start. */
  builtAt: number;
}

async function startSetup(kind: BrokerKind): Promise<Setup> {
  const builtAt = distBuiltAt();
  const broker = kind === 'embedded' ? await startEmbedded() : await startMosquitto();
  try {
    const client = await mqtt.connectAsync(broker.tcpUrl, {
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
    });
    return { broker, client, builtAt };
  } catch (e) {
    await broker.close();
    throw e;
  }
}

async function stopSetup(setup: Setup | null): Promise<void> {
  if (!setup) return;
  await setup.client.endAsync().catch(() => {});
  await setup.broker.close();
}

async function runBroker(browser: Browser, kind: BrokerKind): Promise<void> {
  console.log(`\n##### ${kind} broker #####`);
  const rows: Row[] = [];
  tables.set(kind, rows);
  let setup: Setup | null = await startSetup(kind);
  try {
    const scenarios: Array<[number, string, (s: Setup) => Promise<Row[]>]> = [
      [1, '1 wildcards', (s) => scenario1(browser, s.broker, s.client)],
      [2, '2 flood', (s) => scenario2(browser, s.broker, s.client)],
      [3, '3 gauge', (s) => scenario3(browser, s.broker, s.client)],
      [4, '4 slider', (s) => scenario4(browser, s.broker)],
    ];
    for (const [n, label, run] of scenarios) {
      if (!ONLY.has(n)) continue;
      for (let attempt = 1; ; attempt++) {
        try {
          if (!setup) setup = await startSetup(kind);
          rows.push(...(await run(setup)));
          break;
        } catch (e) {
          const message = (e as Error).message.split('\n')[0]!;
          // The server lists dist/ when it starts: after a rebuild elsewhere it serves 404s
          // until restarted. Then start everything again and run the scenario once more.
          const rebuilt = setup !== null && distBuiltAt() !== setup.builtAt;
          if (rebuilt && attempt === 1) {
            problems.push(
              `[${kind}] scenario ${n}: dist/ was rebuilt during the run (${message}); servers restarted, scenario run again`,
            );
            log(
              kind,
              `scenario ${n}: dist/ was rebuilt under the server; restarting it and running again`,
            );
            await stopSetup(setup);
            setup = null;
            // The build may still be writing: wait for index.html (written last), up to 2 min.
            for (let waited = 0; distBuiltAt() === 0 && waited < 120; waited++) await sleep(1000);
            await sleep(3000);
            log(kind, `  now serving dist/ built ${new Date(distBuiltAt()).toISOString()}`);
            continue;
          }
          problems.push(`[${kind}] scenario ${n} failed: ${message}`);
          log(kind, `scenario ${n} FAILED: ${(e as Error).stack ?? message}`);
          rows.push({
            scenario: label,
            metric: 'FAILED',
            tafel: message.slice(0, 60),
            baseline: '',
          });
          break;
        }
      }
      await sleep(1000); // let the page's connection go before the next one
    }
  } finally {
    await stopSetup(setup);
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_NO_BUILD) {
    const stale = staleReason(repoRoot);
    if (stale) console.warn(`BENCH_NO_BUILD: serving dist/ although ${stale}`);
  } else {
    ensureBuild({ root: repoRoot, log: console.log });
  }
  const built = statSync(path.join(repoRoot, 'dist', 'index.html')).mtime;
  console.log(`serving dist/ built ${built.toISOString()}`);
  console.log(
    `bench-scale: brokers ${BROKERS.join(', ')}; scenarios ${[...ONLY].sort().join(', ')}; ` +
      `scenario 1 at ${fmt(RATE)} msgs/s for ${SECONDS} s; flood ${fmt(FLOOD)} messages`,
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
  });
  try {
    browserCdp = await browser.newBrowserCDPSession();
    console.log(`Chromium ${browser.version()}, headless`);
    for (const kind of BROKERS) await runBroker(browser, kind);
  } finally {
    await browser.close();
  }

  if (problems.length) {
    console.log('\nProblems seen:');
    for (const p of problems) console.log(`- ${p}`);
  }
  console.log(
    [
      '',
      'How to read it:',
      '- Times: performance.timeOrigin + performance.now() in Node and in the page, corrected by the measured offset.',
      '- Scenario 1: kept-up = published messages covered by what was shown (a widget showing message n covers every',
      '  earlier message on its filter) / time from the first publish until the last final value was shown. Lag =',
      '  sample time − publish time of the oldest sequence shown across the widgets, sampled ~every 100 ms in a rAF loop',
      '  while publishing. Baseline: the same over the latest message received per filter, no rendering. The 1,000',
      '  finals count as published messages, so kept-up can exceed the publish rate a little. The lag has a floor: each',
      '  filter gets a message every 100 / rate s (10 ms at 10,000 msgs/s), so its latest is that old before the next.',
      "- Renderer CPU, two ways: CDP Performance.getMetrics TaskDuration (wall time of the page's main-thread tasks:",
      "  on a loaded machine it includes time the thread waited for a core, and a Web Worker's time is not in it), and",
      '  CDP SystemInfo.getProcessInfo cpuTime of the renderer process (all its threads, workers included), both over',
      '  the run: from just before the first publish until the final values were in (or the 60 s ran out).',
      '- Heap: CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage (twice), of the page and of each of',
      "  its dedicated workers (attached over the page's CDP session). Long tasks and frames are the page's main thread.",
      '- Scenario 3: "painted" ≈ the first requestAnimationFrame callback after a MutationObserver saw the gauge\'s',
      "  aria-valuenow / readout change. A commit made inside a frame's rAF phase is painted at the end of that frame,",
      '  but the rAF requested then runs in the next one: up to a frame late. A commit between frames: the rAF runs just',
      "  before that frame's paint, so slightly early. The baseline column there is publish → message received.",
      '- Scenario 4: keydown (capturing listener) → message at a Node MQTT.js subscriber over TCP; no baseline.',
      '- The embedded broker runs in this Node process, with the publisher and Playwright; Mosquitto is its own process.',
      '- Service workers are blocked (no precaching during a run); each run has a fresh browser context; 1920×1080.',
      '- Two cores shared by Node, the broker, Chromium (renderer, GPU, network service): expect noisy numbers.',
    ].join('\n'),
  );
  for (const [kind, rows] of tables) printTable(kind, rows);
}

process.once('exit', cleanUpNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUpNow();
    process.exit(130);
  });
}

try {
  await main();
} catch (e) {
  console.error(e);
  cleanUpNow();
  process.exitCode = 1;
}
