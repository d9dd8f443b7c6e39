import { expect, openDashboard, test } from './fixtures.ts';

// Runs in the embedded-broker project only (playwright.config.ts): stopping that broker
// stops the whole Tafel server, which is the point here.
test('the installed app shell opens with the server down, and says it is offline', async ({
  page,
  broker,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(
    /WebSocket connection to .* failed|Failed to load resource|net::ERR_CONNECTION_REFUSED/,
  );
  await openDashboard(page, broker);
  // The service worker has cached the shell. It does not claim the page that installed it
  // (registerType "prompt", no clients.claim), so the next load is the first it controls.
  // (A reload from inside page.evaluate raced the evaluation: "Execution context was
  // destroyed" now and then.)
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
  expect(manifest).toMatchObject({ short_name: 'Tafel', display: 'standalone' });

  await broker.stop();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Example' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Temperatur' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(
    /Reconnecting|Offline/,
    { timeout: 10_000 },
  );
  await expect(
    page.getByRole('alert').filter({ hasText: 'Not connected to the broker since' }),
  ).toBeVisible({ timeout: 10_000 });

  // The server comes back: the page from the cache connects and syncs without a reload. (Also:
  // the test does not end while the page is in the middle of connecting, which closed the
  // page under MQTT.js's writes.)
  await broker.start();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/, {
    timeout: 10_000,
  });
  await expect(page.getByRole('status', { name: 'Dashboard sync' })).toHaveText('Synced', {
    timeout: 10_000,
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Not connected' })).toHaveCount(0);
});
