import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { ConnectionState } from '@/stores/connection-store';
import { createConnection, type Connection } from './connection';
import { createIngest } from './ingest';
import { brokerSettingsSchema } from './settings';

// The connection against a real broker (aedes over WebSockets), from Node: connect,
// subscribe, lose the broker, get it back on the same port, and find the subscription restored.

interface TestBroker {
  port: number;
  close(): Promise<void>;
}

async function startBroker(port = 0): Promise<TestBroker> {
  const aedes = await Aedes.createBroker();
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/mqtt' });
  wss.on('connection', (ws, req) => aedes.handle(createWebSocketStream(ws), req));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup() {
  const statuses: Array<Partial<ConnectionState>> = [];
  const entries = new Map<string, string>();
  const ingest = createIngest({
    schedule: (flush) => queueMicrotask(flush),
    setEntries: (update) => {
      for (const [k, v] of Object.entries(update({ entries: {} }).entries))
        entries.set(k, v.payload.text ?? '');
    },
  });
  const connection: Connection = createConnection({ ingest, setStatus: (s) => statuses.push(s) });
  cleanups.push(() => connection.close());
  const status = () => statuses.filter((s) => s.status).at(-1);
  return { connection, statuses, status, entries };
}

async function publishFrom(port: number, topic: string, payload: string) {
  const c = await mqtt.connectAsync(`ws://127.0.0.1:${port}/mqtt`, { reconnectPeriod: 0 });
  await c.publishAsync(topic, payload);
  await c.endAsync();
}

describe('connection', () => {
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

  it('reconnects with backoff when the broker returns, and restores the subscriptions', async () => {
    let broker = await startBroker();
    const port = broker.port;
    const { connection, status, statuses, entries } = setup();
    connection.subscriptions.acquire('a/b', 0);
    connection.connect(`ws://127.0.0.1:${port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect.poll(() => status()?.status).toBe('connected');

    await broker.close();
    await expect.poll(() => status()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    const wait = (status()!.retryAt ?? 0) - Date.now();
    expect(wait).toBeGreaterThan(500); // about a second, with jitter
    expect(wait).toBeLessThanOrEqual(1200);

    broker = await startBroker(port);
    cleanups.push(() => broker.close());
    await expect.poll(() => status()?.status, { timeout: 10_000 }).toBe('connected');
    expect(statuses.some((s) => s.status === 'reconnecting')).toBe(true);

    await publishFrom(port, 'a/b', 'back');
    await expect.poll(() => entries.get('a/b')).toBe('back');
  });

  it('refuses to publish while not connected, instead of queueing stale values', async () => {
    const { connection } = setup();
    await expect(connection.publish('x', '1', { qos: 0, retain: false })).rejects.toThrow(
      /not connected/,
    );
  });
});
