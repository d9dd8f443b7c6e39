import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { dashboardOf, expect, openWithDashboard, test } from './fixtures.ts';

interface Heard {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

/** Everything published under `base`, heard at QoS 2 so the sender's QoS shows. */
async function listen(client: MqttClient, base: string): Promise<Heard[]> {
  const heard: Heard[] = [];
  client.on('message', (topic, payload, packet: IPublishPacket) => {
    if (topic.startsWith(base))
      heard.push({ topic, payload: payload.toString(), qos: packet.qos, retain: packet.retain });
  });
  await client.subscribeAsync(`${base}#`, { qos: 2 });
  return heard;
}

/** What a client connecting now gets as the retained message of `topic` (or null). */
async function retainedOf(url: string, topic: string): Promise<string | null> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  try {
    const got = new Promise<string | null>((resolve) => {
      c.on('message', (t, p, packet) => t === topic && packet.retain && resolve(p.toString()));
      setTimeout(() => resolve(null), 1500);
    });
    await c.subscribeAsync(topic, { qos: 1 });
    return await got;
  } finally {
    await c.endAsync(true);
  }
}

test.describe('the widget catalogue', () => {
  test('controls send exactly the payload, topic, QoS and retain flag they are set to', async ({
    page,
    broker,
    sensor,
    syncPrefix,
  }) => {
    const base = syncPrefix.replace('dashboards/', 'w/');
    const heard = await listen(sensor, base);
    await openWithDashboard(
      page,
      broker,
      dashboardOf('Controls', [
        {
          type: 'switch',
          config: {
            label: 'Licht',
            topic: `${base}licht/set`,
            stateTopic: `${base}licht/state`,
            onPayload: '{"state":"ON"}',
            onType: 'json',
            offPayload: '{"state":"OFF"}',
            offType: 'json',
            valuePath: 'state',
            qos: 1,
            retain: true,
          },
        },
        {
          type: 'button',
          config: {
            label: 'Neustart',
            topic: `${base}restart`,
            payload: '{"restart": true}',
            payloadType: 'json',
            confirm: 'Really restart?',
            qos: 2,
          },
        },
        {
          type: 'dropdown',
          config: {
            label: 'Modus',
            topic: `${base}mode/set`,
            stateTopic: `${base}mode`,
            payloadTemplate: '{"mode": {value}}',
            options: [
              { label: 'Eco', value: 'eco' },
              { label: 'Komfort', value: 'comfort' },
            ],
          },
        },
        {
          type: 'number-input',
          config: {
            label: 'Sollwert',
            topic: `${base}setpoint`,
            min: 5,
            max: 30,
            step: 0.5,
            qos: 1,
          },
        },
        {
          type: 'text-input',
          config: { label: 'Nachricht', topic: `${base}message`, payloadTemplate: 'say {value}' },
        },
        { type: 'color-picker', config: { label: 'Farbe', topic: `${base}color`, format: 'json' } },
        {
          type: 'slider',
          config: {
            label: 'Dimmer',
            topic: `${base}dim`,
            payloadTemplate: '{"brightness": {value}}',
            retain: true,
          },
        },
      ]),
    );

    await page.getByRole('switch', { name: 'Licht' }).click();
    await expect
      .poll(() => heard.find((h) => h.topic === `${base}licht/set`))
      .toEqual({ topic: `${base}licht/set`, payload: '{"state":"ON"}', qos: 1, retain: false });
    expect(await retainedOf(broker.tcpUrl, `${base}licht/set`)).toBe('{"state":"ON"}');

    await page.getByRole('button', { name: 'Neustart' }).click();
    const confirm = page.getByRole('dialog', { name: 'Really restart?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Neustart' }).click();
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => heard.filter((h) => h.topic === `${base}restart`))
      .toEqual([{ topic: `${base}restart`, payload: '{"restart":true}', qos: 2, retain: false }]);

    await page.getByRole('combobox', { name: 'Modus' }).selectOption({ label: 'Komfort' });
    await expect
      .poll(() => heard.find((h) => h.topic === `${base}mode/set`)?.payload)
      .toBe('{"mode": "comfort"}');
    await sensor.publishAsync(`${base}mode`, 'eco');
    await expect(
      page.getByRole('combobox', { name: 'Modus' }).locator('option:checked'),
    ).toHaveText('Eco');

    const setpoint = page.getByRole('spinbutton', { name: 'Sollwert' });
    await setpoint.fill('21.5');
    await setpoint.press('Enter');
    await expect
      .poll(() => heard.find((h) => h.topic === `${base}setpoint`))
      .toMatchObject({ payload: '21.5', qos: 1 });
    await setpoint.fill('99');
    await setpoint.press('Enter');
    await expect
      .poll(() => heard.filter((h) => h.topic === `${base}setpoint`).at(-1)?.payload)
      .toBe('30');

    const message = page.getByRole('textbox', { name: 'Nachricht' });
    await message.fill('Hallo <b>Welt</b>');
    await message.press('Enter');
    await expect
      .poll(() => heard.find((h) => h.topic === `${base}message`)?.payload)
      .toBe('say Hallo <b>Welt</b>');

    await page.getByRole('textbox', { name: 'Farbe' }).fill('#ff8800');
    await expect
      .poll(() => heard.filter((h) => h.topic === `${base}color`).at(-1)?.payload)
      .toBe('{"r":255,"g":136,"b":0}');

    const dimmer = page.getByRole('slider', { name: 'Dimmer' });
    await dimmer.focus();
    await dimmer.press('End');
    await expect
      .poll(() => heard.filter((h) => h.topic === `${base}dim`).at(-1)?.payload)
      .toBe('{"brightness": 100}');
    expect(await retainedOf(broker.tcpUrl, `${base}dim`)).toBe('{"brightness": 100}');
  });

  test('a switch that waits for the device: confirmed by its state, reverted with a hint when silent', async ({
    page,
    broker,
    sensor,
    syncPrefix,
  }) => {
    const base = syncPrefix.replace('dashboards/', 'w/');
    await openWithDashboard(
      page,
      broker,
      dashboardOf('Device', [
        {
          type: 'switch',
          config: {
            label: 'Pumpe',
            topic: `${base}pump/set`,
            stateTopic: `${base}pump/state`,
            onPayload: 'ON',
            onType: 'text',
            offPayload: 'OFF',
            offType: 'text',
            mode: 'wait',
            timeout: 2,
          },
        },
      ]),
    );
    const pump = page.getByRole('switch', { name: 'Pumpe' });
    await sensor.publishAsync(`${base}pump/state`, 'OFF');
    await expect(pump).toHaveAttribute('aria-checked', 'false');

    // A device that echoes its new state after 300 ms.
    const device = await mqtt.connectAsync(broker.tcpUrl, { reconnectPeriod: 0 });
    device.on('message', (_t, p) =>
      setTimeout(() => void device.publishAsync(`${base}pump/state`, p.toString()), 300),
    );
    await device.subscribeAsync(`${base}pump/set`);
    await pump.click();
    await expect(pump).toHaveAttribute('aria-busy', 'true');
    await expect(pump).toHaveAttribute('aria-checked', 'true');
    await expect(pump).not.toHaveAttribute('aria-busy', 'true');

    // The device goes silent: the switch goes back and says so.
    await device.endAsync(true);
    await pump.click();
    await expect(pump).toHaveAttribute('aria-busy', 'true');
    await expect(page.getByText('No answer from the device')).toBeVisible({ timeout: 4000 });
    await expect(pump).toHaveAttribute('aria-checked', 'true');
  });

  test('text, LED and notification show what arrives, as text, and stale values are marked', async ({
    page,
    broker,
    sensor,
    syncPrefix,
  }) => {
    const base = syncPrefix.replace('dashboards/', 'w/');
    await openWithDashboard(
      page,
      broker,
      dashboardOf('Show', [
        {
          type: 'text',
          config: {
            label: 'Luftfeuchte',
            topic: `${base}hum`,
            valuePath: 'hum',
            unit: '%',
            decimals: 1,
            staleAfter: 2,
          },
        },
        { type: 'text', config: { label: 'Rohtext', topic: `${base}raw`, mode: 'raw' } },
        { type: 'indicator', config: { label: 'Anlage', topic: `${base}plant` } },
        {
          type: 'notification',
          config: {
            label: 'Meldungen',
            topic: `${base}alarm`,
            severity: 'warning',
            template: 'Alarm: {value}',
            duration: 0,
          },
        },
      ]),
    );
    const hum = page.getByRole('group', { name: 'Luftfeuchte' });
    await sensor.publishAsync(`${base}hum`, '{"hum": 48.25}');
    await expect(hum).toContainText('48.3');
    await expect(hum).toContainText('%');
    // No message for 2 s: marked stale, and says since when.
    await expect(hum.getByRole('button', { name: /^Stale\./ })).toBeVisible({ timeout: 5000 });
    await sensor.publishAsync(`${base}hum`, '{"hum": 50}');
    await expect(hum.getByRole('button', { name: /^Last update/ })).toBeVisible();

    const evil = '<img src=x onerror="window.__pwned=1">\nzweite Zeile';
    await sensor.publishAsync(`${base}raw`, evil);
    const raw = page.getByRole('group', { name: 'Rohtext' });
    await expect(raw).toContainText('<img src=x onerror="window.__pwned=1">');
    await expect(raw.locator('img')).toHaveCount(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();

    await sensor.publishAsync(`${base}plant`, 'on');
    await expect(page.getByRole('img', { name: 'Anlage: On' })).toBeVisible();
    await sensor.publishAsync(`${base}plant`, 'off');
    await expect(page.getByRole('img', { name: 'Anlage: Off' })).toBeVisible();

    await sensor.publishAsync(`${base}alarm`, 'Wasser im Keller');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Alarm: Wasser im Keller' }),
    ).toBeVisible();
    await expect(page.getByRole('group', { name: 'Meldungen' })).toContainText(
      'Alarm: Wasser im Keller',
    );
  });
});

