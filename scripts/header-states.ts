/**
 * The header in every connection state (connecting, connected, reconnecting, offline) and
 * sync state (synced, syncing, local only, failed), at 320, 375, 800 and 1280 px, light and
 * dark → docs/screenshots/header/. Also the badges' popovers, tablet settings at 130 %, the
 * widget picker, and edit mode. `npm run screenshot` runs it after the main screenshots.
 *
 * States the broker would only pass through are held with Playwright's WebSocket routing:
 * a socket that never answers (connecting), one that closes at once (reconnecting), and a
 * proxy that drops the broker's SUBACKs (syncing: the dashboards' subscription never done).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from '@playwright/test';
import { repoRoot } from '../server/paths.ts';
import { withRunningApp } from './with-running-app.ts';

const outDir = path.join(repoRoot, 'docs', 'screenshots', 'header');
mkdirSync(outDir, { recursive: true });

const WIDTHS = [320, 375, 800, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;

const dashboard = (id: string, title: string) => ({
  id,
  title,
  revision: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  pages: [
    {
      id: 'home',
      title: 'Home',
      groups: [
        {
          id: 'g1',
          title: 'Wohnzimmer',
          width: 6,
          showTitle: true,
          widgets: [
            {
              id: 'w1',
              type: 'text',
              version: 1,
              config: { label: 'Temperatur', topic: 'Erdgeschoss/Wohnzimmer/temp', unit: '°C' },
            },
          ],
        },
      ],
    },
  ],
});

const SHOWN = dashboard('wohnzimmer', 'Wohnzimmer und Terrasse');
/** "+" cannot be part of an MQTT topic: this one can never be shared, so sync fails. */
const REFUSED = dashboard('keller+alt', 'Keller');

type Socket = 'real' | 'silent' | 'refused' | 'no-suback';

interface State {
  name: string;
  socket: Socket;
  sync: boolean;
  extra?: boolean;
  offline?: boolean;
  kiosk?: boolean;
  /** What the badges say once the state is reached. */
  connection: string;
  syncLabel: string;
}

const STATES: State[] = [
  {
    name: 'connecting',
    socket: 'silent',
    sync: true,
    connection: 'Connecting…',
    syncLabel: 'Local only',
  },
  {
    name: 'connected-synced',
    socket: 'real',
    sync: true,
    connection: 'Connected',
    syncLabel: 'Synced',
  },
  {
    name: 'connected-syncing',
    socket: 'no-suback',
    sync: true,
    connection: 'Connected',
    syncLabel: 'Syncing…',
  },
  {
    name: 'connected-sync-failed',
    socket: 'real',
    sync: true,
    extra: true,
    connection: 'Connected',
    syncLabel: 'Sync failed',
  },
  {
    name: 'connected-local-only',
    socket: 'real',
    sync: false,
    connection: 'Connected',
    syncLabel: 'Local only',
  },
  {
    name: 'reconnecting',
    socket: 'refused',
    sync: true,
    connection: 'Reconnecting',
    syncLabel: 'Local only',
  },
  {
    name: 'offline',
    socket: 'refused',
    sync: true,
    offline: true,
    connection: 'Offline',
    syncLabel: 'Local only',
  },
  {
    name: 'kiosk-reconnecting',
    socket: 'refused',
    sync: true,
    kiosk: true,
    connection: 'Reconnecting',
    syncLabel: 'Local only',
  },
];

/** MQTT packets in a WebSocket message, without the SUBACKs (packet type 9). */
function withoutSubacks(data: Buffer): Buffer {
  const kept: Buffer[] = [];
  let i = 0;
  while (i < data.length) {
    const start = i;
    const type = data[i]! >> 4;
    i++;
    let length = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = data[i++]!;
      length += (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && i < data.length);
    i += length;
    if (type !== 9) kept.push(data.subarray(start, i));
  }
  return Buffer.concat(kept);
}

async function routeSocket(context: BrowserContext, socket: Socket) {
  if (socket === 'real') return;
  await context.routeWebSocket(/\/mqtt$/, (ws: WebSocketRoute) => {
    if (socket === 'silent') return; // accepted, never answered: MQTT waits for its CONNACK
    if (socket === 'refused') {
      void ws.close({ code: 1011, reason: 'no broker' });
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (typeof m === 'string') return ws.send(m);
      const rest = withoutSubacks(m);
      if (rest.length > 0) ws.send(rest);
    });
  });
}

