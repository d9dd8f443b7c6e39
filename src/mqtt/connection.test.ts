import { msg, say } from '@/i18n/message';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, type Connection, type ConnectionReport } from './connection';
import { createIngest } from './ingest';
import { brokerSettingsSchema } from './settings';
import { publishFrom, startBroker } from './test-broker';

// The connection against a real broker (aedes over WebSockets), from Node: connect,
// subscribe, lose the broker, get it back on the same port, and find the subscription restored.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(options: Partial<Parameters<typeof createConnection>[0]> = {}) {
  const statuses: ConnectionReport[] = [];
  const entries = new Map<string, string>();
  const ingest = createIngest({
    schedule: (flush) => queueMicrotask(flush),
    sink: {
      write(changes) {
        for (const [k, v] of changes) entries.set(k, v.payload.text ?? '');
      },
    },
  });
  const connection: Connection = createConnection({
    ingest,
    onStatus: (s) => statuses.push(s),
    location: null,
    ...options,
  });
  cleanups.push(() => connection.close());
  const status = () => statuses.filter((s) => s.status).at(-1);
  /** The latest of each field, as the app's store would hold them. */
  const merged = () => Object.assign({}, ...statuses) as ConnectionReport;
  return { connection, statuses, status, merged, entries };
}

describe('connection', { timeout: 20_000 }, () => {
  it('says "connected" only once the broker has its subscriptions: a value sent then arrives', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const events: string[] = [];
    const { connection, entries } = setup({
      onStatus: (s) => {
        if (s.status) events.push(s.status);
        if (s.status === 'connected') void publishFrom(broker.port, 'hall/door', 'open');
      },
    });
    connection.onSubscribed((filter) => events.push(`subscribed ${filter}`));
    connection.subscriptions.acquire('hall/+', 0);
    connection.subscriptions.acquire('garden/#', 1);
    connection.connect(`ws://127.0.0.1:${broker.port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect.poll(() => entries.get('hall/door')).toBe('open');
    expect(events.filter((e) => e !== 'connecting')).toEqual([
      'subscribed hall/+',
      'subscribed garden/#',
      'connected',
    ]);
  });

  it('connects, receives what it subscribed to, and publishes', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const { connection, status, entries } = setup();
    connection.subscriptions.acquire('room/+/temp', 1);
    connection.connect(`ws://127.0.0.1:${broker.port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect.poll(() => status()?.status).toBe('connected');

    await publishFrom(broker.port, 'room/kitchen/temp', '21');
    await expect.poll(() => entries.get('room/kitchen/temp')).toBe('21');
    expect(entries.get('room/+/temp')).toBe('21');

    const listener = await mqtt.connectAsync(`ws://127.0.0.1:${broker.port}/mqtt`, {
      reconnectPeriod: 0,
    });
    cleanups.push(() => listener.endAsync());
    const got = new Promise<[string, string, boolean]>((resolve) =>
      listener.on('message', (t, p, packet) => resolve([t, p.toString(), packet.retain])),
    );
    await listener.subscribeAsync('out');
    await connection.publish('out', '42', { qos: 1, retain: false });
    expect(await got).toEqual(['out', '42', false]);
  });

  it('reconnects within seconds when the broker returns, and restores the subscriptions', async () => {
    let broker = await startBroker();
    const port = broker.port;
    const { connection, status, statuses, entries } = setup();
    connection.subscriptions.acquire('a/b', 0);
    connection.connect(`ws://127.0.0.1:${port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect.poll(() => status()?.status).toBe('connected');

    await broker.close();
    await expect.poll(() => status()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    const wait = (status()!.retryAt ?? 0) - Date.now();
    expect(wait).toBeGreaterThan(300); // half a second to a second, with jitter
    expect(wait).toBeLessThanOrEqual(1000);
    // Several attempts fail while the broker is away; each waits at most 3 s.
    await expect.poll(() => status()?.attempt, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

    broker = await startBroker(port);
    const back = Date.now();
    cleanups.push(() => broker.close());
    await expect.poll(() => status()?.status, { timeout: 5000 }).toBe('connected');
    expect(Date.now() - back).toBeLessThan(3500);
    expect(statuses.some((s) => s.status === 'reconnecting')).toBe(true);

    await publishFrom(port, 'a/b', 'back');
    await expect.poll(() => entries.get('a/b')).toBe('back');
  });

  it('asks the page’s own server (/healthz) every second and is back as soon as it answers', async () => {
    let broker = await startBroker();
    const port = broker.port;
    let up = true;
    const fakeFetch = (async (url: string) => {
      expect(url).toBe(`http://127.0.0.1:${port}/healthz`);
      if (!up) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ status: 'ok', broker: true }), {
        headers: { 'content-type': 'application/json' },
      });
    }) as unknown as typeof fetch;
    const { connection, status } = setup({
      location: { protocol: 'http:', host: `127.0.0.1:${port}` },
      fetch: fakeFetch,
      healthProbeMs: 200,
    });
    connection.connect(`ws://127.0.0.1:${port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect.poll(() => status()?.status).toBe('connected');
    up = false;
    await broker.close();
    // Let the backoff grow past the probe's period: attempts 1 and 2 fail.
    await expect.poll(() => status()?.attempt, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const nextTry = status()!.retryAt!;
    broker = await startBroker(port);
    cleanups.push(() => broker.close());
    up = true;
    const back = Date.now();
    await expect.poll(() => status()?.status, { timeout: 5000 }).toBe('connected');
    // Before the backoff's own next attempt: the probe brought it back.
    expect(Date.now()).toBeLessThan(nextTry);
    expect(Date.now() - back).toBeLessThan(1500);
  });

  it('says when a wss:// broker may have a certificate this browser does not trust', async () => {
    const fakeFetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const { connection, merged } = setup({
      location: { protocol: 'http:', host: 'tafel.local:8080' },
      fetch: fakeFetch,
    });
    // Nothing listens there: the WebSocket fails the way an untrusted certificate makes it fail.
    connection.connect('wss://127.0.0.1:1/mqtt', brokerSettingsSchema.parse({}));
    await expect.poll(() => merged().help?.href, { timeout: 5000 }).toBe('https://127.0.0.1:1/');
    expect(say(merged().reason!)).toMatch(/certificate/);
  });

  it('does not blame the certificate when the host answers over https', async () => {
    let asked = 0;
    const fakeFetch = (async () => {
      asked++;
      return new Response('', { status: 404 });
    }) as unknown as typeof fetch;
    const { connection, merged, status } = setup({ location: null, fetch: fakeFetch });
    connection.connect('wss://127.0.0.1:1/mqtt', brokerSettingsSchema.parse({}));
    await expect.poll(() => status()?.attempt, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(asked).toBe(1); // once per connect, not per attempt
    expect(merged().help ?? null).toBeNull();
    expect(merged().reason && say(merged().reason!)).not.toMatch(/certificate/);
  });

  it('gives an exclusive listener its messages without the ingest seeing them', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const { connection, status, entries } = setup();
    const heard: string[] = [];
    connection.listen('sync/#', (t) => heard.push(t), { exclusive: true });
    connection.subscriptions.acquire('#', 0);
    connection.connect(`ws://127.0.0.1:${broker.port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect.poll(() => status()?.status).toBe('connected');
    await publishFrom(broker.port, 'sync/doc', '{}');
    await publishFrom(broker.port, 'widget/topic', '1');
    await expect.poll(() => entries.get('widget/topic')).toBe('1');
    expect(heard).toEqual(['sync/doc']);
    expect(entries.has('sync/doc')).toBe(false);
  });

  it('ends a connection that looks open when the device goes offline, and says so', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const handlers = new Map<string, () => void>();
    const g = globalThis as { navigator?: unknown };
    const real = { navigator: Object.getOwnPropertyDescriptor(g, 'navigator') };
    const events = {
      addEventListener: (type: string, h: () => void) => handlers.set(type, h),
      removeEventListener: () => {},
    } as unknown as EventTarget;
    let onLine = true;
    Object.defineProperty(g, 'navigator', { configurable: true, get: () => ({ onLine }) });
    try {
      const { connection, status } = setup({ events });
      connection.connect(`ws://127.0.0.1:${broker.port}/mqtt`, brokerSettingsSchema.parse({}));
      await expect.poll(() => status()?.status).toBe('connected');
      onLine = false;
      handlers.get('offline')!();
      await expect
        .poll(() => status())
        .toMatchObject({
          status: 'offline',
          reason: msg('app:connection.reason.noNetwork'),
        });
      onLine = true;
      handlers.get('online')!();
      await expect.poll(() => status()?.status).toBe('connected');
    } finally {
      if (real.navigator) Object.defineProperty(g, 'navigator', real.navigator);
      else delete g.navigator;
    }
  });

  it('removes its window listeners when closed', async () => {
    const added = new Map<string, number>();
    const events = {
      addEventListener: (type: string) => added.set(type, (added.get(type) ?? 0) + 1),
      removeEventListener: (type: string) => added.set(type, (added.get(type) ?? 0) - 1),
    } as unknown as EventTarget;
    const { connection } = setup({ events });
    expect(added.get('online')).toBe(1);
    expect(added.get('offline')).toBe(1);
    await connection.close();
    expect(added.get('online')).toBe(0);
    expect(added.get('offline')).toBe(0);
  });

  it('refuses to publish while not connected, instead of queueing stale values', async () => {
    const { connection } = setup();
    await expect(connection.publish('x', '1', { qos: 0, retain: false })).rejects.toThrow(
      /not connected/,
    );
  });
});