test('a chart shows its series live and keeps its history over a reload', async ({
  page,
  broker,
  sensor,
  syncPrefix,
}) => {
  const base = syncPrefix.replace('dashboards/', 'w/');
  await openWithDashboard(
    page,
    broker,
    dashboardOf('Verlauf', [
      {
        type: 'chart',
        config: {
          title: 'Temperaturen',
          unit: '°C',
          series: [{ topic: `${base}+/temp`, valuePath: 'temp', label: '', color: '#1f6feb' }],
        },
      },
    ]),
  );
  const chart = page.getByRole('img', { name: /^Temperaturen: chart/ });
  await expect(page.getByRole('group', { name: 'Temperaturen' })).toContainText('Waiting for data');
  // Two readings per room, the second after the first is shown: a line needs two points at
  // two moments (the live worker can take a burst within one millisecond, and two readings
  // of one topic at the same moment are one point on a time axis).
  for (const round of [
    [
      ['kueche', 21],
      ['flur', 18],
    ],
    [
      ['kueche', 22],
      ['flur', 17.5],
    ],
  ] as const) {
    for (const [room, temp] of round)
      await sensor.publishAsync(`${base}${room}/temp`, JSON.stringify({ temp }));
    if (round[0][1] === 21)
      await expect(chart).toHaveAttribute('aria-label', /kueche 21 °C|flur 18 °C/);
  }
  // A wildcard series: one line per matching topic, each with its last value.
  await expect(chart).toHaveAttribute(
    'aria-label',
    /last value kueche 22 °C, flur 17\.5 °C|last value flur 17\.5 °C, kueche 22 °C/,
  );
  await expect(chart.locator('path.recharts-curve')).toHaveCount(2);

  // History is written to IndexedDB every 2 s (and on pagehide): wait until both lines are.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('tafel-chart');
            open.onsuccess = () => {
              const db = open.result;
              const all = db.transaction('series').objectStore('series').getAll();
              all.onsuccess = () => {
                const lines = (all.result as Array<{ lines?: unknown[] }>)
                  .map((r) => r.lines?.length ?? 0)
                  .reduce((a, b) => a + b, 0);
                db.close();
                resolve(lines);
              };
            };
            open.onerror = () => resolve(0);
          }),
      ),
    )
    .toBeGreaterThanOrEqual(2);
  await page.reload();
  await expect(page.getByRole('img', { name: /^Temperaturen: chart/ })).toHaveAttribute(
    'aria-label',
    /kueche 22 °C/,
  );
  await expect(
    page.getByRole('img', { name: /^Temperaturen: chart/ }).locator('path.recharts-curve'),
  ).toHaveCount(2);
});

