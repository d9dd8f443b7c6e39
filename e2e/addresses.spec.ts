import type { Page } from '@playwright/test';
import { dashboardOf, expect, openDashboard, openWithDashboard, test } from './fixtures.ts';
import { Tafel } from './tafel.ts';

/** `path` on the app's server, with the app's query (?broker= for Mosquitto) kept. */
function at(appUrl: string, path: string): string {
  const url = new URL(appUrl);
  url.pathname = path;
  return url.toString();
}

/** The address bar shows `path` (and the query the app was opened with). */
const address = (path: string) => new RegExp(`^[^?#]*//[^/]+${path}(\\?[^#]*)?$`);

async function onPage(page: Page, dashboard: string, tab: string) {
  await expect(page.getByRole('heading', { level: 1, name: dashboard })).toBeVisible();
  await expect(page.getByRole('link', { name: tab, exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
}

test('pages have readable addresses that keep working after a rename', async ({
  page,
  context,
  broker,
}) => {
  const tafel = new Tafel(page);
  await openDashboard(page, broker);
  await tafel.newDashboard('Haus');
  await expect(page).toHaveURL(address('/d/haus'));
  await tafel.addPage('Wohnzimmer');
  await expect(page).toHaveURL(address('/d/haus/wohnzimmer'));

  await page.getByRole('button', { name: 'Page settings' }).click();
  const settings = tafel.dialog('Page settings');
  await settings.getByLabel('Page name').fill('Stube');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(address('/d/haus/stube'));
  await expect(page.getByRole('link', { name: 'Stube', exact: true })).toHaveAttribute(
    'href',
    /^\/d\/haus\/stube(\?|$)/,
  );
  // Saved (debounced by 300 ms) before another tab reads the storage.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('tafel.dashboards') ?? ''))
    .toContain('"stube"');

  // The tablet that was pointed at the old address: a fresh page, same browser storage.
  const tablet = await context.newPage();
  await tablet.goto(at(broker.appUrl, '/d/haus/wohnzimmer'));
  await onPage(tablet, 'Haus', 'Stube');
  await expect(tablet).toHaveURL(address('/d/haus/stube')); // replaced by the current one
  await tablet.close();

  // Undo takes the new slug away again: the page on screen keeps its place, under its old name.
  await page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' }).click();
  await onPage(page, 'Haus', 'Wohnzimmer');
  await expect(page).toHaveURL(address('/d/haus/wohnzimmer'));
});

test('an address with ids, from before slugs, still opens its page', async ({ page, broker }) => {
  // Saved by a Tafel before slugs: no `slugs` anywhere.
  const base = dashboardOf('Keller', []);
  const keller = {
    ...base,
    pages: [...base.pages, { id: 'p2', title: 'Technik', groups: [] }],
  };
  await openWithDashboard(page, broker, keller);
  await expect(page).toHaveURL(address('/d/keller'));

  await page.goto(at(broker.appUrl, '/d/d-keller/p2'));
  await onPage(page, 'Keller', 'Technik');
  await expect(page).toHaveURL(address('/d/keller/technik'));
  // A title typed by hand finds its page too.
  await page.goto(at(broker.appUrl, '/d/Keller/Technik'));
  await onPage(page, 'Keller', 'Technik');
  await expect(page).toHaveURL(address('/d/keller/technik'));
});

test('another device has the same addresses, and follows a rename made elsewhere', async ({
  page,
  broker,
  newDevice,
}) => {
  const tafel = new Tafel(page);
  await openDashboard(page, broker);
  await tafel.newDashboard('Haus');
  await tafel.addPage('Wohnzimmer');
  await expect(page.getByRole('status', { name: 'Dashboard sync' })).toHaveText(/^Synced/);

  // A tablet with its own storage, pointed at the page by hand: the slugs came with the copy.
  const tablet = await newDevice();
  await expect(tablet.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/);
  await expect(tablet.getByRole('heading', { level: 1, name: 'Example' })).toBeVisible();
  await tablet.goto(at(broker.appUrl, '/d/haus/wohnzimmer'));
  await onPage(tablet, 'Haus', 'Wohnzimmer');

  // Renamed on the laptop: the tablet shows the new name, under the new address.
  await page.getByRole('button', { name: 'Page settings' }).click();
  const settings = tafel.dialog('Page settings');
  await settings.getByLabel('Page name').fill('Stube');
  await settings.getByRole('button', { name: 'Save' }).click();
  await onPage(tablet, 'Haus', 'Stube');
  await expect(tablet).toHaveURL(address('/d/haus/stube'));
});

test('an address with an id that needs escaping opens its dashboard', async ({ page, broker }) => {
  // Ids come from other devices and imports: "+" or "/" in one must not make it unreachable.
  const d = { ...dashboardOf('Keller alt', []), id: 'keller+alt/2' };
  await openWithDashboard(page, broker, d);
  await page.goto(at(broker.appUrl, `/d/${encodeURIComponent(d.id)}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Keller alt' })).toBeVisible();
  await expect(page).toHaveURL(address('/d/keller-alt'));
});
