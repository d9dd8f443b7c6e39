import fs from 'node:fs/promises';
import path from 'node:path';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
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
    expect(health).toEqual({ status: 'ok', broker: true, clients: 2, tls: false });
  });

  it('coalesces a flood into few WebSocket frames, every message intact and in order', async () => {
    // A raw WebSocket, so frames can be counted: CONNECT and SUBSCRIBE written by hand.
    const ws = new WebSocket(wsUrl, 'mqtt');
    const frames: Buffer[] = [];
    ws.on('message', (data: Buffer) => frames.push(data));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const id = Buffer.from('frame-counter');
    const connectPacket = Buffer.concat([
      Buffer.from([0x10, 12 + id.length, 0, 4]),
      Buffer.from('MQTT'),
      Buffer.from([4, 0x02, 0, 60, 0, id.length]),
      id,
    ]);
    const topic = Buffer.from('flood/t');
    const subscribe = Buffer.concat([
      Buffer.from([0x82, 5 + topic.length, 0, 1, 0, topic.length]),
      topic,
      Buffer.from([0]),
    ]);
    ws.send(connectPacket);
    ws.send(subscribe);
    await expect.poll(() => Buffer.concat(frames).length).toBe(4 + 5); // CONNACK + SUBACK

    const publisher = await connect(tcpUrl);
    const count = 2000;
    for (let i = 0; i < count; i++) publisher.publish('flood/t', String(i));
    // Each PUBLISH: 2 header bytes + 2 + topic + payload.
    const expected = Array.from(
      { length: count },
      (_, i) => 4 + topic.length + String(i).length,
    ).reduce((a, b) => a + b, 9);
    await expect.poll(() => Buffer.concat(frames).length, { timeout: 10_000 }).toBe(expected);

    const bytes = Buffer.concat(frames).subarray(9);
    const payloads: string[] = [];
    for (let at = 0; at < bytes.length;) {
      const length = bytes[at + 1]!; // < 128 here: one length byte
      const topicLength = bytes.readUInt16BE(at + 2);
      payloads.push(bytes.subarray(at + 4 + topicLength, at + 2 + length).toString());
      at += 2 + length;
    }
    expect(payloads).toEqual(Array.from({ length: count }, (_, i) => String(i)));
    expect(frames.length).toBeLessThan(count / 4);
    ws.close();
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
