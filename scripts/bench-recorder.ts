/**
 * The recorder's benchmark (server/recorder/): what recording costs the live path, and how fast
 * the history answers. Prints numbers (two tables, then one JSON line last), asserts nothing.
 * Not part of `npm run bench`.
 *
 *   npm run bench:recorder
 *   BENCH_SECONDS=10 node --import tsx scripts/bench-recorder.ts
 *
 * Environment: BENCH_SECONDS (publishing time per ingest run, default 60), BENCH_RATE (msgs/s,
 * default 10000), BENCH_TOPICS (default 1000), BENCH_ONLY (ingest, query or both, default
 * both), CHROMIUM_PATH.
 *
 * 1. Ingest, twice: the real server as a child process (`node --import tsx server/main.ts`,
 *    free ports, a throw-away data dir, --no-build, RECORD_TOPICS=bench/#), first with the
 *    recorder, then with --no-recorder. The same publisher both times: one MQTT.js client in
 *    this process over TCP, QoS 0, BENCH_RATE msgs/s round-robin over BENCH_TOPICS topics
 *    `bench/r<i>/t<j>` in batches every 10 ms (catching up on the clock, so the total is
 *    rate × seconds however late a timer fires); each payload is its publish time in ms (a
 *    number, so the recorder records it as one). The same receiver both times: a bare page in
 *    Chromium with MQTT.js's browser bundle, subscribed to `bench/#` over WebSocket, counting
 *    deliveries and their latency. The server's CPU and RSS come from /proc/<pid>/stat
 *    (utime + stime) and /proc/<pid>/status (VmRSS), sampled every 250 ms; CPU is over the
 *    publishing time, in % of one core. The recorder's rows are counted in history.db after the
 *    server stopped (it writes what is pending on SIGTERM); `written` etc. from /api/recorder
 *    just before.
 * 2. Query: a database built in-process with the server's Recorder (injected clock, timers
 *    off): 10 days of 1-second samples of one topic through Recorder.take, flushed every
 *    simulated hour (rollups written by the same flushes), a year of 10-minute samples of a
 *    second series through HistoryDb.write (8,760 hourly buckets), the last values of 1,000
 *    topics. Then recorder.history() timed in-process, and GET /api/last (100 topics) and
 *    GET /api/history through api.ts's handler in an http server in this process (the time
 *    includes the client, same event loop, keep-alive).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { repoRoot } from '../server/paths.ts';
import { createApiHandler } from '../server/recorder/api.ts';
import { DAY, HOUR, HistoryDb, MINUTE, type NumRow } from '../server/recorder/database.ts';
import { Recorder } from '../server/recorder/recorder.ts';

// ---------------------------------------------------------------------------------------------
// Settings

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return v;
}

const SECONDS = envNumber('BENCH_SECONDS', 60);
const RATE = envNumber('BENCH_RATE', 10_000);
const TOPICS = Math.round(envNumber('BENCH_TOPICS', 1000));
const ONLY = (process.env.BENCH_ONLY ?? 'ingest,query').split(',').map((s) => s.trim());
const FILTER = 'bench/#';
const BATCH_MS = 10;
const SAMPLE_MS = 250;
/** After the last publish: how long the receiver may take to get the rest. */
const DRAIN_TIMEOUT_MS = 30_000;
const MQTT_BUNDLE = path.join(repoRoot, 'node_modules', 'mqtt', 'dist', 'mqtt.min.js');
const RECEIVER_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Recorder bench receiver</title>' +
  '<body><p>Bare MQTT.js, counting.</p></body></html>';
const MiB = 1024 * 1024;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}
const CLK_TCK = clockTicks();

// ---------------------------------------------------------------------------------------------
// Numbers

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

function stats(values: number[]): { median: number; max: number; min: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), max: sorted.at(-1) ?? NaN, min: sorted[0] ?? NaN };
}

