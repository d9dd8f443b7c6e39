import { BROKER_OUTAGE_ERRORS, expect, openDashboard, test } from './fixtures.ts';
import { badgeDetails } from './tafel.ts';

test.describe('the wall tablet', () => {
  test('?kiosk shows only the dashboard: no editing or settings controls', async ({
    page,
    broker,
    sensor,
  }) => {
    const url = new URL(broker.appUrl);
    url.searchParams.set('kiosk', '');
    await page.goto(url.href);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/);
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toBeVisible();
    for (const name of ['Edit', 'Dashboards', 'Broker settings', 'Tablet settings']) {
      await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByRole('button', { name: 'Full screen' })).toBeVisible();
    // Still a live dashboard.
    await sensor.publishAsync('Erdgeschoss/Wohnzimmer/temp', '19');
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toHaveAttribute(
      'aria-valuenow',
      '19',
    );
  });

  test('with a PIN, leaving kiosk mode and editing need the right PIN', async ({
    page,
    broker,
  }) => {
    await openDashboard(page, broker);
    await page.getByRole('button', { name: 'Tablet settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Tablet settings' });
    await settings.getByLabel('PIN to lock editing (4–8 digits)').fill('2468');
    await settings.getByLabel('Kiosk mode: only the dashboard, no editing').check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);

    await page.reload(); // kiosk mode is this browser's setting now
    await page.getByRole('button', { name: 'Exit kiosk' }).click();
    const pin = page.getByRole('dialog', { name: 'Enter the PIN' });
    await pin.getByLabel('PIN').fill('1111');
    await pin.getByRole('button', { name: 'Unlock' }).click();
    await expect(pin.getByRole('alert')).toHaveText('That PIN is not right.');
    await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveCount(0);
    await pin.getByLabel('PIN').fill('2468');
    await pin.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Enter the PIN' })).toBeVisible();
    await page.getByRole('dialog', { name: 'Enter the PIN' }).getByLabel('PIN').fill('2468');
    await page
      .getByRole('dialog', { name: 'Enter the PIN' })
      .getByRole('button', { name: 'Unlock' })
      .click();
    await expect(page.getByRole('button', { name: 'Edit', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  test('kiosk mode asks to keep the screen on where it can, and says how to fix plain HTTP', async ({
    page,
    browser,
    broker,
  }) => {
    // 127.0.0.1 is a secure origin: the real Screen Wake Lock API is asked (and observed).
    await page.addInitScript(() => {
      const w = window as unknown as { __wakeLocks: number };
      w.__wakeLocks = 0;
      const real = navigator.wakeLock?.request.bind(navigator.wakeLock);
      if (real) {
        navigator.wakeLock.request = (type) => {
          w.__wakeLocks++;
          return real(type);
        };
      }
    });
    const url = new URL(broker.appUrl);
    url.searchParams.set('kiosk', '');
    await page.goto(url.href);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __wakeLocks: number }).__wakeLocks))
      .toBeGreaterThan(0);

    // The same page as a plain-HTTP LAN address would be: not a secure context.
    const insecure = await browser.newPage();
    await insecure.addInitScript(() =>
      Object.defineProperty(window, 'isSecureContext', { value: false }),
    );
    await insecure.goto(url.href);
    await expect(
      insecure.getByRole('alert').filter({ hasText: 'cannot be kept on over plain HTTP' }),
    ).toContainText('npm start -- --https');
    await insecure.close();
  });

  test('values turn stale when the broker goes away, and reconnect at once when the page wakes', async ({
    page,
    broker,
    sensor,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors(BROKER_OUTAGE_ERRORS);
    await openDashboard(page, broker);
    await sensor.publishAsync('Erdgeschoss/Wohnzimmer/temp', '23');
    const card = page.getByRole('group', { name: 'Temperatur', exact: true });
    await expect(card.getByRole('meter')).toHaveAttribute('aria-valuenow', '23');

    await broker.stop();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Not connected to the broker since' }),
    ).toBeVisible({ timeout: 8000 });
    await expect(card.getByRole('button', { name: /^Stale\./ })).toBeVisible();

    // Let a few attempts fail, then bring the broker back and wake the page: it reconnects
    // now, not when the timer runs out.
    const badge = page.getByRole('status', { name: 'Connection' });
    await expect(await badgeDetails(page, 'Connection')).toContainText(/attempt 3/, {
      timeout: 15_000,
    });
    await broker.start();
    const woke = Date.now();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(badge).toHaveText(/Connected/, { timeout: 3000 });
    test.info().annotations.push({
      type: 'reconnected after wake (ms)',
      description: String(Date.now() - woke),
    });
    await expect(page.getByRole('alert').filter({ hasText: 'Not connected' })).toHaveCount(0);
  });
});

test('night dimming: after a while without a touch; a doorbell message or a touch wakes it', async ({
  page,
  broker,
  sensor,
  syncPrefix,
}) => {
  const doorbell = `${syncPrefix.replace('dashboards/', '')}doorbell`;
  await page.addInitScript((topic) => {
    // Three seconds instead of minutes, so the test need not wait.
    localStorage.setItem(
      'tafel.tablet',
      JSON.stringify({
        dimAfterMinutes: 0.05,
        wakeTopic: topic,
        wakeRule: { op: '=', value: 'ring' },
      }),
    );
  }, doorbell);
  await openDashboard(page, broker);
  const dimmed = page.getByRole('button', { name: 'Screen dimmed. Touch to wake.' });
  await expect(dimmed).toBeVisible({ timeout: 6000 });
  await sensor.publishAsync(doorbell, 'silent'); // does not match the rule
  // A message after it, from the same sensor, that the page shows: once it is shown, the
  // doorbell's came through too (in order), and did not wake the screen.
  await sensor.publishAsync('Erdgeschoss/Wohnzimmer/temp', '31');
  await expect(page.getByRole('meter', { name: 'Temperatur' })).toHaveAttribute(
    'aria-valuenow',
    '31',
  );
  await expect(dimmed).toBeVisible();
  await sensor.publishAsync(doorbell, 'ring');
  await expect(dimmed).toBeHidden();
  await expect(dimmed).toBeVisible({ timeout: 6000 });
  await page.mouse.click(200, 400); // a tap anywhere
  await expect(dimmed).toBeHidden();
});