async function open(browser: Browser, appUrl: string, state: State, scheme: string) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: scheme as 'light' | 'dark',
    reducedMotion: 'reduce', // the busy dot's pulse, caught at its faintest, looks grey
  });
  await context.addInitScript(
    ([shown, refused, sync, extra]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      const dashboards = extra ? [shown, refused] : [shown];
      localStorage.setItem('tafel.dashboards', JSON.stringify({ schemaVersion: 1, dashboards }));
      localStorage.setItem('tafel.last-dashboard', 'wohnzimmer');
      localStorage.setItem(
        'tafel.sync',
        JSON.stringify({ enabled: sync, prefix: 'tafel/dashboards/' }),
      );
    },
    [SHOWN, REFUSED, state.sync, state.extra ?? false] as const,
  );
  await routeSocket(context, state.socket);
  const page = await context.newPage();
  await page.goto(`${appUrl}${state.kiosk ? '?kiosk' : ''}`);
  if (state.offline) {
    await page.getByRole('status', { name: 'Connection' }).getByText('Reconnecting').waitFor();
    await context.setOffline(true);
  }
  const connection = page.getByRole('status', { name: 'Connection' });
  await connection.getByText(state.connection, { exact: true }).waitFor({ timeout: 15_000 });
  await page
    .getByRole('status', { name: 'Dashboard sync' })
    .getByText(state.syncLabel, { exact: true })
    .waitFor({ timeout: 15_000 });
  return { context, page };
}

/** The sticky top, and `below` px more for a popover. */
async function shootTop(page: Page, file: string, below = 0) {
  const top = (await page.locator('.app-top').boundingBox())!;
  const size = page.viewportSize()!;
  await page.screenshot({
    path: path.join(outDir, file),
    clip: { x: 0, y: 0, width: size.width, height: Math.ceil(top.height + below) },
  });
}

await withRunningApp(async ({ appUrl, browser, sensor }) => {
  await sensor.publishAsync('Erdgeschoss/Wohnzimmer/temp', '21.5', { retain: true, qos: 1 });
  for (const scheme of SCHEMES) {
    for (const state of STATES) {
      const { context, page } = await open(browser, appUrl, state, scheme);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await shootTop(page, `${state.name}-${width}-${scheme}.png`, 8);
      }
      // The popovers: the connection's while it is away, the sync's when it failed.
      const popover =
        state.name === 'reconnecting' || state.name === 'offline'
          ? 'Connection'
          : state.name === 'connected-sync-failed' || state.name === 'connected-synced'
            ? 'Dashboard sync'
            : null;
      if (popover) {
        for (const width of [320, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          await page.getByRole('status', { name: popover }).getByRole('button').click();
          await page.getByRole('group', { name: `${popover} details` }).waitFor();
          await shootTop(page, `${state.name}-popover-${width}-${scheme}.png`, 220);
          await page.keyboard.press('Escape');
        }
      }
      await context.close();
    }
  }
  console.log(path.join(outDir, '*.png'));

  // Dialogs and edit mode, light: tablet settings at 130 %, the picker, the settings panel.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    if (!localStorage.getItem('tafel.tablet'))
      localStorage.setItem('tafel.tablet', JSON.stringify({ scale: 130 }));
  });
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
  await page.getByRole('button', { name: 'Tablet settings' }).click();
  await page.getByRole('dialog', { name: 'Tablet settings' }).waitFor();
  await page.screenshot({ path: path.join(outDir, 'tablet-settings-130.png') });
  await page.keyboard.press('Escape');
  await page.evaluate(() => localStorage.setItem('tafel.tablet', JSON.stringify({ scale: 100 })));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('button', { name: 'Add widget to Default' }).click();
  await page.getByRole('dialog', { name: 'Add a widget' }).waitFor();
  await page.screenshot({ path: path.join(outDir, 'picker-1440x900.png') });
  await page
    .getByRole('dialog', { name: 'Add a widget' })
    .getByRole('button', { name: /^Chart/ })
    .click();
  await page.getByRole('complementary', { name: 'Chart settings' }).waitFor();
  await page.waitForTimeout(400); // the panel scrolls the new widget into view
  await page.screenshot({ path: path.join(outDir, 'edit-chart-series-1440x900.png') });
  await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
  const gauge = page.getByRole('complementary', { name: 'Gauge settings' });
  await gauge.getByRole('group', { name: 'Colours' }).scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, 'edit-gauge-colours-1440x900.png') });
  await context.close();
});
