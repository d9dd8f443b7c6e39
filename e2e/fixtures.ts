import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import mqtt, { type MqttClient } from 'mqtt';
import { Child, freePort, mosquitto, tafelServer, waitForPort } from './processes.ts';

export interface BrokerOptions {
  brokerKind: 'embedded' | 'mosquitto';
  /** Where the page runs its MQTT client: the live worker (default) or the page itself. */
  livePath: 'worker' | 'page';
}

/** A running Tafel + broker pair, as a test sees it. */
export interface Broker {
  kind: BrokerOptions['brokerKind'];
  /** The page to open: the app, pointed at this broker. */
  appUrl: string;
  /** Where sensors connect: plain MQTT over TCP. */
  tcpUrl: string;
  tcpPort: number;
  /** Stop the broker (for the embedded one: the whole server). */
  stop(): Promise<void>;
  /** Start it again; `forgetRetained`: with no retained messages (a fresh data dir). */
  start(options?: { forgetRetained?: boolean }): Promise<void>;
}

interface TestFixtures {
  /** This test's dashboard-sync prefix: tests never see each other's dashboards. */
  syncPrefix: string;
  /** Another device: a new browser context with its own storage, opened on the app. */
  newDevice: () => Promise<Page>;
  /** An MQTT.js client over TCP, like a sensor; ended after the test. */
  sensor: MqttClient;
  /** Console errors matching these are expected by the test (e.g. a broker it stopped). */
  allowConsoleErrors: (pattern: RegExp) => void;
  /** Fails the test on page errors and console errors (auto). */
  pageErrors: void;
}

