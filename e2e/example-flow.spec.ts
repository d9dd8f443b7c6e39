import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BROKER_OUTAGE_ERRORS, collect, expect, openDashboard, test } from './fixtures.ts';
import { badgeDetails } from './tafel.ts';

// The tutorial's topic: the default dashboard is the tutorial's flow, so the tests use it.
const TOPIC = 'Erdgeschoss/Wohnzimmer/temp';
const run = promisify(execFile);

test.describe('the example flow', () => {
  test('the default dashboard shows the slider and the gauge', async ({ page, broker }) => {
    await openDashboard(page, broker);
    await expect(page.getByRole('region', { name: 'Default' })).toBeVisible();
    const sliderCard = page.getByRole('group', { name: 'Temperatur einstellen' });
    await expect(sliderCard.getByRole('slider', { name: 'Temperatur einstellen' })).toBeVisible();
    const gauge = page
      .getByRole('group', { name: 'Temperatur', exact: true })
      .getByRole('meter', { name: 'Temperatur' });
    await expect(gauge).toBeVisible();
    await expect(gauge).toHaveAttribute('aria-valuemin', '0');
    await expect(gauge).toHaveAttribute('aria-valuemax', '100');
    await expect(gauge).not.toHaveAttribute('aria-valuenow', /.*/);
    await expect(gauge).toHaveAttribute('aria-valuetext', 'no value yet');
  });

  test('the slider moves the gauge through the broker, by keyboard and by pointer', async ({
    page,
    broker,
    sensor,
  }) => {
    const received = await collect(sensor, TOPIC);
    await openDashboard(page, broker);
    const slider = page.getByRole('slider', { name: 'Temperatur einstellen' });
    const gauge = page.getByRole('meter', { name: 'Temperatur' });

    await slider.focus();
    for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
    await expect(gauge).toHaveAttribute('aria-valuenow', '5');
    await expect(gauge).toHaveAttribute('aria-valuetext', '5 °C');
    await expect.poll(() => received.at(-1)).toBe('5');
    expect(received).toEqual(['1', '2', '3', '4', '5']);

    // A pointer drag from a quarter to three quarters of the track.
    received.length = 0;
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    const started = Date.now();
    await page.mouse.move(box.x + box.width * 0.25, y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) {
      await page.mouse.move(box.x + box.width * (0.25 + (0.5 * i) / 20), y);
      await page.waitForTimeout(15);
    }
    await page.mouse.up();
    const dragMs = Date.now() - started;
    const final = await slider.inputValue();
    expect(Number(final)).toBeGreaterThan(65);
    expect(Number(final)).toBeLessThan(85);
    await expect(gauge).toHaveAttribute('aria-valuenow', final);
    await expect.poll(() => received.at(-1)).toBe(final);
    // While dragging: at most one message per 100 ms (plus the first and the final one).
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.length).toBeLessThanOrEqual(Math.ceil(dragMs / 100) + 2);
  });

  test('a sensor publishing over TCP moves the gauge and the slider', async ({
    page,
    broker,
    sensor,
  }) => {
    await openDashboard(page, broker);
    const gauge = page.getByRole('meter', { name: 'Temperatur' });
    const slider = page.getByRole('slider', { name: 'Temperatur einstellen' });

    await sensor.publishAsync(TOPIC, '33');
    await expect(gauge).toHaveAttribute('aria-valuenow', '33');
    await expect(slider).toHaveValue('33');

    await run('mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(broker.tcpPort),
      '-t',
      TOPIC,
      '-m',
      '42',
    ]);
    await expect(gauge).toHaveAttribute('aria-valuenow', '42');
    await expect(gauge).toHaveAttribute('aria-valuetext', '42 °C');
    await expect(page.getByRole('group', { name: 'Temperatur', exact: true })).toContainText('42');
    await expect(slider).toHaveValue('42');
  });

  test('a payload that is not a number shows the invalid state, the next number clears it', async ({
    page,
    broker,
    sensor,
  }) => {
    await openDashboard(page, broker);
    const card = page.getByRole('group', { name: 'Temperatur', exact: true });
    const gauge = card.getByRole('meter', { name: 'Temperatur' });

    await sensor.publishAsync(TOPIC, 'abc');
    await expect(gauge).toHaveAttribute('aria-valuetext', 'invalid value');
    await expect(gauge).not.toHaveAttribute('aria-valuenow', /.*/);
    const invalid = card.getByRole('button', { name: /invalid value/i });
    await expect(invalid).toHaveAttribute('title', /abc/);
    await invalid.click(); // a tablet has no hover: a tap shows the raw text
    await expect(card.getByText('abc', { exact: true })).toBeVisible();

    await sensor.publishAsync(TOPIC, '21.5');
    await expect(gauge).toHaveAttribute('aria-valuenow', '21.5');
    await expect(card).toContainText('21.5');
    await expect(invalid).toBeHidden();
  });

  test('the badge follows the broker going away and coming back, and values flow again', async ({
    page,
    broker,
    allowConsoleErrors,
  }) => {
    // Chromium logs each refused WebSocket attempt as a console error; that is the point here.
    allowConsoleErrors(BROKER_OUTAGE_ERRORS);
    await openDashboard(page, broker);
    const badge = page.getByRole('status', { name: 'Connection' });

    await broker.stop();
    await expect(badge).toHaveText('Reconnecting', { timeout: 10_000 });
    // The attempt is in the badge's details, which follow the state while open.
    const details = await badgeDetails(page, 'Connection');
    await expect(details).toContainText(/attempt \d+/);

    // Let it fail a few times, as after a real restart; then the broker listens again.
    await expect(details).toContainText(/attempt [3-9]/, { timeout: 15_000 });
    await broker.start();
    // A wall tablet is back within 3 s of the broker listening again: the embedded server's
    // /healthz is asked twice a second; another broker is retried every 1.5–2.5 s, plus the
    // time a connect takes (the extra half second is for a loaded CI machine, not the app).
    const listening = Date.now();
    await expect(badge).toHaveText(/Connected/, {
      timeout: broker.kind === 'embedded' ? 3000 : 3500,
    });
    console.log(`[${broker.kind}] back ${Date.now() - listening} ms after the broker listened`);

    // The subscription was restored: a new publish shows.
    const { default: mqtt } = await import('mqtt');
    const sensor = await mqtt.connectAsync(broker.tcpUrl, { reconnectPeriod: 0 });
    try {
      await sensor.publishAsync(TOPIC, '17');
      await expect(page.getByRole('meter', { name: 'Temperatur' })).toHaveAttribute(
        'aria-valuenow',
        '17',
      );
    } finally {
      await sensor.endAsync(true);
    }
  });
});
