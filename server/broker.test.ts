import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Level } from 'level';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
    expect(health).toEqual({
      status: 'ok',
      broker: true,
      clients: 2,
      tls: false,
      recorder: null,
    });
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

/** CONNECT with a clean session, by hand (short client ids: one length byte). */
function connectPacket(clientId: string): Buffer {
  const id = Buffer.from(clientId);
  return Buffer.concat([
    Buffer.from([0x10, 12 + id.length, 0, 4]),
    Buffer.from('MQTT'),
    Buffer.from([4, 0x02, 0, 60, 0, id.length]),
    id,
  ]);
}

/** PUBLISH by hand (short topics and payloads: one length byte). */
function publishPacket(
  topic: string,
  payload: string,
  qos: 0 | 1,
  retain: boolean,
  id = 1,
): Buffer {
  const t = Buffer.from(topic);
  const body = Buffer.concat([
    Buffer.from([0, t.length]),
    t,
    qos > 0 ? Buffer.from([id >> 8, id & 0xff]) : Buffer.alloc(0),
    Buffer.from(payload),
  ]);
  return Buffer.concat([Buffer.from([0x30 | (qos << 1) | (retain ? 1 : 0), body.length]), body]);
}

/**
 * Send `packets` over plain TCP in ONE write, as a client sends what it publishes in one go:
 * aedes then handles them side by side rather than one after the other.
 */
async function sendTogether(port: number, packets: Buffer[]): Promise<() => void> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(Buffer.concat(packets));
  return () => socket.destroy();
}

function received(client: MqttClient): string[] {
  const got: string[] = [];
  client.on('message', (topic, payload) => got.push(`${topic}=${payload.toString()}`));
  return got;
}

/** Level's writes of the retained copy of `topic` take `ms` longer, the first `times` of them. */
function slowRetainedWrites(topic: string, ms: number, times = 1) {
  const put = Level.prototype.put;
  let slowed = 0;
  vi.spyOn(Level.prototype, 'put').mockImplementation(async function (
    this: Level,
    ...args: Parameters<Level['put']>
  ) {
    if (String(args[0]).endsWith(topic) && slowed++ < times) {
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    return put.apply(this, args);
  } as Level['put']);
}

describe('messages taken in together', () => {
  // A retained message reaches its subscribers only after the store has written it, a plain one
  // at once, and Level finishes two writes in either order; aedes drops, per subscriber, any
  // message numbered below the last one it forwarded there. Each packet list below is sent in
  // one write, so aedes handles the messages side by side, as it does a browser's.
  let server: RunningServer;
  let wsUrl: string;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    server = await startServer(
      testConfig({ distDir: dist, dataDir: path.join(root, 'data-together') }),
      quiet,
    );
    wsUrl = `ws://127.0.0.1:${server.httpPort}/mqtt`;
  });
  afterEach(() => {
    for (const close of closers.splice(0)) close();
    vi.restoreAllMocks();
  });
  afterAll(() => server?.close());

  async function subscriber(filter: string): Promise<string[]> {
    const sub = await connect(wsUrl);
    const got = received(sub);
    await sub.subscribeAsync(filter, { qos: 1 });
    return got;
  }

  it('delivers a retained message, and then the plain one that followed it', async () => {
    const got = await subscriber('tafel/test/overtaken/#');
    closers.push(
      await sendTogether(server.mqttPort!, [
        connectPacket('overtaken'),
        publishPacket('tafel/test/overtaken/state', 'on', 0, true),
        publishPacket('tafel/test/overtaken/event', 'pressed', 0, false),
      ]),
    );
    await expect
      .poll(() => got)
      .toEqual(['tafel/test/overtaken/state=on', 'tafel/test/overtaken/event=pressed']);
  });

  it('delivers both of two retained messages when the first one is stored last', async () => {
    // A browser publishing two dashboards to a broker that had forgotten them: the sync engine
    // waits to hear each back, and without the first one it said "Sync failed".
    slowRetainedWrites('tafel/test/together/first', 50);
    const got = await subscriber('tafel/test/together/#');
    closers.push(
      await sendTogether(server.mqttPort!, [
        connectPacket('together'),
        publishPacket('tafel/test/together/first', 'A', 1, true, 1),
        publishPacket('tafel/test/together/second', 'B', 1, true, 2),
      ]),
    );
    await expect
      .poll(() => got)
      .toEqual(['tafel/test/together/first=A', 'tafel/test/together/second=B']);
  });

  it('keeps one topic in order, and its last message as the retained copy', async () => {
    slowRetainedWrites('tafel/test/last/state', 50);
    const got = await subscriber('tafel/test/last/#');
    closers.push(
      await sendTogether(server.mqttPort!, [
        connectPacket('last'),
        publishPacket('tafel/test/last/state', 'old', 1, true, 1),
        publishPacket('tafel/test/last/state', 'new', 1, true, 2),
      ]),
    );
    await expect
      .poll(() => got)
      .toEqual(['tafel/test/last/state=old', 'tafel/test/last/state=new']);
    const newcomer = await subscriber('tafel/test/last/#');
    await expect.poll(() => newcomer).toEqual(['tafel/test/last/state=new']);
  });

  it('delivers each message once, in order, to a client whose subscriptions overlap', async () => {
    const sub = await connect(wsUrl);
    const got = received(sub);
    await sub.subscribeAsync('tafel/test/overlap/#', { qos: 1 });
    await sub.subscribeAsync('tafel/test/overlap/+', { qos: 0 });
    await sub.subscribeAsync('tafel/test/overlap/temp', { qos: 1 });
    closers.push(
      await sendTogether(server.mqttPort!, [
        connectPacket('overlap'),
        publishPacket('tafel/test/overlap/temp', '1', 1, false, 1),
        publishPacket('tafel/test/overlap/temp', '2', 1, true, 2),
        publishPacket('tafel/test/overlap/temp', '3', 1, false, 3),
      ]),
    );
    await expect.poll(() => got.length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 100)); // nothing more on its way
    expect(got).toEqual([
      'tafel/test/overlap/temp=1',
      'tafel/test/overlap/temp=2',
      'tafel/test/overlap/temp=3',
    ]);
  });
});

describe('persistence', () => {
  it('keeps retained messages across a restart', async () => {
    const dataDir = path.join(root, 'data-restart');
    const first = await startServer(testConfig({ distDir: dist, dataDir }), quiet);
    const pub = await connect(`mqtt://127.0.0.1:${first.mqttPort}`);
    // aedes sends the PUBACK before it stores the message, not after (lib/handlers/publish.js):
    // the write, started then, is done long before close() reaches the store.
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
