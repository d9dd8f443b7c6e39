import { say } from '@/i18n/message';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { create } from 'zustand';
import { deleteDashboard, renameDashboard } from '@/dashboard/operations';
import type { Dashboard } from '@/dashboard/schema';
import { createConnection } from '@/mqtt/connection';
import { createIngest } from '@/mqtt/ingest';
import { brokerSettingsSchema } from '@/mqtt/settings';
import type { ConnectionStatus } from '@/stores/connection-store';
import { createDashboardStore } from '@/stores/dashboard-store';
import type { Notice } from '@/stores/notice-store';
import { createSyncStore } from '@/sync/sync-store';
import { resolveSyncOffer, startBrokerSync } from '@/sync/engine';

// Browsers sharing dashboards through a real broker (aedes over WebSockets), from Node: each
// "browser" is its own connection, dashboard store, sync store and engine.

interface TestBroker {
  port: number;
  aedes: Aedes;
  close(): Promise<void>;
}

async function startBroker(port = 0, setup?: (aedes: Aedes) => void): Promise<TestBroker> {
  const aedes = await Aedes.createBroker();
  setup?.(aedes);
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/mqtt' });
  wss.on('connection', (ws, req) => aedes.handle(createWebSocketStream(ws), req));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let closed = false;
  return {
    port: (server.address() as AddressInfo).port,
    aedes,
    async close() {
      if (closed) return;
      closed = true;
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PREFIX = 'test/dashboards/';
const delays = { publishMs: 20, settleMs: 150, settleQuietMs: 50, echoMs: 800 };

function dashboard(id: string, title: string, revision = 1): Dashboard {
  return {
    id,
    title,
    revision,
    updatedAt: '2025-01-01T00:00:00.000Z',
    pages: [{ id: `${id}-p`, title: 'Home', groups: [] }],
  };
}

/** One browser: its own stores, connection and engine. */
async function openBrowser(port: number, dashboards: Dashboard[]) {
  const store = createDashboardStore();
  store.getState().load({ schemaVersion: 1, dashboards });
  const status = create<{ status: ConnectionStatus }>(() => ({ status: 'connecting' }));
  const connection = createConnection({
    ingest: createIngest({ schedule: () => {}, sink: { write: () => {} } }),
    onStatus: (s) => s.status && status.setState({ status: s.status }),
    location: null,
  });
  const sync = createSyncStore();
  const editor = { editing: false, dashboardId: null as string | null };
  const notices: Array<Omit<Notice, 'id'>> = [];
  const stop = startBrokerSync({
    connection,
    settings: { enabled: true, prefix: PREFIX },
    dashboards: store,
    editor: { getState: () => editor },
    connectionStatus: status,
    sync,
    notify: (n) => notices.push(n),
    delays,
  });
  connection.connect(`ws://127.0.0.1:${port}/mqtt`, brokerSettingsSchema.parse({}));
  cleanups.push(() => connection.close(), stop);
  const find = (id: string) => store.getState().document.dashboards.find((d) => d.id === id);
  await expect.poll(() => sync.getState().status, { timeout: 5000 }).toBe('synced');
  return { store, sync, editor, notices, find, status, stop };
}

/** The retained messages under the prefix, as a browser connecting now would get them. */
async function retained(port: number): Promise<Map<string, string>> {
  const client = await mqtt.connectAsync(`ws://127.0.0.1:${port}/mqtt`, { reconnectPeriod: 0 });
  const got = new Map<string, string>();
  client.on('message', (topic, payload, packet) => {
    if (packet.retain) got.set(topic, payload.toString());
  });
  await client.subscribeAsync(`${PREFIX}#`, { qos: 1 });
  await new Promise((r) => setTimeout(r, 100));
  await client.endAsync();
  return got;
}

describe('broker sync between browsers', () => {
  it('shares edits and deletions; a late browser does not resurrect; a fresh broker is refilled', async () => {
    let broker = await startBroker();
    const { port } = broker;
    cleanups.push(() => broker.close());
    const original = [dashboard('kitchen', 'Kitchen'), dashboard('garden', 'Garden')];
    const a = await openBrowser(port, original);
    // A's dashboards were missing on the broker: published once things settled.
    const b = await openBrowser(port, []);
    await expect.poll(() => b.find('kitchen')?.title).toBe('Kitchen');
    expect(b.find('garden')).toBeDefined();

    // An edit in A appears in B, without reload.
    a.store.getState().edit((doc) => renameDashboard(doc, 'kitchen', 'Küche'));
    await expect.poll(() => b.find('kitchen')?.title).toBe('Küche');
    expect(b.find('kitchen')?.revision).toBe(a.find('kitchen')?.revision);
    // B applied it as another device's copy: undo brings back what B had.
    expect(b.store.getState().lastSource).toBe('remote');
    await expect.poll(() => a.sync.getState().status).toBe('synced');

    // A deletion in A removes it in B.
    const deletedRevision = a.find('kitchen')!.revision;
    a.store.getState().edit((doc) => deleteDashboard(doc, 'kitchen'));
    await expect.poll(() => b.find('kitchen')).toBeUndefined();
    await expect.poll(() => a.sync.getState().status).toBe('synced');
    const onBroker = await retained(port);
    expect(onBroker.has(`${PREFIX}kitchen`)).toBe(false);
    expect(JSON.parse(onBroker.get(`${PREFIX}kitchen/deleted`)!)).toMatchObject({
      revision: deletedRevision,
    });

    // A browser that was offline all along still has the old copy: the tombstone removes it,
    // and it does not publish it back as "missing".
    const c = await openBrowser(port, original);
    expect(c.find('kitchen')).toBeUndefined();
    expect(c.find('garden')).toBeDefined();
    expect((await retained(port)).has(`${PREFIX}kitchen`)).toBe(false);
    expect(a.find('kitchen')).toBeUndefined();
    expect(b.find('kitchen')).toBeUndefined();

    // The broker restarts without persistence: the browsers publish what it lost.
    await broker.close();
    await expect.poll(() => a.sync.getState().status).toBe('local');
    broker = await startBroker(port);
    await expect.poll(() => a.sync.getState().status, { timeout: 5000 }).toBe('synced');
    await expect
      .poll(async () => [...(await retained(port)).keys()].sort(), { timeout: 5000 })
      .toEqual([`${PREFIX}garden`, `${PREFIX}kitchen/deleted`]);
    expect(JSON.parse((await retained(port)).get(`${PREFIX}garden`)!)).toMatchObject({
      format: 'tafel-dashboard',
      schemaVersion: 1,
      dashboard: { id: 'garden', title: 'Garden', revision: 1 },
    });
    expect(a.notices).toEqual([]);
  }, 20_000);

  it('offers a newer copy to a browser editing that dashboard, and "Keep mine" wins', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const a = await openBrowser(broker.port, [dashboard('hall', 'Hall', 3)]);
    const b = await openBrowser(broker.port, []);
    await expect.poll(() => b.find('hall')?.title).toBe('Hall');

    Object.assign(b.editor, { editing: true, dashboardId: 'hall' });
    a.store.getState().edit((doc) => renameDashboard(doc, 'hall', 'Flur'));
    await expect.poll(() => b.sync.getState().offers.hall?.kind).toBe('newer');
    expect(b.find('hall')?.title).toBe('Hall');
    // B's own edits meanwhile stay local: nothing is published over the newer copy.
    b.store.getState().edit((doc) => renameDashboard(doc, 'hall', 'Diele'));
    await new Promise((r) => setTimeout(r, 150));
    expect(a.find('hall')?.title).toBe('Flur');
    // Leaving edit mode keeps the offer.
    Object.assign(b.editor, { editing: false });
    expect(b.sync.getState().offers.hall).toBeDefined();

    resolveSyncOffer('hall', 'keep', { dashboards: b.store, sync: b.sync });
    expect(b.sync.getState().offers.hall).toBeUndefined();
    await expect.poll(() => a.find('hall')?.title).toBe('Diele');
    expect(a.find('hall')?.revision).toBe(b.find('hall')?.revision);
    expect(b.find('hall')!.revision).toBeGreaterThan(4);
    await expect.poll(() => b.sync.getState().status).toBe('synced');
  });

  it('"Load it" takes the other copy, and undo brings back the local one', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const a = await openBrowser(broker.port, [dashboard('hall', 'Hall')]);
    const b = await openBrowser(broker.port, []);
    await expect.poll(() => b.find('hall')).toBeDefined();
    Object.assign(b.editor, { editing: true, dashboardId: 'hall' });
    b.store.getState().edit((doc) => renameDashboard(doc, 'hall', 'Mine'));
    await expect.poll(() => a.find('hall')?.title).toBe('Mine');
    a.store.getState().edit((doc) => renameDashboard(doc, 'hall', 'Theirs'));
    await expect.poll(() => b.sync.getState().offers.hall).toBeDefined();

    resolveSyncOffer('hall', 'load', { dashboards: b.store, sync: b.sync });
    expect(b.find('hall')?.title).toBe('Theirs');
    await expect.poll(() => b.sync.getState().status).toBe('synced');
    b.store.getState().undo();
    await expect.poll(() => a.find('hall')?.title).toBe('Mine');
  });
});

describe('broker sync failures', () => {
  it('says so when the broker silently drops the publishes (ACL)', async () => {
    // Like Mosquitto with a read-only ACL: PUBACK, but the message goes nowhere.
    const broker = await startBroker(0, (aedes) => {
      aedes.authorizePublish = (_client, packet, callback) => {
        if (packet.topic.startsWith(PREFIX)) {
          packet.topic = 'dropped';
          packet.retain = false;
        }
        callback(null);
      };
    });
    cleanups.push(() => broker.close());
    const a = await openBrowser(broker.port, []);
    a.store.getState().edit((doc) => ({ ...doc, dashboards: [dashboard('x', 'X')] }));
    await expect.poll(() => a.sync.getState().status).toBe('error');
    expect(say(a.sync.getState().reason!)).toBe(
      `the broker did not send the dashboard back (it may refuse it: check its ACL for ${PREFIX}x)`,
    );
    expect(a.find('x')?.title).toBe('X');
  });

  it('says so when the broker refuses the subscription', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broker = await startBroker(0, (aedes) => {
      aedes.authorizeSubscribe = (_client, sub, callback) =>
        callback(null, sub.topic.startsWith(PREFIX) ? null : sub);
    });
    cleanups.push(() => broker.close());
    const status = create<{ status: ConnectionStatus }>(() => ({ status: 'connecting' }));
    const connection = createConnection({
      ingest: createIngest({ schedule: () => {}, sink: { write: () => {} } }),
      onStatus: (s) => s.status && status.setState({ status: s.status }),
      location: null,
    });
    const sync = createSyncStore();
    const stop = startBrokerSync({
      connection,
      settings: { enabled: true, prefix: PREFIX },
      connectionStatus: status,
      sync,
      delays,
    });
    cleanups.push(() => connection.close(), stop);
    connection.connect(`ws://127.0.0.1:${broker.port}/mqtt`, brokerSettingsSchema.parse({}));
    await expect
      .poll(() => {
        const r = sync.getState().reason;
        return r && say(r);
      })
      .toBe(`the broker refused the subscription to ${PREFIX}#`);
    expect(sync.getState().status).toBe('error');
    expect(warn).toHaveBeenCalledWith(`Subscription to ${PREFIX}# refused by the broker`);
    stop();
    expect(sync.getState()).toMatchObject({ status: 'local', offers: {} });
  });
});
