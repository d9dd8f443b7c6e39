import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, isListening } from '../test-helpers.ts';
import { HOUR } from './database.ts';
import { Recorder } from './recorder.ts';
import { clientSource, coveringFilters, publicUrl, type Source } from './source.ts';
import { dashboardMessage, widget } from './test-dashboards.ts';
import { tempDir } from './test-support.ts';

describe('coveringFilters', () => {
  it('leaves out a filter another one covers', () => {
    expect(coveringFilters(['a/b', 'a/#'])).toEqual(['a/#']);
    expect(coveringFilters(['a/+/c', 'a/b/c', 'x'])).toEqual(['a/+/c', 'x']);
    expect(coveringFilters(['a/#', 'a'])).toEqual(['a/#']);
    expect(coveringFilters(['#', 'a/b', '+/c', 'tafel/dashboards/#'])).toEqual(['#']);
    expect(coveringFilters(['+/+', 'a/b', 'a/+', 'a'])).toEqual(['+/+', 'a']);
  });

  it('keeps two that overlap without either covering the other', () => {
    expect(coveringFilters(['a/+/c', 'a/b/#'])).toEqual(['a/+/c', 'a/b/#']);
    expect(coveringFilters(['a/+', '+/b'])).toEqual(['a/+', '+/b']);
    expect(coveringFilters(['a/b', 'a/b/c'])).toEqual(['a/b', 'a/b/c']);
    expect(coveringFilters(['a/+', 'a/#'])).toEqual(['a/#']);
  });

  it('removes duplicates', () => {
    expect(coveringFilters(['a/b', 'a/b', 'c', 'c', 'a/+', 'a/+'])).toEqual(['c', 'a/+']);
    expect(coveringFilters([])).toEqual([]);
  });
});

describe('publicUrl', () => {
  it('drops the username and password', () => {
    expect(publicUrl('mqtt://user:secret@broker.local:1883')).toBe('mqtt://broker.local:1883');
    expect(publicUrl('wss://u:p@host/mqtt')).toBe('wss://host/mqtt');
    expect(publicUrl('mqtt://host:1883')).toBe('mqtt://host:1883');
    expect(publicUrl('not a url')).toBe('not a url');
  });
});

/** Debian's Mosquitto on a TCP port of its own (as e2e/processes.ts starts it). */
class Mosquitto {
  private proc: ChildProcess | null = null;
  output = '';
  readonly conf: string;

  constructor(
    readonly port: number,
    dir: string,
  ) {
    this.conf = path.join(dir, 'mosquitto.conf');
    fs.writeFileSync(
      this.conf,
      [
        'allow_anonymous true',
        'persistence false',
        'log_dest stderr',
        'log_type error',
        `listener ${port} 127.0.0.1`,
        '',
      ].join('\n'),
    );
  }

  async start(): Promise<void> {
    const proc = spawn(process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto', ['-c', this.conf], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.proc = proc;
    await vi.waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error(`mosquitto exited: ${this.output}`);
        if (!(await isListening(this.port))) throw new Error('not listening yet');
      },
      { timeout: 10_000, interval: 50 },
    );
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }
}

const PREFIX = 'tafel/dashboards/';
let dir: string;
let broker: Mosquitto;
let url: string;
const clients: MqttClient[] = [];
const sources: Source[] = [];
const recorders: Recorder[] = [];

beforeAll(async () => {
  dir = tempDir('tafel-source-');
  broker = new Mosquitto(await freePort(), dir);
  url = `mqtt://127.0.0.1:${broker.port}`;
  await broker.start();
});
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.close()));
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  for (const r of recorders.splice(0)) r.close();
});
afterAll(async () => {
  await broker?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function publisher(): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000 });
  clients.push(c);
  return c;
}

function record(name: string, extraTopics: string[] = []) {
  const logs: string[] = [];
  const recorder = new Recorder({
    file: path.join(dir, `${name}.db`),
    timers: false,
    syncPrefix: PREFIX,
    extraTopics,
    log: (line) => logs.push(line),
  });
  recorders.push(recorder);
  const source = clientSource(
    {
      url: url.replace('mqtt://', 'mqtt://someone:secret@'),
      log: (line) => logs.push(line),
      minDelayMs: 50,
      maxDelayMs: 200,
    },
    recorder,
  );
  sources.push(source);
  return { recorder, source, logs };
}

const values = (r: Recorder, topic: string) =>
  r.history(topic, '', Date.now() - HOUR, Date.now() + HOUR, 1000)[0]?.v ?? [];
const lastPayload = (r: Recorder, topic: string) => r.last([topic])[0]?.payload.toString();