test('the bad-input matrix: every subscribing widget survives what arrives, and runs no HTML', async ({
  page,
  broker,
  sensor,
  syncPrefix,
}) => {
  const topic = `${syncPrefix.replace('dashboards/', 'w/')}bad`;
  const types = [
    'gauge',
    'text',
    'indicator',
    'notification',
    'slider',
    'switch',
    'dropdown',
    'number-input',
    'color-picker',
  ];
  await openWithDashboard(
    page,
    broker,
    dashboardOf('Bad input', [
      ...types.map((type) => ({ type, config: { label: type, title: type, topic } })),
      {
        type: 'chart',
        config: { title: 'chart', series: [{ topic, valuePath: '', label: '', color: '#1f6feb' }] },
      },
      { type: 'text', config: { label: 'raw', topic, mode: 'raw' } },
    ]),
  );
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const matrix: Array<[string, string | Buffer]> = [
    ['non-numeric text', 'abc'],
    ['invalid JSON', '{"temp": '],
    ['binary', Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28])],
    ['empty', ''],
    ['unicode', 'Grüße 🌡️ 温度'],
    ['HTML and script', evil],
  ];
  // Mosquitto 2.0.11 holds back the message after a ~100 kB one over WebSockets (STACK-NOTES):
  // the 1 MB case runs against the embedded broker.
  if (broker.kind === 'embedded') matrix.push(['1 MB', 'x'.repeat(1024 * 1024)]);
  const raw = page.getByRole('group', { name: 'raw' });
  const gauge = page.getByRole('meter', { name: 'gauge' });
  for (const [name, payload] of matrix) {
    await sensor.publishAsync(topic, payload);
    // Each case's payload differs, so the raw widget showing it proves it arrived.
    const shown =
      payload === ''
        ? '(empty payload)'
        : typeof payload === 'string'
          ? payload.slice(0, 40)
          : 'binary';
    await expect(raw, name).toContainText(shown);
    await expect(gauge, name).toHaveAttribute(
      'aria-valuetext',
      payload === '' ? 'no value (empty payload)' : 'invalid value',
    );
    await expect(page.locator('.widget--error'), name).toHaveCount(0);
    await expect(page.locator('main img'), name).toHaveCount(0);
  }
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await sensor.publishAsync(topic, '42');
  await expect(page.getByRole('meter', { name: 'gauge' })).toHaveAttribute('aria-valuenow', '42');
});

