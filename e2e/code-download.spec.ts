import type { Page } from '@playwright/test';
import { expect, openDashboard, test } from './fixtures.ts';
import { badgeDetails } from './tafel.ts';

/**
 * A server that blinks while a page downloads its lazy code (a restart, Wi-Fi roaming, the
 * first visit before the service worker has cached anything) must not leave a wall tablet
 * with empty cards until someone reloads it: the parts come by themselves once the code can
 * be fetched again.
 */

const FAILED =
  'Could not download this part of Tafel. It comes by itself when the server is reachable again.';

/**
 * Fails every download of code that the first page load does not need (the lazy chunks: widget
 * views, the gauge's drawing, the editor) until `unblock()`, as a server that went away would.
 */
async function blockLazyCode(page: Page, appUrl: string) {
  const html = await (await fetch(appUrl)).text();
  const needed = new Set(
    [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, appUrl).pathname),
  );
  let blocked = true;
  let refused = 0;
  await page.route('**/assets/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (blocked && !needed.has(path)) {
      refused++;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  return {
    unblock: () => {
      blocked = false;
    },
    refused: () => refused,
  };
}

test('widgets whose code could not be downloaded appear by themselves when it can be', async ({
  page,
  broker,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
  const code = await blockLazyCode(page, broker.appUrl);
  await page.goto(broker.appUrl);

  // The cards are there with their titles and say what is missing — not an error card.
  const gaugeCard = page.getByRole('group', { name: 'Temperatur', exact: true });
  const sliderCard = page.getByRole('group', { name: 'Temperatur einstellen' });
  await expect(gaugeCard.getByRole('status')).toHaveText(FAILED);
  await expect(sliderCard.getByRole('status')).toHaveText(FAILED);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(code.refused()).toBeGreaterThan(0);
  // The MQTT client is one of those downloads: the badge says so and keeps trying.
  const badge = page.getByRole('status', { name: 'Connection' });
  await expect(badge).toHaveText('Reconnecting');
  await expect(await badgeDetails(page, 'Connection')).toContainText(
    'could not download the MQTT client from the server',
  );
  await page.keyboard.press('Escape');

  // Tried again with backoff, still failing: still waiting, nothing broken.
  await page.waitForTimeout(2500);
  await expect(gaugeCard.getByRole('status')).toHaveText(FAILED);

  code.unblock();
  // The next retries (backoff at most 4 s by now) bring the connection and both widgets, live.
  await expect(badge).toHaveText(/Connected/, { timeout: 8000 });
  const gauge = gaugeCard.getByRole('meter', { name: 'Temperatur' });
  await expect(gauge).toBeVisible({ timeout: 8000 });
  const slider = sliderCard.getByRole('slider', { name: 'Temperatur einstellen' });
  await slider.focus();
  await slider.press('ArrowRight');
  await expect(gauge).toHaveAttribute('aria-valuenow', '1');
  await expect(page.getByText(FAILED)).toHaveCount(0);
});

test('Edit during an outage keeps the dashboard live and opens the editor once the code comes', async ({
  page,
  broker,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
  await openDashboard(page, broker);
  // The widgets' code is in; only the editor's is missing when Edit is pressed.
  const gauge = page.getByRole('meter', { name: 'Temperatur' });
  await expect(gauge).toBeVisible();
  const code = await blockLazyCode(page, broker.appUrl);

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  // The widgets stay as they were, still live, while the editor's grid cannot be fetched.
  const slider = page.getByRole('slider', { name: 'Temperatur einstellen' });
  await slider.focus();
  await slider.press('ArrowRight');
  await expect(gauge).toHaveAttribute('aria-valuenow', '1');
  await expect.poll(() => code.refused()).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: /^Settings for Temperatur$/ })).toHaveCount(0);

  code.unblock();
  await expect(page.getByRole('button', { name: /^Settings for Temperatur$/ })).toBeVisible({
    timeout: 8000,
  });
});