function fmt(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  return v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const signed = (v: number, digits = 0) => `${v > 0 ? '+' : ''}${fmt(v, digits)}`;

const round = (v: number, digits = 2) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

function printTable(title: string, head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cols: string[]) =>
    cols
      .map((c, i) =>
        i === 0 || i === cols.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  console.log(`\n=== ${title} ===`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

// ---------------------------------------------------------------------------------------------
// Processes and temp dirs: whatever this script started is stopped on the way out.

/** What went wrong on the way (page errors …): printed after the tables. */
const problems: string[] = [];

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function removeTemp(dir: string): void {
  tempDirs.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** For exit and signal handlers: SIGKILL to every child still running (by PID), temp dirs gone. */
function cleanUpNow(): void {
  for (const p of children) {
    if (p.pid !== undefined && p.exitCode === null && p.signalCode === null) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
  for (const dir of [...tempDirs]) removeTemp(dir);
}

async function stopChild(p: ChildProcess): Promise<void> {
  children.delete(p);
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return;
  const pid = p.pid;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        resolve();
      }
    }, 10_000);
    p.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The server as a child process

interface Tafel {
  pid: number;
  httpPort: number;
  mqttPort: number;
  dataDir: string;
  /** The last of its stdout and stderr, for an error message. */
  output(): string;
  stop(): Promise<void>;
}

/** Variables that would change what the flags below set up. */
const SERVER_ENV_OUT = [
  'PORT',
  'HOST',
  'MQTT_PORT',
  'MQTTS_PORT',
  'DATA_DIR',
  'HTTPS',
  'TLS_CERT',
  'TLS_KEY',
  'NO_BROKER',
  'NO_RECORDER',
  'NO_BUILD',
  'RECORD_FROM',
  'RECORD_USERNAME',
  'RECORD_PASSWORD',
  'RECORD_SYNC_PREFIX',
  'HISTORY_RAW_DAYS',
  'HISTORY_MINUTE_DAYS',
  'HISTORY_MAX_MB',
];

async function startTafel(withRecorder: boolean): Promise<Tafel> {
  const [httpPort, mqttPort] = [await freePort(), await freePort()];
  const dataDir = tempDir('tafel-bench-recorder-');
  const env: NodeJS.ProcessEnv = { ...process.env, RECORD_TOPICS: FILTER };
  for (const name of SERVER_ENV_OUT) delete env[name];
  const args = [
    '--import',
    'tsx',
    'server/main.ts',
    '--host',
    '127.0.0.1',
    '--port',
    String(httpPort),
    '--mqtt-port',
    String(mqttPort),
    '--data-dir',
    dataDir,
    '--no-build',
    ...(withRecorder ? [] : ['--no-recorder']),
  ];
  const proc = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 20_000) out = out.slice(-10_000);
  };
  proc.stderr!.on('data', keep);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopChild(proc);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no "Tafel is ready." in 60 s')), 60_000);
      proc.stdout!.on('data', (d: Buffer) => {
        keep(d);
        if (out.includes('Tafel is ready.')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${signal ?? code}) before it was ready`));
      });
    });
  } catch (e) {
    await stop();
    removeTemp(dataDir);
    throw new Error(`the server did not start: ${(e as Error).message}\n${out}`);
  }
  return { pid: proc.pid!, httpPort, mqttPort, dataDir, output: () => out, stop };
}

interface ProcSample {
  at: number;
  /** utime + stime, in seconds. */
  cpu: number;
  rssBytes: number;
}

function sampleProc(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN) * 1024;
    return { at: now(), cpu: ticks / CLK_TCK, rssBytes: rss };
  } catch {
    return null;
  }
}

/** The whole machine's CPU time, busy and total, in ticks (/proc/stat's first line). */
function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    // idle + iowait
    return { busy: total - v[3]! - (v[4] ?? 0), total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

// ---------------------------------------------------------------------------------------------
// The receiver page (these functions run in Chromium)

interface ReceiverState {
  count: number;
  first: number;
  last: number;
  /** Receive time − the publish time in the payload (page clock − Node clock). */
  lat: Float32Array;
  /** Receive times (page clock). */
  at: Float64Array;
  closed: number;
}

async function startReceiver(arg: {
  url: string;
  filter: string;
  capacity: number;
}): Promise<void> {
  const lib = (
    window as unknown as { mqtt: { connect(url: string, o: IClientOptions): MqttClient } }
  ).mqtt;
  const state: ReceiverState = {
    count: 0,
    first: NaN,
    last: NaN,
    lat: new Float32Array(arg.capacity),
    at: new Float64Array(arg.capacity),
    closed: 0,
  };
  (window as unknown as { __recv: ReceiverState }).__recv = state;
  const decoder = new TextDecoder();
  // As Tafel connects (src/mqtt/connection.ts), with its default keepalive.
  const client = lib.connect(arg.url, {
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
    keepalive: 30,
  });
  client.on('message', (_topic, payload) => {
    const t = performance.timeOrigin + performance.now();
    if (state.count < arg.capacity) {
      state.lat[state.count] = t - Number(decoder.decode(payload));
      state.at[state.count] = t;
    }
    if (state.count === 0) state.first = t;
    state.last = t;
    state.count++;
  });
  client.on('close', () => state.closed++);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no CONNACK in 10 s')), 10_000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    client.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  await client.subscribeAsync(arg.filter, { qos: 0 });
}

function receiverCount(): number {
  return (window as unknown as { __recv: ReceiverState }).__recv.count;
}

function receiverSummary() {
  const s = (window as unknown as { __recv: ReceiverState }).__recv;
  const n = Math.min(s.count, s.lat.length);
  // Per second of receiving: the median and the largest latency.
  const perSecond: Array<[number, number]> = [];
  for (let i = 0; i < n;) {
    const second = Math.floor((s.at[i]! - s.first) / 1000);
    let j = i;
    while (j < n && Math.floor((s.at[j]! - s.first) / 1000) === second) j++;
    const slice = s.lat.slice(i, j).sort();
    perSecond[second] = [slice[Math.floor(slice.length / 2)]!, slice[slice.length - 1]!];
    i = j;
  }
  const late = s.lat.slice(Math.floor(n / 2), n).sort();
  const lat = s.lat.slice(0, n).sort();
  const pct = (a: Float32Array, p: number) =>
    a.length ? a[Math.min(a.length - 1, Math.max(0, Math.ceil((p / 100) * a.length) - 1))]! : NaN;
  const at = (p: number) => pct(lat, p);
  return {
    count: s.count,
    first: s.first,
    last: s.last,
    closed: s.closed,
    p50: at(50),
    p99: at(99),
    max: lat.length ? lat[lat.length - 1]! : NaN,
    lateP50: pct(late, 50),
    lateP99: pct(late, 99),
    perSecond: Array.from(perSecond, (x) => x ?? [NaN, NaN]),
  };
}

/** Page clock − Node clock, from the shortest of ten round trips. */
async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 10; i++) {
    const t0 = now();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = now();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: p - (t0 + t1) / 2 };
  }
  return best.offset;
}

// ---------------------------------------------------------------------------------------------
// 1. Ingest

interface RecorderStatus {
  received: number;
  written: number;
  pending: number;
  dropped: number;
  lastWriteMs: number;
  error: string | null;
  recording: boolean;
}

interface IngestResult {
  label: string;
  published: number;
  publishSeconds: number;
  /** Largest time the publisher was behind its schedule, ms. */
  publisherBehindMs: number;
  received: number;
  receiveRate: number;
  receiveSeconds: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  /** The second half of the messages received. */
  lateP50: number;
  lateP99: number;
  /** Per second of receiving: [median, max] latency in ms. */
  latencyPerSecond: Array<[number, number]>;
  connectionClosed: number;
  /** The whole machine's CPU over the publishing, % of all cores. */
  machineBusyPercent: number;
  /** This process (publisher, Playwright) over the publishing, % of one core. */
  benchCpuPercent: number;
  cpuSeconds: number;
  cpuPercent: number;
  rssIdleMiB: number;
  rssMaxMiB: number;
  recorder: {
    status: RecorderStatus | null;
    rows: { raw: number; minute: number; hour: number; last: number; series: number } | null;
    dbBytes: number | null;
  } | null;
}

const topicNames = Array.from(
  { length: TOPICS },
  (_, k) => `bench/r${k % 100}/t${Math.floor(k / 100)}`,
);

/** Publishes RATE msgs/s for SECONDS, in batches every BATCH_MS, on the clock. */
async function publish(client: MqttClient, onStart: () => void) {
  const total = Math.round(SECONDS * RATE);
  let sent = 0;
  let behind = 0;
  const t0 = now();
  onStart();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      const due = Math.min(total, Math.floor(((t - t0) / 1000) * RATE));
      // How late this batch is: the oldest message it sends was due at sent / RATE.
      if (due > sent) behind = Math.max(behind, t - t0 - (sent / RATE) * 1000 - BATCH_MS);
      while (sent < due) {
        client.publish(topicNames[sent % TOPICS]!, now().toFixed(2), { qos: 0 });
        sent++;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, BATCH_MS);
  });
  return { published: sent, startedAt: t0, endedAt: now(), behind: Math.max(0, behind) };
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

function countRows(file: string) {
  const db = new Database(file);
  try {
    const n = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      raw: n('num'),
      minute: n('num_1m'),
      hour: n('num_1h'),
      last: n('last'),
      series: n('series'),
    };
  } finally {
    db.close();
  }
}

async function ingestRun(browser: Browser, withRecorder: boolean): Promise<IngestResult> {
  const label = withRecorder ? 'with recorder' : '--no-recorder';
  console.log(`[ingest] ${label}: starting the server`);
  const tafel = await startTafel(withRecorder);
  const context = await browser.newContext({
    serviceWorkers: 'block',
    // A page fulfilled by page.route has no address of its own, so Chromium's Local Network
    // Access checks treat it as public and block its WebSocket to 127.0.0.1 unless allowed.
    permissions: ['local-network-access'],
  });
  // tsx may wrap the in-page functions' inner functions in __name(): harmless there.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  let sensor: MqttClient | null = null;
  let sampler: NodeJS.Timeout | null = null;
  try {
    const origin = `http://127.0.0.1:${tafel.httpPort}`;
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${label}: page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${label}: console error: ${m.text()}`);
    });
    await page.route('**/__receiver', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: RECEIVER_HTML }),
    );
    await page.goto(`${origin}/__receiver`);
    await page.addScriptTag({ path: MQTT_BUNDLE });
    const total = Math.round(SECONDS * RATE);
    await page.evaluate(startReceiver, {
      url: `ws://127.0.0.1:${tafel.httpPort}/mqtt`,
      filter: FILTER,
      capacity: total + 10_000,
    });
    const offset = await clockOffset(page);
    sensor = await mqtt.connectAsync(`mqtt://127.0.0.1:${tafel.mqttPort}`, {
      clean: true,
      reconnectPeriod: 0,
      keepalive: 60,
    });
    await sleep(1000); // let the start settle
    const idle = sampleProc(tafel.pid);
    const samples: ProcSample[] = [];
    sampler = setInterval(() => {
      const s = sampleProc(tafel.pid);
      if (s) samples.push(s);
    }, SAMPLE_MS);
    let atStart: ProcSample | null = null;
    let machineStart = machineCpu();
    let benchStart = process.cpuUsage();
    console.log(
      `[ingest] ${label}: publishing ${fmt(RATE)} msgs/s over ${fmt(TOPICS)} topics for ${SECONDS} s`,
    );
    const pub = await publish(sensor, () => {
      atStart = sampleProc(tafel.pid);
      machineStart = machineCpu();
      benchStart = process.cpuUsage();
    });
    const atEnd = sampleProc(tafel.pid);
    const machineEnd = machineCpu();
    const bench = process.cpuUsage(benchStart);
    // The rest: until every message is in, or nothing came for 3 s, or the timeout.
    const drainUntil = now() + DRAIN_TIMEOUT_MS;
    let seen = -1;
    let quietSince = now();
    for (;;) {
      const c = await page.evaluate(receiverCount);
      if (c >= pub.published) break;
      if (c !== seen) {
        seen = c;
        quietSince = now();
      } else if (now() - quietSince > 3000) break;
      if (now() > drainUntil) break;
      await sleep(200);
    }
    const summary = await page.evaluate(receiverSummary);
    clearInterval(sampler);
    sampler = null;
    const start = atStart as ProcSample | null;
    const cpuSeconds = start && atEnd ? atEnd.cpu - start.cpu : NaN;
    const wall = start && atEnd ? (atEnd.at - start.at) / 1000 : NaN;
    const rssMax = Math.max(...samples.map((s) => s.rssBytes), atEnd?.rssBytes ?? 0);

    let recorder: IngestResult['recorder'] = null;
    if (withRecorder) {
      await sleep(1500); // one more flush
      const status = await getJson<RecorderStatus>(`${origin}/api/recorder`).catch(() => null);
      await sensor.endAsync();
      sensor = null;
      await context.close();
      await tafel.stop();
      const file = path.join(tafel.dataDir, 'history.db');
      const rows = existsSync(file) ? countRows(file) : null;
      recorder = { status, rows, dbBytes: existsSync(file) ? fileSize(file) : null };
    }
    const lastRecv = summary.last - offset;
    const receiveSeconds = (lastRecv - pub.startedAt) / 1000;
    return {
      label,
      published: pub.published,
      publishSeconds: (pub.endedAt - pub.startedAt) / 1000,
      publisherBehindMs: pub.behind,
      received: summary.count,
      receiveRate: summary.count / receiveSeconds,
      receiveSeconds,
      latencyP50: summary.p50 - offset,
      latencyP99: summary.p99 - offset,
      latencyMax: summary.max - offset,
      lateP50: summary.lateP50 - offset,
      lateP99: summary.lateP99 - offset,
      latencyPerSecond: summary.perSecond.map(([a, b]) => [a - offset, b - offset]),
      machineBusyPercent:
        ((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * 100,
      benchCpuPercent: ((bench.user + bench.system) / 1000 / (wall * 1000)) * 100,
      connectionClosed: summary.closed,
      cpuSeconds,
      cpuPercent: (cpuSeconds / wall) * 100,
      rssIdleMiB: (idle?.rssBytes ?? NaN) / MiB,
      rssMaxMiB: rssMax / MiB,
      recorder,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    await sensor?.endAsync().catch(() => {});
    await context.close().catch(() => {});
    await tafel.stop();
    removeTemp(tafel.dataDir);
  }
}

function fileSize(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      total += statSync(f).size;
    } catch {
      // no WAL
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// 2. Query

interface Timing {
  median: number;
  max: number;
  min: number;
  first: number;
}

function time(runs: number, fn: () => void): Timing {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return { ...stats(ms), first: ms[0]! };
}

async function timeAsync(runs: number, fn: () => Promise<void>): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { ...stats(ms), first: ms[0]! };
}

function httpGet(url: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

interface QueryResult {
  build: {
    seconds: number;
    yearSeconds: number;
    tenDaysTakeSeconds: number;
    tenDaysFlushSeconds: number;
    rows: ReturnType<Recorder['status']>['rows'];
    databaseBytes: number | null;
    fileBytes: number | null;
  };
  tenDays: Timing & { resolution: string; points: number };
  year: Timing & { resolution: string; points: number; buckets: number };
  raw16h: Timing & { resolution: string; points: number };
  httpLast: Timing & { values: number };
  httpHistory: Timing & { bytes: number };
}

async function queryBench(): Promise<QueryResult> {
  const dir = tempDir('tafel-bench-recorder-q-');
  const file = path.join(dir, 'history.db');
  const END = Date.UTC(2026, 5, 1);
  const TEN_DAYS = 10 * DAY;
  const YEAR = 365 * DAY;
  const tenDaysTopic = 'bench/q/temp';
  const yearTopic = 'bench/q/energy';
  let recorder: Recorder | null = null;
  let server: http.Server | null = null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    console.log('[query] building the database');
    const t0 = performance.now();
    // A year of 10-minute samples: 52,560 raw rows, as many 1-minute ones, 8,760 hourly buckets.
    const hdb = new HistoryDb(file);
    const yearId = hdb.seriesId(yearTopic, '');
    for (let day = 0; day < 365; day += 30) {
      const num: NumRow[] = [];
      for (
        let t = END - YEAR + day * DAY;
        t < Math.min(END, END - YEAR + (day + 30) * DAY);
        t += 10 * MINUTE
      ) {
        num.push({ series: yearId, t, v: 1000 + Math.sin(t / DAY) * 200 + (t % 7) });
      }
      hdb.write({ num, text: [], last: [] });
    }
    hdb.close();
    const yearSeconds = (performance.now() - t0) / 1000;

    let clock = END - TEN_DAYS;
    recorder = new Recorder({
      file,
      now: () => clock,
      timers: false,
      extraTopics: [tenDaysTopic, 'bench/last/#'],
    });
    const rec = recorder;
    // 10 days of 1-second samples through the recorder's own path, one flush per simulated hour.
    let takeMs = 0;
    let flushMs = 0;
    const seconds = TEN_DAYS / 1000;
    for (let hour = 0; hour < seconds / 3600; hour++) {
      const a = performance.now();
      for (let s = hour * 3600; s < (hour + 1) * 3600; s++) {
        clock = END - TEN_DAYS + s * 1000;
        const v = 21 + Math.sin(s / 3600) * 3 + ((s * 7919) % 100) / 100;
        rec.take(tenDaysTopic, Buffer.from(v.toFixed(2)), false);
      }
      const b = performance.now();
      rec.flush();
      flushMs += performance.now() - b;
      takeMs += b - a;
    }
    clock = END;
    // The last values of 1,000 topics: numbers and JSON objects.
    for (let i = 0; i < 1000; i++) {
      const payload =
        i % 2 === 0
          ? String(20 + (i % 10))
          : JSON.stringify({ temp: 20 + (i % 10), hum: 40 + (i % 30) });
      rec.take(`bench/last/d${i}`, Buffer.from(payload), true);
    }
    rec.flush();
    const status = rec.status();
    const buildSeconds = (performance.now() - t0) / 1000;
    console.log(`[query] built in ${fmt(buildSeconds, 1)} s; timing`);

    let last10 = rec.history(tenDaysTopic, '', END - TEN_DAYS, END, 1000);
    const tenDays = time(20, () => {
      last10 = rec.history(tenDaysTopic, '', END - TEN_DAYS, END, 1000);
    });
    let lastYear = rec.history(yearTopic, '', END - YEAR, END, 1000);
    const year = time(20, () => {
      lastYear = rec.history(yearTopic, '', END - YEAR, END, 1000);
    });
    // The longest span still read raw (a bucket just under a minute): 57,600 rows → 1,000.
    const span16h = 16 * HOUR;
    let last16 = rec.history(tenDaysTopic, '', END - span16h, END, 1000);
    const raw16h = time(20, () => {
      last16 = rec.history(tenDaysTopic, '', END - span16h, END, 1000);
    });

    const handle = createApiHandler(rec, () => clock);
    server = http.createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404).end();
    });
    const srv = server;
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    const lastUrl =
      `http://127.0.0.1:${port}/api/last?` +
      Array.from(
        { length: 100 },
        (_, i) => `topic=${encodeURIComponent(`bench/last/d${i * 10}`)}`,
      ).join('&');
    let values = 0;
    await httpGet(lastUrl, agent); // the connection
    const httpLast = await timeAsync(50, async () => {
      const r = await httpGet(lastUrl, agent);
      if (r.status !== 200) throw new Error(`/api/last: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      values = (JSON.parse(r.body) as { values: unknown[] }).values.length;
    });
    const historyUrl =
      `http://127.0.0.1:${port}/api/history?topic=${encodeURIComponent(tenDaysTopic)}` +
      `&from=${END - TEN_DAYS}&to=${END}&points=1000`;
    let bytes = 0;
    const httpHistory = await timeAsync(20, async () => {
      const r = await httpGet(historyUrl, agent);
      if (r.status !== 200)
        throw new Error(`/api/history: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      bytes = r.body.length;
    });

    const hourly = rec.history(yearTopic, '', END - YEAR, END, 100_000)[0]?.t.length ?? 0;
    return {
      build: {
        seconds: buildSeconds,
        yearSeconds,
        tenDaysTakeSeconds: takeMs / 1000,
        tenDaysFlushSeconds: flushMs / 1000,
        rows: status.rows,
        databaseBytes: status.databaseBytes,
        fileBytes: status.fileBytes,
      },
      tenDays: {
        ...tenDays,
        resolution: last10[0]?.resolution ?? 'none',
        points: last10[0]?.t.length ?? 0,
      },
      year: {
        ...year,
        resolution: lastYear[0]?.resolution ?? 'none',
        points: lastYear[0]?.t.length ?? 0,
        buckets: hourly,
      },
      raw16h: {
        ...raw16h,
        resolution: last16[0]?.resolution ?? 'none',
        points: last16[0]?.t.length ?? 0,
      },
      httpLast: { ...httpLast, values },
      httpHistory: { ...httpHistory, bytes },
    };
  } finally {
    agent.destroy();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    recorder?.close();
    removeTemp(dir);
  }
}

// ---------------------------------------------------------------------------------------------
// The report

function printIngest(runs: IngestResult[]): Record<string, unknown> {
  const [w, wo] = runs as [IngestResult | undefined, IngestResult | undefined];
  const cols = [w, wo];
  const cell = (f: (r: IngestResult) => string) => cols.map((r) => (r ? f(r) : 'n/a'));
  const ratio = w && wo ? w.receiveRate / wo.receiveRate : NaN;
  const rec = w?.recorder;
  const rows = rec?.rows;
  const status = rec?.status;
  const lost = w && rows ? w.published - rows.raw : NaN;
  const body: string[][] = [
    ['messages published', ...cell((r) => fmt(r.published)), `${fmt(RATE)}/s × ${SECONDS} s`],
    ['publishing took (s)', ...cell((r) => fmt(r.publishSeconds, 2)), ''],
    ['publisher behind schedule, max (ms)', ...cell((r) => fmt(r.publisherBehindMs)), ''],
    ['received by the browser', ...cell((r) => fmt(r.received)), ''],
    ['lost on the way to the browser', ...cell((r) => fmt(r.published - r.received)), ''],
    [
      'browser receive rate (msgs/s)',
      ...cell((r) => fmt(r.receiveRate)),
      `with/without ${fmt(ratio, 3)} (target ≥ 0.90)`,
    ],
    ['last message received after (s)', ...cell((r) => fmt(r.receiveSeconds, 2)), ''],
    ['latency p50 (ms)', ...cell((r) => fmt(r.latencyP50, 1)), 'publish → page'],
    ['latency p99 (ms)', ...cell((r) => fmt(r.latencyP99, 1)), ''],
    ['latency max (ms)', ...cell((r) => fmt(r.latencyMax, 1)), ''],
    [
      'latency p50 / p99, 2nd half (ms)',
      ...cell((r) => `${fmt(r.lateP50, 1)} / ${fmt(r.lateP99, 1)}`),
      'the later half of the messages',
    ],
    ['receiver connection closed', ...cell((r) => fmt(r.connectionClosed)), ''],
    [
      'server CPU (% of one core)',
      ...cell((r) => fmt(r.cpuPercent, 1)),
      w && wo ? `recorder ≈ ${signed(w.cpuPercent - wo.cpuPercent, 1)} points` : '',
    ],
    ['server CPU time (s)', ...cell((r) => fmt(r.cpuSeconds, 2)), 'over the publishing'],
    [
      'bench process CPU (% of one core)',
      ...cell((r) => fmt(r.benchCpuPercent, 1)),
      'publisher + Playwright',
    ],
    [
      'machine CPU busy (% of all cores)',
      ...cell((r) => fmt(r.machineBusyPercent, 1)),
      `${os.cpus().length} cores: server, Chromium, bench and anything else`,
    ],
    ['server RSS idle (MiB)', ...cell((r) => fmt(r.rssIdleMiB, 1)), 'before publishing'],
    [
      'server RSS max (MiB)',
      ...cell((r) => fmt(r.rssMaxMiB, 1)),
      w && wo ? `recorder ≈ ${signed(w.rssMaxMiB - wo.rssMaxMiB, 1)} MiB` : '',
    ],
    ['recorder: received (/api/recorder)', fmt(status?.received), '', ''],
    ['recorder: written (/api/recorder)', fmt(status?.written), '', ''],
    ['recorder: pending / dropped', `${fmt(status?.pending)} / ${fmt(status?.dropped)}`, '', ''],
    ['recorder: last flush took (ms)', fmt(status?.lastWriteMs, 1), '', ''],
    [
      'recorder: raw rows in history.db',
      fmt(rows?.raw),
      '',
      `published − rows = ${fmt(lost)} (target 0)`,
    ],
    ['recorder: 1-minute / hourly rows', `${fmt(rows?.minute)} / ${fmt(rows?.hour)}`, '', ''],
    ['recorder: topics with a last value', fmt(rows?.last), '', ''],
    ['recorder: history.db size (MiB)', fmt((rec?.dbBytes ?? NaN) / MiB, 1), '', 'after close'],
  ];
  printTable(
    `Ingest: ${fmt(RATE)} msgs/s over ${fmt(TOPICS)} topics, ${SECONDS} s, embedded broker → Chromium`,
    ['metric', 'with recorder', '--no-recorder', 'note'],
    body,
  );
  for (const r of runs) {
    console.log(
      `latency per second of receiving, ${r.label} (median/max ms): ` +
        r.latencyPerSecond.map(([a, b]) => `${fmt(a)}/${fmt(b)}`).join(' '),
    );
  }
  const json = (r: IngestResult | undefined) =>
    r
      ? {
          published: r.published,
          publishSeconds: round(r.publishSeconds),
          publisherBehindMs: round(r.publisherBehindMs, 0),
          received: r.received,
          receiveRate: round(r.receiveRate, 0),
          latencyMs: {
            p50: round(r.latencyP50, 1),
            p99: round(r.latencyP99, 1),
            max: round(r.latencyMax, 1),
            secondHalfP50: round(r.lateP50, 1),
            secondHalfP99: round(r.lateP99, 1),
          },
          latencyPerSecondMs: r.latencyPerSecond.map(([a, b]) => [round(a, 0), round(b, 0)]),
          connectionClosed: r.connectionClosed,
          machineBusyPercent: round(r.machineBusyPercent, 1),
          benchCpuPercent: round(r.benchCpuPercent, 1),
          cpuPercent: round(r.cpuPercent, 1),
          cpuSeconds: round(r.cpuSeconds),
          rssIdleMiB: round(r.rssIdleMiB, 1),
          rssMaxMiB: round(r.rssMaxMiB, 1),
        }
      : null;
  return {
    withRecorder: json(w),
    withoutRecorder: json(wo),
    receiveRateRatio: round(ratio, 3),
    recorder: rec
      ? {
          received: status?.received ?? null,
          written: status?.written ?? null,
          pending: status?.pending ?? null,
          dropped: status?.dropped ?? null,
          lastWriteMs: status?.lastWriteMs ?? null,
          rows: rows ?? null,
          lost: Number.isFinite(lost) ? lost : null,
          dbBytes: rec.dbBytes,
        }
      : null,
  };
}

function printQuery(q: QueryResult): Record<string, unknown> {
  const t = (x: Timing) => [fmt(x.median, 2), fmt(x.max, 2), fmt(x.first, 2)];
  const b = q.build;
  const body: string[][] = [
    [
      'history, 10 days of 1-s data → 1,000 pts',
      ...t(q.tenDays),
      '≤ 50',
      `${q.tenDays.resolution}, ${fmt(q.tenDays.points)} pts`,
    ],
    [
      'history, a year of hourly buckets → 1,000 pts',
      ...t(q.year),
      '≤ 20',
      `${q.year.resolution}, ${fmt(q.year.buckets)} buckets → ${fmt(q.year.points)} pts`,
    ],
    [
      'history, 16 h raw (57,600 rows) → 1,000 pts',
      ...t(q.raw16h),
      '',
      `${q.raw16h.resolution}, ${fmt(q.raw16h.points)} pts`,
    ],
    [
      'GET /api/last, 100 topics (HTTP)',
      ...t(q.httpLast),
      '≤ 10',
      `${q.httpLast.values} values, 50 requests`,
    ],
    [
      'GET /api/history, 10 days (HTTP)',
      ...t(q.httpHistory),
      '',
      `${fmt(q.httpHistory.bytes / 1024, 1)} KiB JSON, 20 requests`,
    ],
  ];
  printTable(
    'Query (ms; 20 runs unless said; "first" is the first of them)',
    ['query', 'median', 'max', 'first', 'target', 'note'],
    body,
  );
  const r = b.rows;
  console.log(
    `\nbuilt in ${fmt(b.seconds, 1)} s: the year series (HistoryDb.write) ${fmt(b.yearSeconds, 1)} s; ` +
      `10 days through Recorder.take ${fmt(b.tenDaysTakeSeconds, 1)} s + 240 flushes ${fmt(b.tenDaysFlushSeconds, 1)} s ` +
      `(${fmt(864_000 / b.tenDaysFlushSeconds)} rows/s written)`,
  );
  console.log(
    `rows: raw ${fmt(r?.raw)}, 1-minute ${fmt(r?.minute)}, hourly ${fmt(r?.hour)}, text ${fmt(r?.text)}, ` +
      `series ${fmt(r?.series)}, last ${fmt(r?.topics)}; database ${fmt((b.databaseBytes ?? NaN) / MiB, 1)} MiB ` +
      `in use, file + WAL ${fmt((b.fileBytes ?? NaN) / MiB, 1)} MiB`,
  );
  const j = (x: Timing) => ({ median: round(x.median), max: round(x.max), first: round(x.first) });
  return {
    buildSeconds: round(b.seconds),
    buildYearSeconds: round(b.yearSeconds),
    buildTakeSeconds: round(b.tenDaysTakeSeconds),
    buildFlushSeconds: round(b.tenDaysFlushSeconds),
    rows: r,
    databaseBytes: b.databaseBytes,
    fileBytes: b.fileBytes,
    history10DaysMs: {
      ...j(q.tenDays),
      resolution: q.tenDays.resolution,
      points: q.tenDays.points,
    },
    historyYearMs: {
      ...j(q.year),
      resolution: q.year.resolution,
      buckets: q.year.buckets,
      points: q.year.points,
    },
    history16hRawMs: { ...j(q.raw16h), resolution: q.raw16h.resolution, points: q.raw16h.points },
    httpLast100Ms: { ...j(q.httpLast), values: q.httpLast.values },
    httpHistory10DaysMs: { ...j(q.httpHistory), bytes: q.httpHistory.bytes },
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = now();
  // Others may share the machine: its load before and after says how much.
  const loadAtStart = os.loadavg().map((l) => round(l));
  console.log(
    `bench-recorder: ${fmt(RATE)} msgs/s over ${fmt(TOPICS)} topics for ${SECONDS} s per ingest run; ` +
      `${os.cpus().length} cores, load average ${loadAtStart.join(' ')}`,
  );
  const ingest: IngestResult[] = [];
  let query: QueryResult | null = null;
  if (ONLY.includes('ingest')) {
    if (!existsSync(path.join(repoRoot, 'dist', 'index.html'))) {
      console.error('bench-recorder: dist/ is missing: run `npm run build` first.');
      process.exitCode = 1;
      return;
    }
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    try {
      console.log(`Chromium ${browser.version()}, headless; CLK_TCK ${CLK_TCK}`);
      ingest.push(await ingestRun(browser, true));
      await sleep(2000);
      ingest.push(await ingestRun(browser, false));
    } finally {
      await browser.close();
    }
  }
  if (ONLY.includes('query')) query = await queryBench();

  const json: Record<string, unknown> = {
    settings: { seconds: SECONDS, rate: RATE, topics: TOPICS, filter: FILTER },
    loadAverage: { start: loadAtStart, end: os.loadavg().map((l) => round(l)) },
  };
  json.problems = problems;
  if (ingest.length) json.ingest = printIngest(ingest);
  if (query) json.query = printQuery(query);
  console.log(
    [
      '',
      'How to read it:',
      '- Ingest: the server is its own process (node --import tsx server/main.ts); the publisher (MQTT.js, TCP, QoS 0) and',
      '  Playwright run in this process, the receiver in a Chromium page (bare MQTT.js over WebSocket, subscribed to',
      `  ${FILTER}). Receive rate = messages received / (last received − first published). Latency = page clock at the`,
      "  message − the publish time in its payload, corrected by the page's measured clock offset.",
      '- Server CPU: utime + stime from /proc/<pid>/stat over the publishing, in % of one core (200% = both cores).',
      '  The difference between the two runs is the recorder, within the noise of a shared 2-core machine.',
      '- Recorder rows: counted in history.db after SIGTERM (the recorder writes what is pending on close).',
      '- Query: in this process, on a file in the temp dir; HTTP through api.ts in an http server in this process.',
      '',
    ].join('\n'),
  );
  if (problems.length) {
    console.log('Problems seen:');
    for (const p of problems.slice(0, 20)) console.log(`- ${p}`);
  }
  console.log(
    `total ${fmt((now() - started) / 1000, 0)} s; load average now ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}`,
  );
  console.log(JSON.stringify(json));
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