test('a notification on another page of the dashboard toasts, and wakes a dimmed tablet', async ({
  page,
  broker,
  sensor,
  syncPrefix,
}) => {
  const bell = `${syncPrefix.replace('dashboards/', 'w/')}bell`;
  const base = dashboardOf('Haus', [
    { type: 'gauge', config: { title: 'Wohnzimmer', topic: `${bell}/temp` } },
  ]);
  const dashboard = {
    ...base,
    pages: [
      ...base.pages,
      {
        id: 'p2',
        title: 'Flur',
        groups: [
          {
            id: 'g2',
            title: 'Tür',
            width: 6,
            showTitle: true,
            widgets: [
              {
                id: 'bell',
                type: 'notification',
                version: 1,
                config: { label: 'Klingel', topic: bell, template: 'Es klingelt: {value}' },
              },
            ],
          },
        ],
      },
    ],
  };
  await page.addInitScript(() =>
    localStorage.setItem('tafel.tablet', JSON.stringify({ dimAfterMinutes: 0.05 })),
  );
  await openWithDashboard(page, broker, dashboard);
  // The first page is on screen; the notification widget is on the second.
  await expect(page.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('group', { name: 'Klingel' })).toHaveCount(0);
  const dimmed = page.getByRole('button', { name: 'Screen dimmed. Touch to wake.' });
  await expect(dimmed).toBeVisible({ timeout: 6000 });

  await sensor.publishAsync(bell, 'Haustür');
  await expect(page.getByRole('status').filter({ hasText: 'Es klingelt: Haustür' })).toBeVisible();
  await expect(dimmed).toBeHidden();
});