describe('clientSource (Mosquitto)', { timeout: 30_000 }, () => {
  it('reads the shared dashboards, subscribes to their topics, and records what comes', async () => {
    const pub = await publisher();
    // Shared before the recorder starts: retained, as the app publishes them.
    await pub.publishAsync(
      `${PREFIX}one`,
      dashboardMessage('one', [widget('gauge', { topic: 'src1/temp', valuePath: '' })]),
      { retain: true, qos: 1 },
    );
    await pub.publishAsync('src1/temp', '20', { retain: true, qos: 1 });
    const { recorder, source, logs } = record('subscribe');

    // The retained value comes once the recorder subscribed to the dashboard's topic: a last
    // value, no sample (it is no new reading).
    await vi.waitFor(() => expect(lastPayload(recorder, 'src1/temp')).toBe('20'), {
      timeout: 10_000,
    });
    expect(recorder.filters().map((f) => f.filter)).toEqual(['src1/temp']);
    expect(recorder.last(['src1/temp'])[0]?.retained).toBe(true);
    expect(values(recorder, 'src1/temp')).toEqual([]);
    expect(source.status()).toEqual({
      kind: 'mqtt',
      url: `mqtt://127.0.0.1:${broker.port}`,
      connected: true,
      error: null,
    });
    expect(recorder.status().source).toEqual(source.status());
    expect(logs.join('\n')).toContain(`connected to mqtt://127.0.0.1:${broker.port}.`);
    expect(logs.join('\n')).not.toContain('secret');

    await pub.publishAsync('src1/temp', '21.5', { qos: 1 });
    await vi.waitFor(() => expect(values(recorder, 'src1/temp')).toEqual([21.5]), {
      timeout: 10_000,
    });
    // A topic no dashboard names is not heard.
    await pub.publishAsync('src1/other', '1', { qos: 1 });
    await pub.publishAsync('src1/temp', '22', { qos: 1 });
    await vi.waitFor(() => expect(values(recorder, 'src1/temp')).toEqual([21.5, 22]), {
      timeout: 10_000,
    });
    expect(recorder.last(['src1/other'])).toEqual([]);

    await pub.publishAsync(`${PREFIX}one`, '', { retain: true, qos: 1 });
    await pub.publishAsync('src1/temp', '', { retain: true, qos: 1 });
  });

  it('adds the topics of a dashboard published while it runs', async () => {
    const pub = await publisher();
    const { recorder } = record('live', ['src2/anchor']);
    await pub.publishAsync('src2/anchor', 'ready', { retain: true, qos: 1 });
    await vi.waitFor(() => expect(lastPayload(recorder, 'src2/anchor')).toBe('ready'), {
      timeout: 10_000,
    });
    await pub.publishAsync('src2/garage', '5', { retain: true, qos: 1 });
    expect(recorder.last(['src2/garage'])).toEqual([]);

    await pub.publishAsync(
      `${PREFIX}two`,
      dashboardMessage('two', [
        widget('chart', { series: [{ topic: 'src2/+', valuePath: 'v' }] }),
        widget('gauge', { topic: 'src2/garage' }),
      ]),
      { retain: true, qos: 1 },
    );
    await vi.waitFor(() => expect(lastPayload(recorder, 'src2/garage')).toBe('5'), {
      timeout: 10_000,
    });
    expect(recorder.filters().map((f) => f.filter)).toEqual([
      'src2/+',
      'src2/anchor',
      'src2/garage',
    ]);
    await pub.publishAsync('src2/garage', '{"v":6}', { qos: 1 });
    await pub.publishAsync('src2/kitchen', '{"v":7}', { qos: 1 });
    await vi.waitFor(
      () => {
        const v = (topic: string) =>
          recorder.history(topic, 'v', Date.now() - HOUR, Date.now() + HOUR, 1000)[0]?.v;
        expect([v('src2/garage'), v('src2/kitchen')]).toEqual([[6], [7]]);
      },
      { timeout: 10_000 },
    );
    // Heard once although two filters match it (src2/+ covers src2/garage).
    expect(recorder.status().received).toBe(2);

    // The dashboard is deleted: its topics are no longer heard.
    await pub.publishAsync(`${PREFIX}two`, '', { retain: true, qos: 1 });
    await vi.waitFor(() =>
      expect(recorder.filters().map((f) => f.filter)).toEqual(['src2/anchor']),
    );
    for (const t of ['src2/anchor', 'src2/garage'])
      await pub.publishAsync(t, '', { retain: true, qos: 1 });
  });

  it('reconnects after the broker restarts, and subscribes again', async () => {
    const pub = await publisher();
    const { recorder, source, logs } = record('restart', ['src3/temp']);
    await vi.waitFor(() => expect(source.status().connected).toBe(true), { timeout: 10_000 });
    await pub.publishAsync('src3/temp', '1', { qos: 1 });
    await vi.waitFor(() => expect(values(recorder, 'src3/temp')).toEqual([1]), { timeout: 10_000 });

    await broker.stop();
    await vi.waitFor(() => expect(source.status().connected).toBe(false), { timeout: 10_000 });
    expect(recorder.status().source.connected).toBe(false);
    await broker.start();
    await vi.waitFor(() => expect(source.status().connected).toBe(true), { timeout: 15_000 });
    expect(logs.join('\n')).toMatch(/lost mqtt:\/\/127\.0\.0\.1:\d+; reconnecting\./);
    expect(logs.join('\n')).toContain('reconnected to');

    // Subscribed again: a value published now is recorded (published until one is, since
    // the subscription may still be on its way).
    const again = await publisher();
    let n = 100;
    await vi.waitFor(
      async () => {
        await again.publishAsync('src3/temp', String(n++), { qos: 1 });
        expect(values(recorder, 'src3/temp').some((v) => v >= 100)).toBe(true);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  it('says why while it cannot connect', async () => {
    const port = await freePort();
    const recorder = new Recorder({ file: path.join(dir, 'refused.db'), timers: false });
    recorders.push(recorder);
    const logs: string[] = [];
    const source = clientSource(
      {
        url: `mqtt://127.0.0.1:${port}`,
        minDelayMs: 50,
        maxDelayMs: 100,
        log: (l) => logs.push(l),
      },
      recorder,
    );
    sources.push(source);
    await vi.waitFor(() => expect(source.status().error).toMatch(/ECONNREFUSED/), {
      timeout: 10_000,
    });
    expect(source.status().connected).toBe(false);
    // Said once, not at every retry.
    await vi.waitFor(() => expect(logs.length).toBeGreaterThan(0));
    expect(logs.filter((l) => l.includes('ECONNREFUSED'))).toHaveLength(1);
  });
});
