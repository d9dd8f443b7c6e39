import { MessageChannel, type MessagePort } from 'node:worker_threads';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionReport } from './connection';
import type { LiveEntry } from './ingest';
import { workerConnection } from './live-connection';
import { serveLive, type LiveScope } from './live-worker';
import { brokerSettingsSchema } from './settings';
import { publishFrom, startBroker } from './test-broker';

// The page side and the worker side of the live path, talking through a real MessageChannel
// (what a Worker is made of), the worker's MQTT client connected to a real broker (aedes).

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Node's MessagePort as the page sees a Worker, and as the worker sees its scope. */
function channel() {
  const { port1, port2 } = new MessageChannel();
  const asWorker = Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
  const asScope: LiveScope = {
    postMessage: (m, transfer) => port2.postMessage(m, transfer as never),
    addEventListener: (type, listener) =>
      (port2 as MessagePort).addEventListener(type, listener as never),
    close: () => port2.close(),
  };
  port2.start();
  return { asWorker, asScope, port1 };
}

async function setup() {
  const broker = await startBroker();
  cleanups.push(() => broker.close());
  const { asWorker, asScope } = channel();
  serveLive(asScope);
  const statuses: ConnectionReport[] = [];
  const batches: Array<{ changes: Map<string, LiveEntry>; forgotten: readonly string[] }> = [];
  let failed = false;
  const live = workerConnection(asWorker, {
    sink: { write: (changes, forgotten) => batches.push({ changes: new Map(changes), forgotten }) },
    onStatus: (r) => statuses.push(r),
    onFailure: () => (failed = true),
  });
  cleanups.push(() => live.close());
  const shown = (key: string) =>
    batches.findLast((b) => b.changes.has(key))?.changes.get(key)?.payload.text;
  const connect = async () => {
    live.connect(`ws://127.0.0.1:${broker.port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect.poll(() => statuses.filter((s) => s.status).at(-1)?.status).toBe('connected');
  };
  return { broker, live, statuses, batches, shown, connect, failed: () => failed };
}

describe('the live path through its worker protocol', { timeout: 20_000 }, () => {
  it('subscribes, and hands over the latest values per key in batches', async () => {
    const { broker, live, batches, shown, connect, failed } = await setup();
    live.subscriptions.acquire('room/+/temp', 0);
    await connect();
    for (let i = 1; i <= 50; i++) await publishFrom(broker.port, 'room/kitchen/temp', String(i));
    await expect.poll(() => shown('room/+/temp')).toBe('50');
    // The concrete topic is no widget's key: it stays in the worker, which names it on request.
    expect(shown('room/kitchen/temp')).toBeUndefined();
    expect(await live.topics()).toEqual(['room/kitchen/temp']);
    // 50 messages, far fewer batches: they are coalesced per frame.
    expect(batches.length).toBeLessThan(50);
    expect(failed()).toBe(false);
  });

  it('publishes, and says why a publish could not go out', async () => {
    const { broker, live, connect } = await setup();
    await expect(live.publish('out', 'x', { qos: 0, retain: false })).rejects.toThrow(
      'not connected',
    );
    await connect();
    const listener = await mqtt.connectAsync(`ws://127.0.0.1:${broker.port}/mqtt`, {
      reconnectPeriod: 0,
    });
    cleanups.push(() => listener.endAsync());
    const got = new Promise<string>((resolve) =>
      listener.on('message', (_t, p) => resolve(p.toString())),
    );
    await listener.subscribeAsync('out');
    await live.publish('out', new TextEncoder().encode('42'), { qos: 1, retain: false });
    expect(await got).toBe('42');
  });

  it('gives listeners every message in order, as bytes; exclusive ones skip the store', async () => {
    const { broker, live, shown, connect } = await setup();
    const heard: string[] = [];
    live.subscriptions.acquire('sync/#', 1);
    live.listen(
      'sync/#',
      (topic, bytes, retained) =>
        heard.push(`${topic}=${new TextDecoder().decode(bytes)}${retained ? ' (retained)' : ''}`),
      { exclusive: true },
    );
    const granted: string[] = [];
    live.onSubscribed((filter, ok) => granted.push(`${filter} ${ok}`));
    await publishFrom(broker.port, 'sync/a', 'first', { retain: true });
    await connect();
    await publishFrom(broker.port, 'sync/b', 'second');
    await publishFrom(broker.port, 'sync/c', 'third');
    await expect
      .poll(() => heard)
      .toEqual(['sync/a=first (retained)', 'sync/b=second', 'sync/c=third']);
    expect(granted).toEqual(['sync/# true']);
    expect(shown('sync/b')).toBeUndefined();
  });

  it('a listener beside a widget: both get every value, none arrives empty', async () => {
    const { broker, live, shown, connect } = await setup();
    const heard: string[] = [];
    live.subscriptions.acquire('door/temp', 0); // a gauge
    live.subscriptions.acquire('door/bell', 0); // the tablet's wake topic
    live.listen('door/bell', (_t, bytes) => heard.push(new TextDecoder().decode(bytes)));
    await connect();
    // One client, one burst: the messages share the chunks they are read from.
    const sensor = await mqtt.connectAsync(`ws://127.0.0.1:${broker.port}/mqtt`, {
      reconnectPeriod: 0,
    });
    cleanups.push(() => sensor.endAsync());
    for (let i = 1; i <= 20; i++) {
      sensor.publish('door/bell', `ring ${i}`);
      sensor.publish('door/temp', String(i));
    }
    await expect.poll(() => heard.length).toBe(20);
    expect(heard).toEqual(Array.from({ length: 20 }, (_, i) => `ring ${i + 1}`));
    await expect.poll(() => shown('door/temp')).toBe('20');
    expect(shown('door/bell')).toBe('ring 20');
  });

  it('taps replay the kept history, then every new message; releases end them', async () => {
    const { broker, live, connect } = await setup();
    live.subscriptions.acquire('chart/t', 0);
    live.ingest.keepHistory('chart/t');
    await connect();
    await publishFrom(broker.port, 'chart/t', '1');
    await publishFrom(broker.port, 'chart/t', '2');
    await new Promise((r) => setTimeout(r, 100));
    const points: string[] = [];
    const untap = live.ingest.tap('chart/+', (e) => points.push(e.payload.text ?? ''));
    await expect.poll(() => points).toEqual(['1', '2']);
    await publishFrom(broker.port, 'chart/t', '3');
    await expect.poll(() => points).toEqual(['1', '2', '3']);
    untap();
    await publishFrom(broker.port, 'chart/t', '4');
    await new Promise((r) => setTimeout(r, 100));
    expect(points).toEqual(['1', '2', '3']);
  });

  it('releases a subscription on the broker when the page lets go of it', async () => {
    const { broker, live, shown, connect } = await setup();
    const release = live.subscriptions.acquire('gone/t', 0);
    await connect();
    await publishFrom(broker.port, 'gone/t', 'a');
    await expect.poll(() => shown('gone/t')).toBe('a');
    release();
    await new Promise((r) => setTimeout(r, 100));
    await publishFrom(broker.port, 'gone/t', 'b');
    await new Promise((r) => setTimeout(r, 100));
    expect(shown('gone/t')).toBe('a');
  });
});
