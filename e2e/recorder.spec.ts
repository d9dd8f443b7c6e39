import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { dashboardOf, expect, test } from './fixtures.ts';
import { Child, freePort, mosquitto, tafelServer, waitForPort } from './processes.ts';

// The recorder as a user meets it: values published while no browser is open are there when
// one opens (the gauge's last value with its age, the chart's points, a CSV), also after the
// server restarted. Its own server (and Mosquitto), with its own data dir and the default
// sync prefix that the recorder reads: with Mosquitto the server runs --no-broker and records
// from it as a client (RECORD_FROM).

test.use({ viewport: { width: 900, height: 1100 } });

const TOPIC = 'rec/wohnzimmer/temp';

const dashboard = dashboardOf('Verlauf', [
  {
    type: 'gauge',
    config: { title: 'Wohnzimmer', topic: TOPIC, min: 0, max: 40, unit: '°C' },
    layout: { x: 0, y: 0, w: 4, h: 4 },
  },
  {
    type: 'chart',
    config: {
      title: 'Temperaturverlauf',
      unit: '°C',
      windowSeconds: 3600,
      series: [{ topic: TOPIC, valuePath: '', label: 'Wohnzimmer', color: '#1f6feb' }],
    },
    layout: { x: 4, y: 0, w: 8, h: 5 },
  },
]);

interface Setup {
  appUrl: string;
  tcpUrl: string;
  restartServer(): Promise<void>;
  stop(): Promise<void>;
}

async function startSetup(kind: 'embedded' | 'mosquitto'): Promise<Setup> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tafel-e2e-recorder-'));
  const httpPort = await freePort();
  const tcpPort = await freePort();
  let broker: Child | null = null;
  let appUrl = `http://127.0.0.1:${httpPort}/`;
  let server: Child;
  if (kind === 'embedded') {
    server = tafelServer({ port: httpPort, mqttPort: tcpPort, broker: true, dataDir });
  } else {
    const wsPort = await freePort();
    broker = mosquitto({ tcpPort, wsPort });
    broker.start();
    await waitForPort(tcpPort);
    await waitForPort(wsPort);
    server = tafelServer({
      port: httpPort,
      mqttPort: 0,
      broker: false,
      dataDir,
      env: { RECORD_FROM: `mqtt://127.0.0.1:${tcpPort}` },
    });
    appUrl += `?broker=${encodeURIComponent(`ws://127.0.0.1:${wsPort}`)}`;
  }
  const start = async () => {
    server.start();
    await waitForPort(httpPort).catch((e: Error) => {
      throw new Error(`${e.message}\n${server.log}`);
    });
    await waitForPort(tcpPort);
  };
  await start();
  return {
    appUrl,
    tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
    async restartServer() {
      await server.stop();
      await start();
    },
    async stop() {
      await server.stop();
      await broker?.stop();
    },
  };
}

/** /api/recorder, once it says `ok`. */
async function recorderUntil(
  appUrl: string,
  ok: (status: { filters: number; written: number; source: { connected: boolean } }) => boolean,
) {
  const url = new URL('/api/recorder', appUrl).href;
  await expect
    .poll(async () => {
      const status = await fetch(url).then((r) => r.json());
      return ok(status) ? 'ok' : JSON.stringify(status);
    })
    .toBe('ok');
}

test('values published while no browser was open are there when one opens, also after a restart', async ({
  browser,
  brokerKind,
}) => {
  test.slow(); // two servers started, one restarted
  const setup = await startSetup(brokerKind);
  try {
    const client = await mqtt.connectAsync(setup.tcpUrl, { reconnectPeriod: 0 });
    // The dashboard is shared as a browser shares it: retained, under the default prefix.
    await client.publishAsync(
      `tafel/dashboards/${dashboard.id}`,
      JSON.stringify({ format: 'tafel-dashboard', schemaVersion: 1, dashboard }),
      { retain: true, qos: 1 },
    );
    await recorderUntil(setup.appUrl, (s) => s.filters === 1 && s.source.connected);

    // A sensor that does not retain, while no browser is open.
    const values = [20.5, 20.75, 21, 21.25, 21.5, 21.75, 22, 22.25];
    for (const v of values) {
      await client.publishAsync(TOPIC, String(v), { qos: 1 });
      await new Promise((r) => setTimeout(r, 60));
    }
    await client.endAsync();
    await recorderUntil(setup.appUrl, (s) => s.written >= values.length);

    // The history is on disk: a restarted server still has it.
    await setup.restartServer();
    await recorderUntil(setup.appUrl, (s) => s.source.connected);

    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript(() => {
      localStorage.setItem(
        'tafel.sync',
        JSON.stringify({ enabled: true, prefix: 'tafel/dashboards/' }),
      );
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL(`/d/verlauf`, setup.appUrl).href + new URL(setup.appUrl).search);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/, {
      timeout: 10_000,
    });

    // The gauge shows the last value at once, marked as recorded, with its time.
    const gaugeGroup = page.getByRole('group', { name: 'Wohnzimmer', exact: true });
    await expect(gaugeGroup.getByRole('meter', { name: 'Wohnzimmer' })).toHaveAttribute(
      'aria-valuenow',
      '22.25',
    );
    const badge = gaugeGroup.getByRole('button', { name: /^Recorded \d{1,2}:\d{2}/ });
    await expect(badge).toBeVisible();
    await expect(badge).toHaveText(/^from \d{1,2}:\d{2}/);

    // The chart has the points from before it was opened: not waiting, its legend shows the
    // last one.
    const chart = page.getByRole('group', { name: 'Temperaturverlauf', exact: true });
    await expect(chart.getByText('Waiting for data')).toBeHidden();
    await expect(chart.getByRole('list', { name: 'Legend' })).toContainText('22.25');
    await expect(
      chart.getByRole('img', {
        name: 'Temperaturverlauf: chart of Wohnzimmer, last value 22.25 °C',
      }),
    ).toBeVisible();

    // A live message replaces the recorded value, and is no longer marked as recorded.
    const sensor = await mqtt.connectAsync(setup.tcpUrl, { reconnectPeriod: 0 });
    await sensor.publishAsync(TOPIC, '23', { qos: 1 });
    await expect(gaugeGroup.getByRole('meter', { name: 'Wohnzimmer' })).toHaveAttribute(
      'aria-valuenow',
      '23',
    );
    await expect(gaugeGroup.getByRole('button', { name: /^Recorded/ })).toHaveCount(0);
    await sensor.endAsync();
    await recorderUntil(setup.appUrl, (s) => s.written >= 1);

    // The chart's menu downloads its rows as CSV.
    await chart.getByRole('button', { name: 'Chart menu' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('time,unix_ms,topic,value');
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(rows.map((r) => Number(r[3]))).toEqual(expect.arrayContaining([...values, 23]));
    expect(rows.every((r) => r[2] === TOPIC)).toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  } finally {
    await setup.stop();
  }
});
