import fs from 'node:fs/promises';
import path from 'node:path';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.ts';
import { makeFakeDist, rawGet, testConfig } from './test-helpers.ts';

const quiet = { log: () => {} };
const clients: MqttClient[] = [];
let root: string;
let dist: string;

beforeAll(async () => {
  ({ root, dist } = await makeFakeDist());
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function connect(url: string): Promise<MqttClient> {
  // No reconnects: a failure should fail the test, not retry quietly.
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000 });
  clients.push(client);
  return client;
}

function nextMessage(client: MqttClient, topic: string) {
  return new Promise<{ payload: string; packet: IPublishPacket }>((resolve) => {
    const onMessage = (t: string, payload: Buffer, packet: IPublishPacket) => {
      if (t !== topic) return;
      client.off('message', onMessage);
      resolve({ payload: payload.toString(), packet });
    };
    client.on('message', onMessage);
  });
}

describe('embedded broker', () => {
  let server: RunningServer;
  let wsUrl: string;
  let tcpUrl: string;

  beforeAll(async () => {
    server = await startServer(
      testConfig({ distDir: dist, dataDir: path.join(root, 'data-roundtrip') }),
      quiet,
    );
    wsUrl = `ws://127.0.0.1:${server.httpPort}/mqtt`;
    tcpUrl = `mqtt://127.0.0.1:${server.mqttPort}`;
  });
  afterAll(() => server?.close());

  it('listens on a real TCP port when asked for port 0', () => {
    expect(server.mqttPort).toBeGreaterThan(0);
    expect(server.urls.mqtt).toEqual([tcpUrl]);
    expect(server.urls.ws).toEqual([wsUrl]);
  });

  it('delivers from a TCP publisher to a WebSocket subscriber', async () => {
    const sub = await connect(wsUrl);
    await sub.subscribeAsync('tafel/test/tcp-to-ws', { qos: 1 });
    const received = nextMessage(sub, 'tafel/test/tcp-to-ws');

    const pub = await connect(tcpUrl);
    await pub.publishAsync('tafel/test/tcp-to-ws', '21.5', { qos: 1 });
    expect((await received).payload).toBe('21.5');
  });

  it('delivers from a WebSocket publisher to a TCP subscriber', async () => {
    const sub = await connect(tcpUrl);
    await sub.subscribeAsync('tafel/test/ws-to-tcp');
    const received = nextMessage(sub, 'tafel/test/ws-to-tcp');

    const pub = await connect(wsUrl);
    await pub.publishAsync('tafel/test/ws-to-tcp', 'on');
    expect((await received).payload).toBe('on');
  });

  it('counts connected clients in /healthz', async () => {
    await connect(wsUrl);
    await connect(tcpUrl);
    const health = JSON.parse((await rawGet(server.httpPort, '/healthz')).body.toString());
    expect(health).toEqual({ status: 'ok', broker: true, clients: 2 });
  });
});

describe('persistence', () => {
  it('keeps retained messages across a restart', async () => {
    const dataDir = path.join(root, 'data-restart');
    const first = await startServer(testConfig({ distDir: dist, dataDir }), quiet);
    const pub = await connect(`mqtt://127.0.0.1:${first.mqttPort}`);
    // QoS 1: the PUBACK comes after aedes stored the retained message.
    await pub.publishAsync('tafel/test/retained', 'kept', { qos: 1, retain: true });
    await pub.endAsync();
    await first.close();

    const second = await startServer(testConfig({ distDir: dist, dataDir }), quiet);
    try {
      const sub = await connect(`ws://127.0.0.1:${second.httpPort}/mqtt`);
      const received = nextMessage(sub, 'tafel/test/retained');
      await sub.subscribeAsync('tafel/test/#');
      const { payload, packet } = await received;
      expect(payload).toBe('kept');
      expect(packet.retain).toBe(true);
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
      await second.close();
    }
  });

  it('closes cleanly with clients still connected', async () => {
    const server = await startServer(
      testConfig({ distDir: dist, dataDir: path.join(root, 'data-close') }),
      quiet,
    );
    const ws = await connect(`ws://127.0.0.1:${server.httpPort}/mqtt`);
    const tcp = await connect(`mqtt://127.0.0.1:${server.mqttPort}`);
    const wsClosed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    const tcpClosed = new Promise<void>((resolve) => tcp.once('close', () => resolve()));
    await server.close();
    await Promise.all([wsClosed, tcpClosed]);
    // A second close is a no-op, not an error.
    await server.close();
  });
});