export const test = base.extend<TestFixtures, BrokerOptions & { broker: Broker }>({
  brokerKind: ['embedded', { option: true, scope: 'worker' }],
  livePath: ['worker', { option: true, scope: 'worker' }],

  broker: [
    async ({ brokerKind, livePath }, use) => {
      const httpPort = await freePort();
      const tcpPort = await freePort();
      let app: Child;
      let brokerProcess: Child;
      let appUrl: string;
      const embedded = () => tafelServer({ port: httpPort, mqttPort: tcpPort, broker: true });
      if (brokerKind === 'embedded') {
        app = embedded();
        brokerProcess = app;
        appUrl = `http://127.0.0.1:${httpPort}/`;
      } else {
        const wsPort = await freePort();
        app = tafelServer({ port: httpPort, mqttPort: 0, broker: false });
        brokerProcess = mosquitto({ tcpPort, wsPort });
        brokerProcess.start();
        await waitForPort(tcpPort).catch((e: Error) => {
          throw new Error(`${e.message}\n${brokerProcess.log}`);
        });
        await waitForPort(wsPort);
        appUrl = `http://127.0.0.1:${httpPort}/?broker=${encodeURIComponent(`ws://127.0.0.1:${wsPort}`)}`;
      }
      if (livePath === 'page') {
        const url = new URL(appUrl);
        url.searchParams.set('live', 'page');
        appUrl = url.href;
      }
      app.start();
      await waitForPort(httpPort).catch((e: Error) => {
        throw new Error(`${e.message}\n${app.log}`);
      });
      await waitForPort(tcpPort);

      await use({
        kind: brokerKind,
        appUrl,
        tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
        tcpPort,
        stop: () => brokerProcess.stop(),
        async start(options) {
          // Mosquitto runs without persistence: every restart forgets retained messages.
          if (options?.forgetRetained && brokerKind === 'embedded')
            app = brokerProcess = embedded();
          brokerProcess.start();
          await waitForPort(tcpPort).catch((e: Error) => {
            throw new Error(`${e.message}\n${brokerProcess.log}`);
          });
        },
      });

      await app.stop();
      await brokerProcess.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture names from this pattern
  syncPrefix: async ({}, use, testInfo) => {
    await use(`e2e/${testInfo.testId}/dashboards/`);
  },

  context: async ({ context, syncPrefix }, use) => {
    await context.addInitScript(preparePage, syncPrefix);
    await use(context);
  },

  newDevice: async ({ browser, syncPrefix, broker }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    const problems: string[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      await context.addInitScript(preparePage, syncPrefix);
      const page = await context.newPage();
      watchErrors(page, problems);
      await page.goto(broker.appUrl);
      return page;
    });
    for (const c of contexts) await c.close();
    const allowed = (testInfo as unknown as { allowed?: RegExp[] }).allowed ?? [];
    expect(
      problems.filter((p) => !allowed.some((a) => a.test(p))),
      'no errors on the other device',
    ).toEqual([]);
  },

  sensor: async ({ broker }, use) => {
    const client = await mqtt.connectAsync(broker.tcpUrl, {
      reconnectPeriod: 0,
      clientId: `sensor-${Date.now()}`,
    });
    await use(client);
    await client.endAsync(true);
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture names from this pattern
  allowConsoleErrors: async ({}, use, testInfo) => {
    const allowed: RegExp[] = [];
    (testInfo as unknown as { allowed: RegExp[] }).allowed = allowed;
    await use((p) => allowed.push(p));
  },

  pageErrors: [
    async ({ page }, use, testInfo) => {
      const problems: string[] = [];
      watchErrors(page, problems);
      await use();
      const allowed = (testInfo as unknown as { allowed?: RegExp[] }).allowed ?? [];
      const unexpected = problems.filter((p) => !allowed.some((a) => a.test(p)));
      expect(unexpected, 'no page or console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * What Chromium logs while the broker is away: each refused WebSocket attempt, and each
 * /healthz probe the page makes to notice the server is back.
 */
export const BROKER_OUTAGE_ERRORS =
  /WebSocket connection to .* failed|Failed to load resource: net::ERR_CONNECTION_REFUSED/;

/** Runs in the page before Tafel: this test's sync prefix, unless the test changed it. */
function preparePage(prefix: string) {
  if (!localStorage.getItem('tafel.sync')) {
    localStorage.setItem('tafel.sync', JSON.stringify({ enabled: true, prefix }));
  }
}

function watchErrors(page: Page, problems: string[]) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
}

/** Open the app and wait until it is connected to the broker. */
export async function openDashboard(page: Page, broker: Broker): Promise<void> {
  await page.goto(broker.appUrl);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/, {
    timeout: 10_000,
  });
}

/** Collects what an MQTT client receives on `topic`, as text. */
export async function collect(client: MqttClient, topic: string): Promise<string[]> {
  const got: string[] = [];
  client.on('message', (t, payload) => {
    if (t === topic) got.push(payload.toString());
  });
  await client.subscribeAsync(topic, { qos: 0 });
  return got;
}

/** A dashboard of `widgets` (type + config), one group, for tests that start from a setup. */
export function dashboardOf(
  title: string,
  widgets: Array<{
    type: string;
    config: Record<string, unknown>;
    layout?: { x: number; y: number; w: number; h: number };
  }>,
) {
  const id = `d-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
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
            title: 'Widgets',
            width: 12,
            showTitle: true,
            widgets: widgets.map((w, i) => ({
              id: `w${i}`,
              type: w.type,
              version: 1,
              config: w.config,
              ...(w.layout ? { layout: w.layout } : {}),
            })),
          },
        ],
      },
    ],
  };
}

/**
 * Open the app with `dashboard` saved in this browser (as if configured before), on it.
 * Its sync is off, so tests that seed do not depend on the broker sync.
 */
export async function openWithDashboard(
  page: Page,
  broker: Broker,
  dashboard: ReturnType<typeof dashboardOf>,
) {
  await page.addInitScript((d) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('tafel.dashboards', JSON.stringify({ schemaVersion: 1, dashboards: [d] }));
    localStorage.setItem('tafel.last-dashboard', d.id);
    localStorage.setItem(
      'tafel.sync',
      JSON.stringify({ enabled: false, prefix: 'tafel/dashboards/' }),
    );
  }, dashboard);
  await openDashboard(page, broker);
  await expect(page.getByRole('heading', { level: 1, name: dashboard.title })).toBeVisible();
}
